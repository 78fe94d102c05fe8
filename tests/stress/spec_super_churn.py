# super() under the specializing eval loop, under change: reader threads run methods
# whose `super().m(...)` has been specialized (LOAD_GLOBAL_SUPER: no super object;
# LOAD_METHOD_SUPER: the explicit form), while a writer thread keeps changing what
# those lookups find -- replacing the base class's method, giving the class in the
# middle of the MRO a method of its own and taking it away, shadowing the method in
# the instances' dicts (which super() must ignore), and rebinding `super` itself as a
# global now and then.  Every method returns a fresh heap object, so a cache that
# kept a stale or freed function would fail a check or crash.  Each call must return
# what one of the functions the writer installed returns, never anything else.
import os
import threading

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

class Base:
    def run(self, n):
        return Token("base", n)

class Middle(Base):
    pass

class Leaf(Middle):
    def run(self, n):
        return super().run(n + 1)               # LOAD_GLOBAL_SUPER
    def run_explicit(self, n):
        return super(Leaf, self).run(n + 2)     # LOAD_METHOD_SUPER

class Other(Base):                              # the same site, another MRO
    def run(self, n):
        return super().run(n + 3)

RUN_TAGS = ("base", "base2", "middle", "fake")
leaves = [Leaf() for _ in range(4)] + [Other() for _ in range(2)]
stop = []
errors = []
passes = [0, 0]

def reader(k):
    try:
        while not stop:
            passes[k] += 1
            for o in leaves:
                check(type(o).run(o, 1), RUN_TAGS)    # super() never sees o's dict
                check(o.run(1), RUN_TAGS + ("shadow",))
                if type(o) is Leaf:
                    check(o.run_explicit(1), RUN_TAGS)
    except BaseException as e:
        errors.append(repr(e))

def base2(self, n):
    return Token("base2", n)

def middle(self, n):
    return Token("middle", n)

class FakeSuper:
    def run(self, n):
        return Token("fake", n)

def writer():
    try:
        i = 0
        while (i < ROUNDS or min(passes) < 50) and not errors:
            i += 1
            if i % 5 == 0:
                Base.run = base2 if i % 10 == 0 else (lambda self, n: Token("base", n))
            if i % 7 == 0:
                Middle.run = middle                   # found before Base's now
            if i % 7 == 3 and "run" in Middle.__dict__:
                del Middle.run
            if i % 11 == 0:
                o = leaves[i % len(leaves)]
                o.run = lambda n: Token("shadow", n)  # shadows the method for o.run(),
                o.extra = Token("extra", i)           # not for super().run
            if i % 11 == 5:
                o = leaves[(i - 5) % len(leaves)]
                o.__dict__.pop("run", None)
            if i % 13 == 0:
                globals()["super"] = lambda *a: FakeSuper()   # a global shadows the builtin
            if i % 13 == 4:
                globals().pop("super", None)
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
assert min(passes) >= 50, passes
print("ok")
