x = 5
print(1 < x < 10, 1 < x > 3, x == 5 == 5.0, 1 < 2 > 1 < 3, 3 > x > 1, "a" < "b" <= "b" != "c")
def noisy(v):
    print("eval", v)
    return v
print(noisy(1) < noisy(0) < noisy(5))
print(0 < noisy(3) < 10)
print(x in [5] in [[5]], None is None is not False)
