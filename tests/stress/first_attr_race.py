# Two threads set the first attributes of the same fresh objects at once.  Each
# object's __dict__ is made on its first attribute; if both threads made one, one
# thread's attribute would be lost (object.c, g_instance_dict_get_or_make installs
# the dict with a compare-and-swap).  A reader meanwhile copies the dicts.
import os
import threading

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
N = max(2000, int(40000 * SCALE))

class C:
    pass

objs = [C() for _ in range(N)]
start = threading.Barrier(3)
done = []

def writer(name):
    start.wait()
    for o in objs:
        setattr(o, name, [name])      # a heap value, not a small int
    done.append(name)

def reader():
    start.wait()
    copies = 0
    while len(done) < 2:
        for o in objs[::97]:
            d = dict(vars(o))         # vars() makes the dict too, if it is missing
            assert set(d) <= {"a", "b"}, d
            copies += 1
    assert copies > 0

ts = [threading.Thread(target=writer, args=(n,)) for n in ("a", "b")] + [threading.Thread(target=reader)]
for t in ts:
    t.start()
for t in ts:
    t.join()
lost = [o for o in objs if vars(o) != {"a": ["a"], "b": ["b"]}]
assert not lost, (len(lost), vars(lost[0]))
print("ok")
