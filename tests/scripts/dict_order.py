d = {}
for w in ["zebra", "apple", "mango", "kiwi"]:
    d[w] = len(w)
del d["apple"]
d["apple"] = 0
d["banana"] = 6
print(list(d), d)
big = {i: str(i) for i in range(1000)}
for i in range(0, 1000, 2):
    del big[i]
print(len(big), list(big)[:5], list(big)[-3:], sum(big))
