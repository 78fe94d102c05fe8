a, b = b, a = 1, 2
print(a, b)
x, y = 10, 20
x, y = y, x
print(x, y)
(a, b), c = [1, 2], 3
print(a, b, c)
first, *middle, last = range(10)
print(first, middle, last)
*_, tail = [1, 2, 3]
print(tail)
for i, (k, v) in enumerate({"a": 1, "b": 2}.items()):
    print(i, k, v)
head, *rest = "x"
print(head, rest)
print(*[1, 2], *"ab", sep="|")
print([*range(3), *(4, 5)], {*"ab", *"bc"} == {"a", "b", "c"}, {**{"a": 1}, **{"b": 2}})
def f(*args, **kw):
    return len(args), sorted(kw)
print(f(*range(5), **{"x": 1}, y=2))
