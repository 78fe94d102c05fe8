# math.fsum is exact (Shewchuk's partials, one correct rounding), as CPython's.
import math
import random
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
print(math.fsum([1e300] * 7 + [7.0]), math.fsum([1e16, 1.0, 1e-16]), math.fsum([]), math.fsum(iter([1, 2, 3])))
print(math.fsum([1e300, -2.5, 7, 1e-310, 1e300, 3e-320] * 5 + [1e300] * 3))
print(math.fsum([1.0, 1e-16, 1e-16]), math.fsum([2.0 ** 53, 1.0, 2.0 ** -60]), math.fsum([-0.0, -0.0]))
print(math.fsum([float("inf"), 1.0]), math.fsum([float("-inf"), float("-inf")]), math.fsum([float("nan"), 1.0]))
random.seed(11)
for _ in range(5):
    xs = [random.uniform(-1, 1) * 10 ** random.randrange(-20, 20) for _ in range(200)]
    print(math.fsum(xs), math.fsum(xs) == -math.fsum([-x for x in xs]))
for bad in ([float("inf"), float("-inf")], [1e308, 1e308, -1e308], [None]):
    try:
        print(math.fsum(bad))
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
