t = (1, "two", 3.0, (4, 5))
print(t, len(t), t[1], t[-1][0], t[1:3], t + (6,), t * 2, (1,), (), tuple("ab"))
a, b, c, d = t; print(a, b, c, d)
x, (y, z) = 1, (2, 3); print(x, y, z)
first, *rest = [1, 2, 3, 4]; print(first, rest)
*init, last = "abcd"; print(init, last)
h, *mid, tl = range(6); print(h, mid, tl)
print(t.index(3.0), t.count(1), (1, 2) < (1, 3), (1, 2) == (1, 2), hash((1, 2)) == hash((1, 2)))
print(tuple([3, 1]), sorted((3, 1, 2)), max((5, 2)), 2 in (1, 2), type(()).__name__)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print("ValueError:", e)
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)
