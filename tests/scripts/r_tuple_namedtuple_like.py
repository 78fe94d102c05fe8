Point = tuple
def make_point(x, y):
    return (x, y)
pts = [make_point(3, 4), make_point(1, 2), make_point(3, 1)]
print(sorted(pts), max(pts), min(pts, key=lambda p: p[1]), pts.count((1, 2)), pts.index((3, 1)))
x, y = pts[0]
print(x * y, sum(p[0] for p in pts), [p[::-1] for p in pts], tuple(reversed(pts[0])))
print(((1, 2), (3, 4))[1][0], (1, 2) + (3,) * 2, len(((),)), () == tuple())
