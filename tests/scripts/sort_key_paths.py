# sorted()/list.sort() with keys, through the comparison fast paths: exact small
# ints, strs, floats and tuples of them compare without a slot call; everything
# else must still behave as CPython does (stability, reverse, errors from keys and
# from comparisons, user __lt__/__eq__ inside tuples, NaN).
recs = [("b", 2, 1.5), ("a", 2, 0.5), ("c", 1, 2.5), ("a", 1, 0.5), ("b", 1, 1.5), ("a", 2, -0.0), ("a", 2, 0.0)]
print(sorted(recs))
print(sorted(recs, key=lambda r: (r[1], r[0])))
print(sorted(recs, key=lambda r: (-r[1], r[2]), reverse=True))
print(sorted(recs, key=lambda r: r[1]))              # stable: input order within equal keys
print(sorted(recs, key=lambda r: r[1], reverse=True))  # stable under reverse too
print(sorted(recs, key=lambda r: (r[0],)), sorted(recs, key=lambda r: r[:1] if r[1] == 1 else r[:2]))
print(sorted([(1, 2), (1,), (), (0, 5, 5), (1, 2, 0)]), sorted([2**70, -2**70, 3, 2**64, -1]))
print(sorted(["b", "a", "é", "ab", "", "B", "日本", "a\x00"]), sorted([0.5, -1e300, 3, 2.5, -0.0, 0]))
n = float("nan")
print(sorted([3.0, n, 1.0]) [1:], sorted([(1, n), (1, 0.0)], key=lambda t: t) [0][1] in (0.0,) or "nan-first")
print(max([(1, "b"), (1, "a"), (0, "z")]), min([(2, 1.5), (2, 1), (2, True)]), max(recs, key=lambda r: (r[1], r[2])))
print(sorted([(True, 1), (1, 0), (False, 2), (0, 1)]), sorted([(1.0, "x"), (1, "a")]))

class K:
    calls = 0
    def __init__(self, v): self.v = v
    def __lt__(self, o): K.calls += 1; return self.v < o.v
    def __eq__(self, o): return self.v == o.v
    def __repr__(self): return "K(%r)" % self.v

print(sorted([(1, K(3)), (1, K(1)), (0, K(9)), (1, K(2))]), K.calls > 0)
for bad in ([(1, "a"), (1, 2)], [1, "x"], [(1, [2]), (1, (2,))], [{1}, {2}, 3]):
    try:
        print(sorted(bad))
    except TypeError as e:
        print("TypeError:", e)

def key_raises(r):
    if r[0] == "c":
        raise ValueError("no key for " + r[0])
    return r[1]

data = list(recs)
try:
    data.sort(key=key_raises)
except ValueError as e:
    print("ValueError:", e, data == recs)
print(sorted(range(20), key=lambda i: (i % 3, -i)), sorted("hello world", reverse=True))
print(sorted([[2, 1], [1, 9], [2, 0]]), sorted([(i % 4, str(i)) for i in range(12)], key=lambda t: t[1]))
print((1, 2) < (1, 2, 0), (1, "a") <= (1, "a"), (2.5, 1) > (2.5, 0), ("a", 2) >= ("a", 3), 3 < 4.5, "b" > "a", 2.0 == 2)
