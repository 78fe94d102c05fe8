def f(a, b, c=3, *, d):
    pass
def g(x):
    pass
for call in ["f(1)", "f(1, 2)", "f(1, 2, 3, 4, d=1)", "f(1, 2, d=1, e=2)", "f(1, 2, a=1, d=3)", "g()", "g(1, 2)",
             "g(y=2)", "f()", "(lambda: 0)(1)", "len()", "len(1, 2)", "abs('x')", "g(*5)", "g(**[1])"]:
    try:
        eval(call)
        print(call, "ok")
    except TypeError as e:
        print(call, "->", e)
