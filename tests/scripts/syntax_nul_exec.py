for src in ("x = 1\0", "\0", "# c\0omment"):
    for fn in (exec, eval):
        try:
            fn(src)
        except SyntaxError as e:
            print(fn.__name__, type(e).__name__, e)
