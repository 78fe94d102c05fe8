# 2 to 8 threads append to one list at once (with the GIL off they really do run
# together): list.append is atomic, so no append is lost and none is doubled.
import threading

STEPS = 20000
shared = []

def work(k, n):
    for i in range(n):
        shared.append(k * STEPS + i)

for nthreads in (2, 4, 8):
    shared.clear()
    ts = [threading.Thread(target=work, args=(k, STEPS)) for k in range(nthreads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert len(shared) == nthreads * STEPS, (nthreads, len(shared))
    assert sorted(shared) == list(range(nthreads * STEPS)), nthreads
    # each thread's own appends keep their order
    for k in range(nthreads):
        mine = [x for x in shared if x // STEPS == k]
        assert mine == list(range(k * STEPS, (k + 1) * STEPS)), k
print("ok")
