print(round(1.5), round(2.5), round(-1.5), round(0.125, 2), round(0.375, 2), round(12.345, 1), round(15, -1), round(25, -1))
print(divmod(7, 2), divmod(-7, 2), divmod(7, -2), divmod(7.5, 2), divmod(10 ** 20, 3))
print(pow(2, 10), pow(2, -2), pow(-8, 3), pow(7, 128, 13), pow(0, 0), 0 ** 0, (-2) ** 3, 2 ** -1)
print(abs(-7), abs(3.5), abs(-0.0), abs(True), abs(-(10 ** 30)))
