# The specializing eval loop under change: reader threads run code whose globals,
# attribute reads, property reads, method calls and attribute stores have been
# specialized (vm/specialize.c), while a writer thread keeps changing what those
# instructions found -- rebinding globals, adding and deleting globals (so the
# module dict's table is rebuilt), replacing a class's method and property,
# shadowing and unshadowing them in instance dicts.  Every value is a fresh heap
# object, so a cache that kept a stale or freed object would fail a check or crash.
# Each read must return one of the values a writer stored, never anything else.
import os
import threading
import gilt

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
ROUNDS = max(2000, int(30000 * SCALE))

class Token:
    def __init__(self, tag, n):
        self.tag = tag
        self.n = n
        self.label = "%s-%d" % (tag, n)

def check(t, tags):
    assert isinstance(t, Token), t
    assert t.tag in tags and t.label == "%s-%d" % (t.tag, t.n), t.label

current = Token("global", 0)

class Shape:
    def __init__(self, n):
        self.size = Token("size", n)
        self.count = 0
    def area(self):
        return Token("area", 1)
    @property
    def perimeter(self):
        return Token("perimeter", self.count)

shapes = [Shape(i) for i in range(8)]
stop = []
errors = []
passes = [0, 0]          # each reader's passes over the shapes

def reader(k):
    try:
        n = 0
        while not stop:
            passes[k] += 1
            for s in shapes:
                check(current, ("global",))                  # LOAD_GLOBAL_MODULE
                check(s.size, ("size",))                # LOAD_ATTR_INSTANCE
                check(s.area(), ("area", "area2", "inst"))    # LOAD_METHOD_CACHED
                check(s.perimeter, ("perimeter", "perimeter2"))  # LOAD_ATTR_PROPERTY
                s.count = s.count + 1                         # STORE_ATTR_INSTANCE
                n += len(s.size.label)                        # LOAD_GLOBAL_BUILTIN
        assert n > 0
    except BaseException as e:
        errors.append(repr(e))

def area2(self):
    return Token("area2", 2)

def writer():
    global current
    try:
        i = 0
        # at least ROUNDS changes, and until each reader has made 50 passes under
        # them (however the threads are scheduled)
        while (i < ROUNDS or min(passes) < 50) and not errors:
            i += 1
            current = Token("global", i)
            s = shapes[i % len(shapes)]
            s.size = Token("size", i)
            if i % 7 == 0:
                Shape.area = area2 if i % 14 == 0 else (lambda self: Token("area", 1))
            if i % 11 == 0:
                Shape.perimeter = property(lambda self: Token("perimeter2", 0))
            if i % 13 == 0:
                s.area = lambda: Token("inst", 0)             # shadow the method
            if i % 13 == 6:
                s.__dict__.pop("area", None)
            if i % 17 == 0:
                globals()["extra%d" % i] = Token("extra", i)  # grows the module dict
            if i % 17 == 8:
                globals().pop("extra%d" % (i - 8), None)
            if i % 19 == 0:
                for j in range(6):                            # the instance dict grows
                    setattr(s, "extra%d" % j, Token("extra", j))   # (its table is rebuilt)
            if i % 19 == 9 and i > 19:
                grown = shapes[(i - 9) % len(shapes)]         # the one grown 9 rounds ago
                for j in range(6):
                    delattr(grown, "extra%d" % j)
    except BaseException as e:
        errors.append(repr(e))
    finally:
        stop.append(1)

ts = [threading.Thread(target=reader, args=(k,)) for k in range(2)]
ts.append(threading.Thread(target=writer))
for t in ts:
    t.start()
for t in ts:
    t.join()
assert not errors, errors
assert all(isinstance(s.count, int) for s in shapes)
assert min(passes) >= 50, passes
print("ok")
