def t(v):
    print("t", v)
    return v
print(t(0) and t(1))
print(t(2) and t(3))
print(t(0) or t(4))
print(t(5) or t(6))
print(not t(0), not t([1]))
r = t(None) or t("") or t("last")
print(r)
print([] or {} or 0 or "x", 1 and 2 and 3, 1 and 0 and 3)
