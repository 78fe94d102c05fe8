for v in [0.0, 1.5, -2.25, 3.14159265, 1e10, 1.5e-7, 123456.789, float("inf"), float("nan")]:
    print(f"{v}|{v:.2f}|{v:10.3f}|{v:e}|{v:.3g}|{v:%}|{v:+.1f}|{v:,.2f}")
print(format(2.5, ".0f"), format(3.5, ".0f"), format(0.125, ".2f"), format(1/3, ".15f"), format(100.0, "g"))
print(round(0.1 + 0.2, 15), round(2.675, 2), round(1e300 * 10, 2), round(-0.0), 1.0 / 7)
