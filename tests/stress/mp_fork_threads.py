# os.fork() while threads append to, replace items of and read one shared list of
# strs and one dict (heap objects, not small ints).  Each child -- where only the
# forking thread exists -- must find every item intact, copy, sort and repr the
# containers, run a collection, start threads of its own, and exit 0; the parent
# checks every child's status.  A torn container, a lock left held by a thread that
# did not come along, or a stuck stop of the world would crash or hang a child.
import gc
import os
import threading

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
FORKS = max(10, int(60 * SCALE))

shared = ["s%d" % i for i in range(300)]
table = {}
stop = threading.Event()


def writer(k):
    i = 0
    while not stop.is_set():
        shared[i % 300] = "s%d" % (i % 300)
        shared.append("x%d-%d" % (k, i))
        if len(shared) > 2000:
            del shared[300:]
        table["k%d" % (i % 50)] = ["v", str(i)]
        i += 1


def reader():
    while not stop.is_set():
        repr(shared[:50])
        list(table.items())


def check_in_child():
    items = list(shared)
    if not all(isinstance(s, str) and s[0] in "sx" for s in items):
        return 1
    items.sort()
    if len(repr(items)) < 300 or threading.active_count() != 1:
        return 2
    for v in list(table.values()):
        if v[0] != "v" or not v[1].isdigit():
            return 3
    gc.collect()
    out = []
    kids = [threading.Thread(target=lambda: out.append(len(shared))) for _ in range(2)]
    for t in kids:
        t.start()
    for t in kids:
        t.join()
    return 0 if len(out) == 2 else 4


threads = [threading.Thread(target=writer, args=(k,)) for k in range(2)] + [threading.Thread(target=reader)]
for t in threads:
    t.start()
bad = []
for n in range(FORKS):
    pid = os.fork()
    if pid == 0:
        os._exit(check_in_child())
    _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        bad.append(status)
stop.set()
for t in threads:
    t.join()
print("ok" if not bad else "children failed: %r" % bad)
