# Biased refcounting's owner/non-owner race: a writer replaces the strings it made
# (its own local count reaches zero and it hands the object over to the shared
# count) while readers take the same strings out of the list (lst[i], lst[:], a for
# loop, repr) and drop them (shared decrements).  Each string must be freed exactly
# once: a double free crashes or corrupts the heap, and shows in the live count.
import os
import threading
import gilt

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
WRITES = max(2000, int(400000 * SCALE))
SLOTS = 32

def run(writers, readers):
    lst = [str(i) * 3 for i in range(writers * SLOTS)]
    done = []

    def write(k):
        base = k * SLOTS
        for r in range(WRITES):
            lst[base + r % SLOTS] = str(r) * 3     # fresh, owned by this thread
        done.append(k)

    def read(kind):
        n = len(lst)
        r = 0
        while len(done) < writers:
            x = lst[r % n]
            assert len(x) % 3 == 0, x
            if kind == 0:
                c = lst[:]
                assert len(c) == n
            elif kind == 1:
                for y in lst:
                    assert len(y) % 3 == 0
            else:
                assert repr(lst).startswith("['")
            r += 1

    ts = [threading.Thread(target=write, args=(k,)) for k in range(writers)]
    ts += [threading.Thread(target=read, args=(k % 3,)) for k in range(readers)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert sorted(done) == list(range(writers))
    for s in lst:
        assert len(s) % 3 == 0

before = gilt._live_objects()
for writers, readers in ((1, 1), (1, 2), (2, 1), (2, 2)):
    run(writers, readers)
# every string replaced was freed once: not leaked, not freed twice (which would
# count more frees than allocations)
diff = gilt._live_objects() - before
assert -10 < diff < 300, diff
print("ok")
