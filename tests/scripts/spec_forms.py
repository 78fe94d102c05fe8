# gilt.specialized(f) lists the instructions of f the eval loop has rewritten into a
# specialized form (vm/specialize.c).  Each form appears once its instruction has run
# a few times in one situation, and goes away when the situation changes for good.
import gilt

class V:
    LIMIT = 3
    def __init__(self, x):
        self.x = x
    def get(self):
        return self.x
    @property
    def doubled(self):
        return self.x * 2
    def bump(self):
        self.x = self.x + 1

def uses(v):
    return v.get() + v.x + v.doubled + v.LIMIT + len("ab") + OFFSET

OFFSET = 100
vs = [V(i) for i in range(50)]
for v in vs:
    uses(v)
    v.bump()
for line, generic, special in gilt.specialized(uses):
    print(line, generic, "->", special)
print(gilt.specialized(V.bump))
print(gilt.specialized(vs[0].bump) == gilt.specialized(V.bump))

# a site that sees many types stays (or goes back to) generic
class A:
    def __init__(self): self.x = 1
class B:
    def __init__(self): self.x = 2
def poly(o):
    return o.x
objs = [A(), B()] * 100
print(sum(poly(o) for o in objs))
print(all(s[1] == "LOAD_ATTR" for s in gilt.specialized(poly)))

# super(): `super().f()` needs no super object (LOAD_GLOBAL_SUPER does the CALL and
# the LOAD_METHOD too); the explicit form makes one, and its lookup is cached
class SBase:
    def f(self): return 1
class SSub(SBase):
    def f(self): return super().f() + 1
    def g(self): return super(SSub, self).f() + 2
ss = SSub()
print(sum(ss.f() + ss.g() for _ in range(50)))
for line, generic, special in gilt.specialized(SSub.f):
    print(line, generic, "->", special)
print(gilt.specialized(SSub.g))

try:
    gilt.specialized(42)
except TypeError as e:
    print("TypeError:", e)
