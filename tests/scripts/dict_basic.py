d = {"b": 2, "a": 1}
d["c"] = 3; d["a"] = 10
print(d, len(d), d["b"], d.get("z"), d.get("z", 0), "a" in d, "z" not in d)
print(list(d.keys()), list(d.values()), list(d.items()))
for k, v in d.items():
    print(k, v, end="; ")
print()
del d["b"]; print(d, d.pop("a"), d, d.pop("q", "dflt"), d.setdefault("n", []), d)
d.update({"x": 1}, y=2); d.update([("z", 3)]); print(d)
print(dict(a=1, b=2), dict([(1, 2), (3, 4)]), dict(zip("ab", [1, 2])), dict.fromkeys("xy", 0))
e = {i: i * i for i in range(5)}; print(e, e.popitem(), e, sorted(e, reverse=True))
print({1: "a"} == {1: "a"}, {1: "a"} != {1: "b"}, {**e, "new": 1}, e | {99: 0}, d.copy() == d)
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, max(counts, key=counts.get), sorted(counts.items(), key=lambda kv: -kv[1]))
print({(1, 2): "tuple key", 1.0: "float", None: "none"}[(1, 2)], {1: "a", 1.0: "b"}, repr({}))
