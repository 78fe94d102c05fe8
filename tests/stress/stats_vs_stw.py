# gilt.stats() drains the event rings (the trace's drain lock, then the thread list)
# while other threads stop the world (which holds the thread list, and waits for
# every attached thread, so for a thread inside stats() too): gc.collect() in a loop
# and gilt.set_gil() toggling.  A lock-order cycle between the three deadlocks: the
# program hangs (run.sh's timeout fails it).  Every loop here is bounded.
import gc
import os
import threading
import gilt

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
ROUNDS = max(50, int(2000 * SCALE))

start = threading.Barrier(5)

def stats_reader():
    start.wait()
    for _ in range(ROUNDS):
        s = gilt.stats()
        assert s["events"] >= 0 and "gc_count" in s

def collector():
    start.wait()
    for _ in range(ROUNDS // 4):
        junk = [[str(i)] for i in range(20)]
        gc.collect()

def toggler():
    start.wait()
    for i in range(ROUNDS // 4):
        gilt.set_gil(i % 2 == 0)
    gilt.set_gil(False)

ts = [threading.Thread(target=stats_reader) for _ in range(3)]
ts += [threading.Thread(target=collector), threading.Thread(target=toggler)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("ok")
