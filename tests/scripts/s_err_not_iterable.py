for code in ["list(5)", "iter(None)", "sum(5)", "[x for x in 3]", "set(1.5)", "dict(5)", "tuple(None)", "max(3)",
             "sorted(7)", "', '.join([1, 2])", "a, = 5"]:
    try:
        exec(code)
    except TypeError as e:
        print(f"{code:18} TypeError: {e}")
