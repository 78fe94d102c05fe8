# LOAD_FAST a; LOAD_FAST b (or LOAD_CONST); BINARY_OP run as one instruction
# (compile/opcodes.h, the superinstructions): the same results, errors at the same
# place, unbound locals reported as before, and a local's float never overwritten.

def last_line(e):
    tb = e.__traceback__
    while tb.tb_next:
        tb = tb.tb_next
    return tb.tb_lineno

def arith(a, b):
    return a + b, a - b, a * b, a / b, a // b, a % b, a ** 2, a - 1, a & 3 if isinstance(a, int) else None

print(arith(7, 3))
print(arith(7.5, 2.0))
print(arith(10**20, 7))

def strs(s, t):
    return s + t, s * 3, s + "!"
print(strs("ab", "cd"))

def keep_locals():
    x = 1.5              # held only by the frame: must not be taken for a temporary
    y = 2.25
    z = x * y
    w = x + 1.0
    return x, y, z, w
print(keep_locals())

class V:
    def __init__(self, v):
        self.v = v
    def __add__(self, other):
        return V(self.v + (other.v if isinstance(other, V) else other))
    def __repr__(self):
        return f"V({self.v})"
def user(a, b):
    return a + b, a + 1
print(user(V(1), V(2)))

def bad(a, b):
    return a + b         # TypeError raised at the BINARY_OP
try:
    bad(1, "x")
except TypeError as e:
    print("TypeError:", e, "line", last_line(e))

def zero(a):
    return a // 0
try:
    zero(5)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e, "line", last_line(e))

def unbound_second(flag):
    a = 1
    if flag:
        b = 2
    return a + b
print(unbound_second(True))
try:
    unbound_second(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

def unbound_first(flag):
    if flag:
        a = 1
    return a - 1
try:
    unbound_first(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

def loop(n):
    t = 0
    i = 0
    while i < n:
        t = t + i       # a triple the loop's backward jump never lands inside
        i = i + 1
    return t
print(loop(1000))

def jumps(a, b, c):
    # the conditional puts a jump target between the loads
    return a + (b if c else a), (a if c else b) * 2
print(jumps(3, 4, True), jumps(3, 4, False))
