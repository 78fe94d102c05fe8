import math
print(math.pi, math.e, math.tau, math.inf, math.sqrt(16), math.sqrt(2))
print(math.floor(2.7), math.ceil(2.1), math.trunc(-2.7), math.floor(-2.5), type(math.floor(2.5)).__name__)
print(math.factorial(10), math.factorial(25), math.gcd(48, 18), math.gcd(0, 5), math.lcm(4, 6), math.comb(10, 3), math.perm(5, 2))
print(math.pow(2, 10), math.exp(0), math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(1024))
print(round(math.sin(math.pi / 2), 10), round(math.cos(0), 10), math.atan2(1, 1) == math.pi / 4, math.hypot(3, 4))
print(math.isclose(0.1 + 0.2, 0.3), math.isnan(float("nan")), math.isinf(math.inf), math.isfinite(1.0))
print(math.fabs(-3), math.copysign(1, -0.0), math.fmod(7, 3), math.degrees(math.pi), math.radians(180))
print(math.isqrt(99), math.isqrt(10 ** 20), math.fsum([0.1] * 10), math.prod([1, 2, 3, 4]), math.modf(3.5))
for bad in ["math.sqrt(-1)", "math.log(0)", "math.factorial(-1)", "math.exp(1000)"]:
    try:
        eval(bad)
    except (ValueError, OverflowError) as e:
        print(bad, "->", type(e).__name__ + ":", e)
