# Long chains (see long_chains.py) built and dropped by threads, whose stacks are
# bigger than the main thread's (16 MB) but not unbounded: freeing must not recurse
# once per link.  Also a chain built by one thread and dropped by another -- while
# the builder still runs (the head goes through the builder's merge queue, so the
# builder frees the chain) and after the builder has exited (the dropper frees it)
# -- and two threads freeing chains at once.  The live objects come back each time.
import os
import threading
import gilt
from _chains import *

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
DEEP = max(20000, int(1000000 * SCALE))
LINKS = max(20000, int(300000 * SCALE))

def in_thread(fn, *args):
    t = threading.Thread(target=fn, args=args)
    t.start()
    t.join()

# 1. built and dropped by one thread
for build, n in ((build_list, DEEP), (build_nodes, LINKS), (build_started_generators, LINKS)):
    before = gilt._live_objects()
    in_thread(build_and_drop, build, n)
    check_settled(before, "%s(%d) in a thread" % (build.__name__, n))

# 2. built by a thread that has exited, dropped by another
for build, n in ((build_list, DEEP), (build_dict, LINKS)):
    before = gilt._live_objects()
    box = []
    in_thread(lambda: box.append(build(n)))
    in_thread(box.clear)
    del box
    check_settled(before, "%s(%d) dropped after its builder exited" % (build.__name__, n))

# 3. built by a thread that is still running, dropped by main
for build, n in ((build_list, DEEP), (build_nodes, LINKS)):
    before = gilt._live_objects()
    box = []
    built = threading.Event()
    dropped = threading.Event()
    def builder():
        box.append(build(n))
        built.set()
        dropped.wait()
        for _ in range(1000):     # keep running: merges happen at eval-breaker checks
            pass
    t = threading.Thread(target=builder)
    t.start()
    built.wait()
    box.clear()
    dropped.set()
    t.join()
    del t, box, built, dropped, builder
    check_settled(before, "%s(%d) dropped while its builder runs" % (build.__name__, n))

# 4. two threads at once, each with its own chains
before = gilt._live_objects()
def both():
    build_and_drop(build_list, DEEP)
    build_and_drop(build_nodes, LINKS)
ts = [threading.Thread(target=both) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
del ts, t
check_settled(before, "two threads at once")
print("ok")
