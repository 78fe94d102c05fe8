# Floats and small ints are reused from a per-thread cache of freed blocks
# (runtime/alloc.c): a reused block must carry nothing of its old value, and
# subclass instances and big ints, which have other sizes, must never enter it.
import math

def churn(n):
    # make and drop many temporaries, so later values come from reused blocks
    s = 0.0
    for i in range(n):
        s += i * 0.5 - i / 4
    return s

print(churn(1000))
edges = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 5e-324, 1.7976931348623157e308, -1.5]
for e in edges:
    churn(50)
    x = e * 1.0          # a fresh float on a reused block
    print(repr(x), math.copysign(1.0, x) if not math.isnan(x) else "nan", x == e or (x != x and e != e))
print(repr(-0.0 * 1.0), repr(0.0 * -1.0), 1 / float("inf"), repr(-1 / float("inf")))
print([repr(v) for v in (0.1 + 0.2, 1e16 + 1.0, 2.0 ** -1074)])

# ints just outside the small-int range, made and dropped in a loop
vals = []
for i in range(2000, 2010):
    churn(20)
    vals.append(i * 3)
print(vals, sum(vals))
print(-(2 ** 62) * 2, 2 ** 63 - 1 + 1, (2 ** 64) // 3, -7 // 2, 7 % -3)

# big ints and subclasses go back to the allocator, not the cache
class F(float):
    pass

class I(int):
    def __repr__(self):
        return "I(%d)" % int(self)

for k in range(200):
    f = F(k + 0.5)
    i = I(k + 5000)
    b = 10 ** 30 + k
    g = k * 1.25
    del f, i, b, g
f, i = F(2.5), I(7777)
print(f, type(f).__name__, i, type(i).__name__, 10 ** 30 + 1, 3.75 * 2)
print(f + 1.0, i + 1, isinstance(f * 2, float), type(i * 2).__name__)

# float arithmetic with floats and small ints takes a short way (abstract.c); the
# results and errors must be float's own
import operator
ops = [operator.add, operator.sub, operator.mul, operator.truediv, operator.floordiv, operator.mod, operator.pow]
for a, b in [(7.5, 2), (-7.5, 2), (7, -2.5), (2**62, 0.5), (0.0, -3), (-0.0, 1), (1.5, 0), (0, 0.0),
             (float("inf"), 3), (float("nan"), 1), (10.0, 400), (True, 2.5), (2**70, 1.5)]:
    row = []
    for f in ops:
        try:
            r = f(a, b)
            row.append(repr(r))
        except (ZeroDivisionError, OverflowError) as e:
            row.append(type(e).__name__ + ":" + str(e))
        except ValueError as e:
            row.append("ValueError")
    print(a, b, row)
x = 1.5
x += 2
x *= 4
x -= 1
x /= 2
x //= 1
x %= 4
x **= 2
print(x, 3 - 0.5, 2 * 0.25, 1 / 4.0, 9 // 2.0, -9 % 2.5, 2 ** -1.0, divmod(7.5, 2), divmod(-7, 2.0))
