import math
def circle_area(r):
    return math.pi * r ** 2
print([round(circle_area(r), 3) for r in range(4)])
print(math.floor(-0.5), math.ceil(-0.5), math.trunc(1e10 + 0.5), int(math.sqrt(10 ** 10)))
print(math.gcd(*[12, 18, 24]), math.factorial(20) // math.factorial(18), math.comb(52, 5))
print(f"{math.e ** 2:.6f} {math.log(1000, 10):.6f} {math.atan(1) * 4:.10f}")
print(sum(1 / math.factorial(k) for k in range(15)), math.isclose(sum(1 / math.factorial(k) for k in range(20)), math.e))
