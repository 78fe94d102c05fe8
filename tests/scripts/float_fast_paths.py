# The eval loop's float fast paths (compare, true division, in-place division) against
# the generic ones: signed zeros, NaN, infinities, subnormals, division by zero.
n = float("nan"); i = float("inf")
vals = [0.0, -0.0, 1.5, -2.25, n, i, -i, 1e308, 5e-324]
for a in vals:
    print([a < b for b in vals], [a <= b for b in vals], [a == b for b in vals], [a != b for b in vals], [a > b for b in vals], [a >= b for b in vals])
    r = []
    for b in vals:
        try:
            r.append(a / b)
        except ZeroDivisionError as e:
            r.append(str(e))
    print(r)
    x = a
    try:
        x /= 0.0
    except ZeroDivisionError as e:
        print("inplace", e)
    x = a
    x /= 3.0
    print(x, a * 1e308, a - i)
