for expr in ["1 // 0", "1 % 0", "1 / 0", "int('abc')", "int('12', 1)", "2 ** 0.5", "1 << -1", "int('')"]:
    try:
        print(expr, "=", eval(expr))
    except Exception as e:
        print(expr, "->", type(e).__name__, e)
