# The eval loop's arithmetic fast paths (vm/eval_support.h, g_eval_fast_binop) against
# the generic ones: signs of // and %, 64-bit edges, overflow into big ints, shifts,
# true division of ints, ints meeting floats, signed zeros, division by zero.
big = 2 ** 62
edges = [0, 1, -1, 7, -7, 3, -3, 2 ** 53, 2 ** 53 + 1, -(2 ** 53) - 1, big, -big,
         9223372036854775807, -9223372036854775808]
for x in edges:
    row = []
    for y in edges:
        for op in ("+", "-", "*", "//", "%", "/", "&", "|", "^", ">>"):
            if op == ">>" and y < 0:
                continue
            if op == "/" and max(abs(x), abs(y)) > 2 ** 53:
                continue   # big ints: int.c's true division (not a fast path here)
            try:
                row.append(eval("x %s y" % op))
            except ZeroDivisionError as e:
                row.append("ZeroDivisionError: " + str(e))
    print(x, row)
for x in [0, 1, -1, 2 ** 53 + 1, 2 ** 63 - 1, -3]:
    for y in [0.0, -0.0, 1.5, -2.5, float("inf"), float("nan")]:
        r = []
        for a, b in ((x, y), (y, x)):
            for op in ("+", "-", "*", "/"):
                try:
                    r.append(repr(eval("a %s b" % op)))
                except ZeroDivisionError as e:
                    r.append("ZeroDivisionError: " + str(e))
        print(x, y, r)
n = 5
n //= 2
n %= 2
n += 2.5
n *= -0.0
print(n, True + 1, True / 2, 3 >> 70, -3 >> 70, -(2 ** 62) * 4, 10 ** 17 // 7, (10 ** 17 + 1) / 3)
