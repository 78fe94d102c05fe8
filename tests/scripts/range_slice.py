print(list(range(5)), list(range(2, 10, 3)), list(range(10, 0, -2)), list(range(0)), len(range(0, 100, 7)))
r = range(3, 30, 4)
print(r, r[2], r[-1], r[1:3], 11 in r, 12 in r, r.index(15), range(5) == range(0, 5), list(reversed(range(4))))
print(range(1, 10)[::2], list(range(-5, 5, 3)), max(range(7)), sum(range(101)))
xs = list(range(10))
print(xs[slice(2, 8, 2)], xs[-3:], xs[:-7], xs[100:], xs[::-2], xs[8:2:-2])
s = slice(1, None, 2); print(s, s.start, s.stop, s.step, s.indices(10))
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(5)[10]
except IndexError as e:
    print("IndexError:", e)
