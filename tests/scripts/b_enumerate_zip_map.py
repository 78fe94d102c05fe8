names = ["a", "b", "c"]
for i, n in enumerate(names, start=10):
    print(i, n)
print(dict(enumerate(names)), list(zip(names, range(3), "xyz")), list(map(len, ["aa", "b"])))
print(list(map(pow, [2, 3], [3, 2])), list(zip(*zip(names, names))), list(enumerate([])))
print(sorted(zip([3, 1, 2], "cab")), [x for x, _ in zip(range(100), "ab")])
