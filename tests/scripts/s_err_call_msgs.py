class C:
    def m(self, a):
        return a
for code in ["C().m()", "C().m(1, 2)", "C.m(1)", "C(1)", "int(1, 2, 3)", "len()", "print(end=1)",
             "sorted([1], bad=1)", "C().m(b=1)", "abs(1, 2)", "divmod(1)", "{}.get()"]:
    try:
        eval(code)
    except TypeError as e:
        print(f"{code:18} TypeError: {e}")
