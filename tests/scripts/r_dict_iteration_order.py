d = {"one": 1, "two": 2, "three": 3}
for k in d:
    print(k, d[k])
for k, v in sorted(d.items(), key=lambda kv: kv[1], reverse=True):
    print(v, k)
print(list(d.keys()) == ["one", "two", "three"], [k for k in d if len(k) == 3])
d["zero"] = 0
d.pop("one")
d["one"] = 1
print(list(d), list(d.values()))
print(dict(sorted(d.items())), min(d, key=d.get), max(d.values()))
