for code in ["1 + None", "[] - []", "{} + {}", "'a' - 'b'", "1 @ 2", "-[]", "+'s'", "~'s'", "None < 1",
             "[1] < (1,)", "1 ** 'x'", "'%d' % 'x'", "'x' < 1"]:
    try:
        eval(code)
    except TypeError as e:
        print(f"{code:12} TypeError: {e}")
