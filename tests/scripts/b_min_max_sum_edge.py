print(max([1, 5, 3]), max(1, 5, 3), max("abc"), max([[1, 2], [1, 3]]), max([], default="empty"))
print(min([(2, "b"), (1, "z"), (1, "a")]), min("hello", key=ord), min(3, 1, key=lambda x: -x))
print(sum([]), sum([1.5, 2.5]), sum(range(5), start=10), sum([True, True, False]))
for bad in ["max([])", "min()", "sum(['a', 'b'])", "max(1)"]:
    try:
        eval(bad)
    except (ValueError, TypeError) as e:
        print(bad, "->", type(e).__name__ + ":", e)
