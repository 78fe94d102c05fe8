xs = [1, 2, 3]
for code in ["xs[3]", "xs[-4]", "'abc'[10]", "(1,)[2]", "range(3)[5]", "xs['a']", "xs[1:2:0]", "{}.fromkeys(5)"]:
    try:
        eval(code)
    except Exception as e:
        print(f"{code:14} {type(e).__name__}: {e}")
