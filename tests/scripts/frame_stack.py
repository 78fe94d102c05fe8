# Frames of ordinary calls come from a per-thread stack of chunks (vm/frame.h):
# recursion that crosses chunk edges again and again, hits RecursionError and
# recovers, frames bigger than a chunk, exceptions unwinding through many frames,
# callbacks that call functions while a frame is being freed, and generators
# made deep in a recursion and resumed far above it.
import sys

def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)

# up and down over many chunk edges, with frames of two sizes
def wide(n, a=1, b=2, c=3, d=4, e=5, f=6, g=7, h=8):
    if n == 0:
        return a + b + c + d + e + f + g + h
    x = [n, a, b, c, d, e, f, g, h]
    return wide(n - 1, *x[1:]) + len(x)

total = 0
for rounds in range(200):
    total += depth(300 + rounds) + wide(100 + rounds % 50)
print("up and down:", total)

# RecursionError at the limit, then the thread carries on as before
def forever(n):
    return forever(n + 1)

for attempt in range(5):
    try:
        forever(0)
    except RecursionError as e:
        print("RecursionError:", e)
print("after RecursionError:", depth(500))

# a frame bigger than a whole chunk: a function with 9000 locals
src = "def big(v):\n" + "".join(f"    a{i} = v + {i}\n" for i in range(9000)) + "    return a0 + a8999\n"
ns = {}
exec(src, ns)
print("big frame:", ns["big"](1), sum(ns["big"](k) for k in range(3)))
def big_deep(n):
    return ns["big"](n) if n == 0 else big_deep(n - 1)
print("big frame on top of a deep stack:", big_deep(400))

# an exception raised 800 frames down, caught at the top; and one caught half-way
def fail_at(n):
    if n == 0:
        raise ValueError("bottom")
    return fail_at(n - 1)

def catch_half(n):
    if n == 400:
        try:
            return fail_at(n)
        except ValueError as e:
            return "caught at 400: " + str(e)
    return catch_half(n + 1)

try:
    fail_at(800)
except ValueError as e:
    tb = e.__traceback__
    n = 0
    while tb:
        n += 1
        tb = tb.tb_next
    print("caught at the top:", e, "frames in traceback:", n)
print(catch_half(0))

# a weakref callback that runs Python code (and recursion) while a returning frame
# drops its locals: its frames go above the one being freed
import weakref

class Obj:
    pass

refs = []

def holder(n):
    x = Obj()
    y = [Obj()]
    refs.append(weakref.ref(x, lambda r: print("callback, depth", depth(n))))
    refs.append(weakref.ref(y[0], lambda r: print("callback, depth", depth(n + 1))))
    return n

print("holder returned", holder(30))

# generators made at depth 600 and resumed from the top: their frames are their own
def make_gen(n, k):
    if n:
        return make_gen(n - 1, k)
    def counter():
        for i in range(k):
            yield i * i
    return counter()

gens = [make_gen(600, k) for k in range(1, 6)]
print("generators:", [sum(g) for g in gens])
g = make_gen(600, 4)
next(g)
print("resumed after the stack was reused:", depth(700), list(g))

# a closure's cells outlive the frame that made them; its free variables are borrowed
def make_adders(n):
    adders = []
    for i in range(n):
        def add(x, i=i, base=n):
            return x + i + base
        adders.append(add)
    return adders

def counter_cell():
    count = 0
    def bump():
        nonlocal count
        count += 1
        return count
    return bump

bumps = [counter_cell() for _ in range(3)]
for b in bumps:
    for _ in range(10):
        b()
print("closures:", [a(100) for a in make_adders(4)], [b() for b in bumps])
print("limit unchanged:", sys.getrecursionlimit())
