for code in ["[][0]", "[1].remove(5)", "[].pop()", "[1, 2].index(3)", "[1] + (2,)", "[3, 'a'].sort()", "[1][1:2:0]"]:
    try:
        eval(code)
    except Exception as e:
        print(code, "->", type(e).__name__ + ":", e)
