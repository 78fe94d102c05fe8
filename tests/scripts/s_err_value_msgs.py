for code in ["int('3.5')", "float('x')", "[].index(1)", "'abc'.index('z')", "(1, 2).index(3)", "chr(1114112)",
             "range(0, 10, 0)", "'a'.split('')", "int('9' * 5, 2)", "list(range(3)).remove(7)"]:
    try:
        eval(code)
    except ValueError as e:
        print(f"{code:26} ValueError: {e}")
