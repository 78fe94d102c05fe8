# Toggling the GIL while 4 threads run: the main thread switches it on and off
# (each switch stops the world) while workers append to a shared list and update a
# shared dict under a lock.  Every append and every locked update must count.
import threading
import gilt

THREADS, STEPS = 4, 30000
shared = []
totals = {}
lock = threading.Lock()
running = threading.Barrier(THREADS + 1)

def work(k):
    running.wait()                 # all four are running before the switching starts
    for i in range(STEPS):
        shared.append(i)
        if i % 10 == 0:
            with lock:
                totals[k] = totals.get(k, 0) + 1

ts = [threading.Thread(target=work, args=(k,)) for k in range(THREADS)]
for t in ts:
    t.start()
running.wait()
switches = 0
while switches < 20 or any(t.is_alive() for t in ts):
    gilt.set_gil(not gilt.gil_enabled())
    switches += 1
for t in ts:
    t.join()
assert len(shared) == THREADS * STEPS, len(shared)
assert totals == {k: STEPS // 10 for k in range(THREADS)}, totals
print("ok")
