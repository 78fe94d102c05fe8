def c_to_f(c):
    return c * 9 / 5 + 32
print(f"{'C':>6} {'F':>7}")
for c in range(-20, 41, 10):
    print(f"{c:>6} {c_to_f(c):>7.1f}")
readings = [21.5, 23.0, 19.75, 25.25, 22.0]
mean = sum(readings) / len(readings)
var = sum((r - mean) ** 2 for r in readings) / len(readings)
print(f"mean={mean:.3f} var={var:.4f} sd={var ** 0.5:.4f} range={max(readings) - min(readings)}")
print("%-8s|%8.2f|%+d" % ("row", 3.14159, 42), "%05.1f" % 2.25, "%3d%%" % 50)
