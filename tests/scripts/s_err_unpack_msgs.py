for code in ["a, b = 1", "a, b = [1]", "a, b = [1, 2, 3]", "a, *b, c = [1]", "(a, b), c = 1, 2", "a, b = None"]:
    try:
        exec(code)
    except (TypeError, ValueError) as e:
        print(f"{code:18} {type(e).__name__}: {e}")
