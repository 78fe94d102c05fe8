# _thread.start_new_thread returns the new thread's identifier: the same number that
# _thread.get_ident() gives inside that thread, even when the thread has already run
# to the end (and freed its start-up data) by the time start_new_thread returns.
# Threads alive at the same time have distinct identifiers.
import _thread
import os
import time

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
N = max(50, int(2000 * SCALE))
lock = _thread.allocate_lock()

def wait_for(results, n):
    while True:
        with lock:
            if len(results) >= n:
                return
        time.sleep(0.001)

def check(returned, results):
    seen = dict(results)
    assert len(seen) == len(returned), (len(seen), len(returned))
    bad = [k for k in returned if returned[k] != seen[k]]
    assert not bad, "start_new_thread returned %r, the thread said %r" % (returned[bad[0]], seen[bad[0]])

# 1. threads that end at once: start_new_thread may return after the thread is gone
results = []
def quick(key):
    with lock:
        results.append((key, _thread.get_ident()))

returned = {}
for i in range(N):
    key = "quick%d" % i
    returned[key] = _thread.start_new_thread(quick, (key,))
wait_for(results, N)
check(returned, results)

# 2. threads that stay alive until all have started: distinct identifiers
results = []
gate = _thread.allocate_lock()
gate.acquire()
finished = []
def held(key):
    with lock:
        results.append((key, _thread.get_ident()))
    gate.acquire()          # every thread waits here until main opens the gate
    gate.release()
    with lock:
        finished.append(key)

M = max(20, N // 4)
returned = {}
for i in range(M):
    key = "held%d" % i
    returned[key] = _thread.start_new_thread(held, (key,), {})
wait_for(results, M)
check(returned, results)
idents = [ident for key, ident in results]
assert len(set(idents)) == M, "%d threads alive at once share identifiers" % (M - len(set(idents)))
assert _thread.get_ident() not in idents
gate.release()
wait_for(finished, M)
print("ok")
