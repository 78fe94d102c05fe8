class Point:
    """A 2-D point."""
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __str__(self):
        return f"({self.x}, {self.y})"
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)
    def __mul__(self, k):
        return Point(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __neg__(self):
        return Point(-self.x, -self.y)
    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)
    def dist2(self):
        return self.x ** 2 + self.y ** 2
p = Point(1, 2); q = Point(3, 4)
print(p, repr(p), p + q, p * 3, 2 * p, -p, p == Point(1, 2), p != q, p < q, q > p)
print(p.dist2(), Point.dims, p.dims, Point.__doc__, Point.__name__, type(p).__name__)
print(sorted([q, p, Point(0, 9)]), len({p, Point(1, 2), q}), str([p]))
p.z = 5; print(p.z, hasattr(p, "z"), getattr(p, "w", "none"), vars(p))
setattr(p, "x", 100); delattr(p, "z"); print(p, hasattr(p, "z"))
print(isinstance(p, Point), isinstance(p, object), issubclass(Point, object), Point.__mro__)
