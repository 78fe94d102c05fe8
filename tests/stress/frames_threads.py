# Frames under threads: each thread's calls use its own frame stack, while
# generators -- whose frames are on the heap -- are made deep in one thread's
# recursion and passed around: every thread takes a generator from a shared queue,
# advances it one step (its frame now chains to this thread's stack), and passes
# it on, so a generator is resumed by many threads, including ones started after it
# was made and after the thread that made it has exited.  Threads also recurse into
# RecursionError now and then and carry on.  Every value must come out once, in
# order per generator.
import os
import queue
import threading

SCALE = float(os.environ.get("GILT_STRESS_SCALE", "1"))
GENS = max(40, int(400 * SCALE))
STEPS = max(20, int(60 * SCALE))
WORKERS = 4

def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)

def forever(n):
    return forever(n + 1)

def numbers(name, k):
    for i in range(k):
        d = depth(i % 40)                  # frames pushed from inside the generator's
        yield (name, i, "v%d" % (i + d - d))   # a fresh heap string each step

def made_at(n, name, k):
    return numbers(name, k) if n == 0 else made_at(n - 1, name, k)

work = queue.Queue()
results = {}
lock = threading.Lock()
errors = []

def maker(lo, hi):
    for j in range(lo, hi):
        work.put(made_at(50 + j % 200, j, STEPS))

def worker(w):
    steps = 0
    while True:
        g = work.get()
        if g is None:
            work.put(None)
            return
        try:
            item = next(g)
        except StopIteration:
            with lock:
                done[0] += 1
                if done[0] == GENS:
                    work.put(None)
            continue
        except Exception as e:              # never expected
            errors.append(repr(e))
            return
        with lock:
            results.setdefault(item[0], []).append(item)
        work.put(g)
        steps += 1
        if steps % 500 == 0:
            try:
                forever(0)
            except RecursionError:
                pass

done = [0]
makers = [threading.Thread(target=maker, args=(m * GENS // 2, (m + 1) * GENS // 2)) for m in range(2)]
for t in makers:
    t.start()
for t in makers:
    t.join()                                # the makers have exited: their stacks are gone
workers = [threading.Thread(target=worker, args=(w,)) for w in range(WORKERS)]
for t in workers:
    t.start()
for t in workers:
    t.join()
assert not errors, errors
assert sorted(results) == list(range(GENS)), len(results)
for j, items in results.items():
    assert items == [(j, i, "v%d" % i) for i in range(STEPS)], (j, items[:3])
print("ok")
