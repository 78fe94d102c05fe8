# A float result is written into an operand that is a temporary -- held only by the
# eval loop's stack -- on the left (a) or on the right (b), and never into a local,
# a constant, a list item or a float another name still holds.
def f(x, y):
    a = (x * y) + x          # left temporary
    b = x + (x * y)          # right temporary
    c = (x - y) * (y - x)    # both temporaries
    d = x * y                # no temporary: two locals
    e = 2.0 * x + 0.5        # constant on the left, then a temporary
    return a, b, c, d, e, x, y

print(f(1.5, 2.25))
print(f(-0.0, 3.0))
print(f(float("inf"), 0.5))

xs = [1.0, 2.0, 3.0]
v = xs[0] + (xs[1] * xs[2])      # right temporary; the list keeps its items
print(v, xs)
xs[0] -= xs[1] * 0.5             # INPLACE_OP: the item is not a temporary
print(xs)

k = 0.1
held = k * 3.0                   # held by a name afterwards
s = held + (k * 2.0)
print(held, s, k)

t = 0.0
for i in range(5):
    t += (i * 0.5) * (i + 0.25)  # a temporary meets an accumulating local
print(t)

def chain(p, q, r):
    return ((p + q) * (q + r) - (r * p)) / (p * q * r)
print(chain(1.25, 2.5, 4.0), chain(-3.0, 0.5, 7.5))

z = [x * 1.5 for x in (1.0, 2.0)]
w = [(x * 1.5) + (x * 0.5) for x in z]
print(z, w)

# x ** y with a float: the fast path takes positive finite bases and finite
# exponents; zero, negative and infinite bases, NaN and overflow go the generic way.
def power(x, y):
    try:
        return x ** y
    except (OverflowError, ZeroDivisionError) as e:
        return type(e).__name__ + ": " + str(e)
for x, y in [(2.0, 0.5), (2, 0.5), (0.5, -1.5), (2.0, 3), (1e308, 2.0), (10.0, -400.0),
             (0.0, -1.0), (0.0, 0.5), (-8.0, 2.0), (-2.0, 3.0), (float("inf"), 2.0),
             (2.0, float("inf")), (0.5, float("-inf")), (2.0, float("nan")), (1.0, float("nan")),
             (True, 0.5), (3, -2.0), (7.5, 0.0)]:
    print(x, y, power(x, y))
d = 0.25
print(d ** (-1.5) * 2.0, (d * 4.0) ** 0.5, d)
