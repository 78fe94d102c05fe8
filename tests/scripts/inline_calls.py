# Calls between plain Python functions run without a C call (eval_loop.h,
# inline_call).  What must not change: results, the order of a traceback's lines,
# exceptions caught by a caller several calls up, RecursionError at the limit and
# recovery from it, sys.exc_info() around calls made inside an except block, and
# returns from inside try/finally and with blocks.
import sys

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(20))

class Acc:
    def __init__(self):
        self.total = 0
    def add(self, v):
        self.total = self.total + v
        return self
acc = Acc()
for i in range(1000):
    acc.add(i).add(1)
print(acc.total)

def c(x):
    return 10 // x
def b(x):
    return c(x) + 1
def a(x):
    return b(x) * 2
print(a(5))
try:
    a(0)
except ZeroDivisionError as e:
    t = e.__traceback__
    lines = []
    while t:
        lines.append((t.tb_frame.f_code.co_name if hasattr(t, "tb_frame") else "?", t.tb_lineno))
        t = t.tb_next
    print([n for _, n in lines])

def depth(n):
    return depth(n + 1)
try:
    depth(0)
except RecursionError as e:
    print("RecursionError:", e)
print(fib(15))      # and calls work again afterwards

def limited(n):
    if n == 0:
        return 0
    return 1 + limited(n - 1)
print(limited(900))

def inner():
    return sys.exc_info()[0].__name__ if sys.exc_info()[0] else None
def handler():
    try:
        raise KeyError("k")
    except KeyError:
        seen = inner()
    return seen, inner()
print(handler())

def in_finally(log):
    try:
        return len(log)
    finally:
        log.append("finally ran")
log = []
print(in_finally(log), log)

class CM:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        print("exit", a[0].__name__ if a[0] else None)
        return True
def in_with(v):
    with CM():
        return helper(v)
def helper(v):
    return 1 // v
print(in_with(1), in_with(0))

def raiser():
    raise ValueError("deep")
def middle():
    raiser()
def catcher():
    try:
        middle()
    except ValueError as e:
        return "caught " + str(e)
print(catcher())

def default_args(a, b=2):     # defaults: the full path
    return a + b
def kw_only(a, *, b):
    return a * b
print(default_args(1), default_args(1, 5), kw_only(3, b=4))
print(sum(limited(i) for i in range(50)))

def uncaught(x):
    return a(x)
uncaught(0)     # the traceback printed at exit: every inlined frame's line, in order
