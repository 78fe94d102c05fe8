data = [{"name": "x", "age": 30}, {"name": "y", "age": 25}, {"name": "z", "age": 35}]
print([d["name"] for d in sorted(data, key=lambda d: d["age"])])
print(list(map(lambda x: x ** 2, filter(lambda x: x % 2, range(10)))))
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), (lambda: "no args")(), (lambda *a, **k: (a, k))(1, b=2))
pairs = [(1, "one"), (3, "three"), (2, "two")]
pairs.sort(key=lambda p: p[1]); print(pairs)
print(max(pairs, key=lambda p: p[0]), min(["aaa", "b", "cc"], key=len), sorted("hello", key=lambda ch: -ord(ch)))
