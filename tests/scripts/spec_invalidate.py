# The specializing eval loop caches what an instruction found last time (globals,
# builtins, instance attributes, class attributes, properties, methods, stores).
# Every way of changing what it found must be seen at once -- each loop below runs
# long enough for its instructions to be specialized first (a few dozen runs).
import builtins

N = 200

# --- globals and builtins -----------------------------------------------------------
counter = 0
def read_counter():
    return counter

def read_len(x):
    return len(x)

out = []
for i in range(N):
    counter = i                      # replacing a value: caches stay valid
    out.append(read_counter())
print(out[-3:], sum(out))

print([read_len("abc") for _ in range(N)][-1])
def len(x):                          # a global now shadows the builtin
    return -1
print(read_len("abc"))
del len                              # gone again: the builtin shows through
print(read_len("abc"))

def read_missing():
    return not_yet_defined
for i in range(3):
    try:
        read_missing()
    except NameError as e:
        print("NameError:", e)
not_yet_defined = "now defined"
print(read_missing())
del not_yet_defined
try:
    read_missing()
except NameError as e:
    print("NameError again:", e)

saved = builtins.abs
def use_abs(x):
    return abs(x)
print(sum(use_abs(-i) for i in range(N)))
builtins.abs = lambda x: 1000       # a builtin replaced in builtins itself
print(use_abs(-5))
builtins.abs = saved
print(use_abs(-5))

# many globals added after specialization (the module dict's table is rebuilt)
def read_counter2():
    return counter
for i in range(N):
    read_counter2()
for k in range(100):
    globals()["g%d" % k] = k
counter = "after rebuild"
print(read_counter2(), g99)

# --- instance attributes ------------------------------------------------------------
class P:
    def __init__(self, x):
        self.x = x
        self.y = x * 2

def get_y(p):
    return p.y

ps = [P(i) for i in range(N)]
print(sum(get_y(p) for p in ps))
q = P(1)
del q.x                              # the dict's layout differs: y moved? still found
print(get_y(q))
r = P(2)
r.__dict__.clear()
r.y = "re-added"
print(get_y(r))
try:
    get_y(object.__new__(P))
except AttributeError as e:
    print("AttributeError:", e)

# a data descriptor added to the class wins over the instance dict
P.y = property(lambda self: "property now")
print(get_y(ps[0]))
del P.y
print(get_y(ps[0]))

# __getattribute__ defined later
P.__getattribute__ = lambda self, name: "intercepted " + name
print(get_y(ps[0]))
del P.__getattribute__
print(get_y(ps[0]))

# a subclass sees its base change
class Q(P):
    pass
qs = [Q(i) for i in range(N)]
print(sum(get_y(p) for p in qs))
P.y = property(lambda self: "base property")
print(get_y(qs[0]))
del P.y
print(get_y(qs[0]))

# --- class attributes -----------------------------------------------------------------
class K:
    LIMIT = 10

def limit(k):
    return k.LIMIT

ks = [K() for _ in range(N)]
print(sum(limit(k) for k in ks))
K.LIMIT = 20
print(limit(ks[0]))
ks[1].LIMIT = "own"                  # an instance attribute shadows it
print(limit(ks[1]), limit(ks[2]))
del K.LIMIT
try:
    limit(ks[2])
except AttributeError as e:
    print("AttributeError:", e)

# --- properties -------------------------------------------------------------------
class R:
    def __init__(self, v):
        self.v = v
    @property
    def double(self):
        return self.v * 2

def dbl(r):
    return r.double

rs = [R(i) for i in range(N)]
print(sum(dbl(r) for r in rs))
R.double = property(lambda self: "replaced")
print(dbl(rs[3]))

class Boom:
    @property
    def bad(self):
        raise ValueError("getter failed")
def get_bad(b):
    return b.bad
for i in range(N):
    try:
        get_bad(Boom())
    except ValueError as e:
        last = str(e)
print(last)

# --- methods ------------------------------------------------------------------------
class M:
    def f(self):
        return "M.f"

def call_f(m):
    return m.f()

ms = [M() for _ in range(N)]
print([call_f(m) for m in ms][-1])
M.f = lambda self: "new f"
print(call_f(ms[0]))
ms[1].f = lambda: "instance f"       # an instance attribute shadows the method
print(call_f(ms[1]), call_f(ms[2]))

# a built-in method: the cache keeps list.append
def add(lst, v):
    lst.append(v)
lst = []
for i in range(N):
    add(lst, i)
print(len(lst))
class MyList(list):
    def append(self, v):
        super().append(-v)
ml = MyList()
for i in range(5):
    add(ml, i)
print(ml)

# --- stores ---------------------------------------------------------------------------
class S:
    def __init__(self):
        self.n = 0

def bump(s):
    s.n = s.n + 1

ss = [S() for _ in range(10)]
for _ in range(N):
    for s in ss:
        bump(s)
print([s.n for s in ss][:3])
S.n = property(lambda self: 42, lambda self, v: print("setter got", v))
bump(ss[0])
del S.n
print(ss[0].n)
S.__setattr__ = lambda self, name, v: print("__setattr__", name, v)
bump(ss[1])
del S.__setattr__
bump(ss[1])
print(ss[1].n)

# a descriptor whose own class changes later (never cached: its class is mutable)
class D:
    pass
class H:
    x = D()
def hx(h):
    return h.x
hs = [H() for _ in range(N)]
for h in hs:
    h.__dict__["x"] = "instance x"
print(hx(hs[0]))
D.__get__ = lambda self, obj, owner: "descriptor get"
D.__set__ = lambda self, obj, v: None
print(hx(hs[0]))
