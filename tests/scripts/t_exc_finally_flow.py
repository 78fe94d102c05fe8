def f(x):
    try:
        if x == 0:
            return "zero"
        if x == 1:
            raise ValueError("one")
        return "other"
    except ValueError:
        return "handled"
    finally:
        print("finally for", x)
for v in (0, 1, 2):
    print(f(v))
def loop():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append(f"f{i}")
    return out
print(loop())
def nested():
    try:
        try:
            raise KeyError("a")
        finally:
            print("inner finally")
    except KeyError:
        print("outer except")
    finally:
        print("outer finally")
nested()
def swallow():
    for i in range(3):
        try:
            raise ValueError(i)
        except ValueError:
            continue
    return "done"
print(swallow())
