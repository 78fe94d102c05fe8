nothing = None
text = 'abc'
pair = [1, 2]
five = 5
for code in ["1 + 'a'", "'a' + 1", "[] + ()", "nothing()", "len(5)", "1 < 'x'", "{} < {}", "-'x'", "~1.5",
             "text[1.5]", "iter(5)", "next([])", "int(None)", "hash([])", "'x' * 'y'", "pair[None]", "(1).foo",
             "object().x", "five[0]", "'s'.nope()"]:
    try:
        eval(code)
        print(code, "ok")
    except Exception as e:
        print(code, "->", type(e).__name__ + ":", e)
