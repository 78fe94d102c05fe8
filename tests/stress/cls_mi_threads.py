# Multiple inheritance under threads.  Makers create diamond-shaped classes with
# mixins (counted and collected: made inside a function) and call through their
# MROs with cooperative super() chains; writers keep replacing attributes of a
# shared base class -- a heap string and a method -- while readers look them up
# through the subclasses' MROs, call them, and take reprs.  Every value read must
# be one that some writer stored, whole; every chain must visit the MRO in order.
import os
import threading

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
N = max(200, int(4000 * SCALE))
MAKERS, WRITERS, READERS = 2, 2, 2

class Root:
    label = "label-start"
    def chain(self):
        return ["Root"]
    def shout(self):
        return "shout-start"

class Left(Root):
    def chain(self):
        return ["Left"] + super().chain()

class Right(Root):
    def chain(self):
        return ["Right"] + super().chain()

class Mixin:
    def __repr__(self):
        return "<" + type(self).__name__ + " " + self.label + ">"

class Shared(Mixin, Left, Right):
    def chain(self):
        return ["Shared"] + super().chain()

LABELS = ["label-" + str(i) * 3 for i in range(8)] + ["label-start"]
SHOUTS = ["shout-" + str(i) * 5 for i in range(8)] + ["shout-start"]
errors = []

def make_class(i):
    class A(Root):
        def chain(self):
            return ["A"] + super().chain()
    class B(Root):
        def chain(self):
            return ["B"] + super().chain()
    class D(Mixin, A, B):
        label = "made-" + str(i)
        def chain(self):
            return ["D"] + super().chain()
    return D

def maker(k):
    try:
        for i in range(N):
            D = make_class(i)
            d = D()
            assert d.chain() == ["D", "A", "B", "Root"], d.chain()
            assert [c.__name__ for c in D.__mro__] == ["D", "Mixin", "A", "B", "Root", "object"]
            assert repr(d) == "<D made-" + str(i) + ">", repr(d)
            assert d.shout() in SHOUTS
    except Exception as e:
        errors.append(repr(e))

def label_repr(self):
    return "<" + type(self).__name__ + " " + self.label + ">"

def writer(k):
    try:
        for i in range(N):
            if i % 50 == 0:
                # a dunder set on a base: its subclasses' slots change, world stopped
                Mixin.__repr__ = label_repr
            Root.label = LABELS[(i + k) % 8]
            s = SHOUTS[(i * 3 + k) % 8]
            Root.shout = (lambda s: lambda self: s)(s)
    except Exception as e:
        errors.append(repr(e))

def reader(k):
    try:
        obj = Shared()
        for i in range(N):
            assert obj.chain() == ["Shared", "Left", "Right", "Root"]
            assert obj.label in LABELS, obj.label
            assert Shared.label in LABELS
            r = repr(obj)
            assert r[:8] == "<Shared " and r[8:-1] in LABELS, r
            assert obj.shout() in SHOUTS
            assert isinstance(obj, (Left, Right)) and issubclass(Shared, Root)
    except Exception as e:
        errors.append(repr(e))

threads = [threading.Thread(target=maker, args=(k,)) for k in range(MAKERS)]
threads += [threading.Thread(target=writer, args=(k,)) for k in range(WRITERS)]
threads += [threading.Thread(target=reader, args=(k,)) for k in range(READERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not errors, errors[:3]
print("ok")
