# BINARY_OP and INPLACE_OP on two floats become BINARY_OP_FLOAT_ADD/_SUB/_MUL (and
# the INPLACE_OP_FLOAT_ forms) once a site has seen floats a few times; a site that
# then sees anything else -- ints, a float subclass with its own operator, strings --
# must give the generic answer, and go back to the generic form for good.
import gilt

def arith(a, b, c):
    s = (a + b) * c          # BINARY_OP on two temporaries and a local
    d = s - a
    e = b * c + d            # the temporary b * c is the left operand
    f = c - b * a            # ... the right one
    return s, d, e, f

r = None
for i in range(200):
    r = arith(1.5, 2.25, -0.5)
print(r)
forms = sorted(set(s[2] for s in gilt.specialized(arith)))
print(forms)

# the operands stay what they were: a result never lands in a local or a constant
x, y = 3.0, 4.0
def keep(x, y):
    z = x * x + y * y
    return z, x, y
for i in range(100):
    out = keep(x, y)
print(out, x, y)

# in-place forms, on locals and list items
def accumulate(v, n):
    t = 0.0
    for k in range(n):
        t += v[0]
        v[1] -= 0.5
        v[2] *= 1.5
    return t
v = [0.25, 10.0, 1.0]
print(accumulate(v, 40), v)
print(sorted(set(s[2] for s in gilt.specialized(accumulate)) & {"INPLACE_OP_FLOAT_ADD", "INPLACE_OP_FLOAT_SUB", "INPLACE_OP_FLOAT_MUL"}))

# a specialized site that meets other types: the guard fails, the generic code runs
class Money(float):
    def __add__(self, other):
        return "Money(%r) + %r" % (float(self), other)
    def __sub__(self, other):
        return "Money(%r) - %r" % (float(self), other)
    __iadd__ = __add__

# (operands from subscripts: `a + b` of two locals is a superinstruction instead)
def add(a, b):
    p = [a, b]
    return p[0] + p[1]
def sub(a, b):
    p = [a, b]
    return p[0] - p[1]
def iadd(a, b):
    p = [a, b]
    p[0] += p[1]
    return p[0]
for i in range(100):
    add(1.0, 2.0), sub(1.0, 2.0), iadd(1.0, 2.0)
print(add(Money(1.0), 2.0), add(2, 3), add("ab", "cd"), add(1.5, 2), add(2, 1.5))
print(sub(Money(5.0), 1.0), sub(10, 4), sub(1.0, True))
print(iadd(Money(1.0), 1.0), iadd([1], [2]), iadd(7, 8))
print([s[2] for s in gilt.specialized(add)])
for i in range(100):
    add(i, i)           # ints from now on: back to the generic form
print([s[2] for s in gilt.specialized(add)])

# IEEE results: infinities, NaN, signed zeros, overflow to inf (no exception for + - *)
def mul(a, b):
    p = [a, b]
    return p[0] * p[1]
for i in range(50):
    mul(2.0, 3.0)
big = 1e308
print(mul(big, 10.0), mul(-big, 10.0), mul(0.0, -1.0), mul(float("inf"), 0.0))
print(add(float("inf"), float("-inf")), sub(0.0, 0.0), sub(-0.0, 0.0), add(big, big))

# errors from the generic path keep their messages
try:
    add(1.0, "x")
except TypeError as e:
    print("TypeError:", e)
try:
    sub(None, 1.0)
except TypeError as e:
    print("TypeError:", e)
