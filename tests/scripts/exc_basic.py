def risky(n):
    if n == 0:
        raise ValueError("zero!")
    if n == 1:
        raise KeyError("one")
    if n == 2:
        return 1 / 0
    return n
for i in range(4):
    try:
        print("result", risky(i))
    except (ValueError, KeyError) as e:
        print("caught", type(e).__name__, e, e.args)
    except ZeroDivisionError:
        print("zero division")
    else:
        print("no error")
    finally:
        print("finally", i)
try:
    raise RuntimeError
except RuntimeError as e:
    print(repr(e), e.args, str(e) == "")
try:
    try:
        raise TypeError("inner")
    finally:
        print("inner finally")
except TypeError as e:
    print("outer caught", e)
def f():
    try:
        return "try"
    finally:
        print("finally runs before return")
print(f())
def g():
    try:
        return 1
    finally:
        return 2
print(g())
def h():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
        finally:
            print("fin", i)
h()
try:
    pass
except Exception:
    print("never")
else:
    print("else branch")
