for expr in ["1.0 / 0", "1.0 // 0.0", "5.0 % 0", "float('abc')", "10.0 ** 400", "int(float('inf'))", "int(float('nan'))"]:
    try:
        print(expr, "=", eval(expr))
    except Exception as e:
        print(expr, "->", type(e).__name__, e)
