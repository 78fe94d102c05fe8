# A loop that makes a class per iteration -- type(), a class statement inside a
# function, exec -- a million times in all, keeping none: classes, their functions
# and code objects are counted by deferred reference counting, so only the cycle
# collector can free them, and it must.  The live objects stay bounded (checked as
# the loop runs, so a leak fails early) and so does the peak resident memory.
import os
import gilt

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
LIVE_MAX = 150000      # a leak holds ~4 objects per class: 50,000 classes
RSS_MAX_KB = 200000

def make(i):
    class C:
        x = i
        def get(self):
            return self.x
    return C

def by_type(i):
    return type("T", (), {"x": i, "name": str(i)})

def by_class(i):
    C = make(i)
    assert C().get() == i
    return C

def by_exec(i):
    ns = {}
    exec("class E:\n    def f(self):\n        return %d\n" % i, ns)
    return ns["E"]

for how, n in ((by_type, 500000), (by_class, 400000), (by_exec, 100000)):
    n = max(5000, int(n * SCALE))
    for i in range(n):
        C = how(i)
        if i % 10000 == 0:
            live = gilt._live_objects()
            assert live < LIVE_MAX, "%s: %d live objects after %d classes" % (how.__name__, live, i)
    del C
assert gilt._peak_rss_kb() < RSS_MAX_KB, gilt._peak_rss_kb()
print("ok")
