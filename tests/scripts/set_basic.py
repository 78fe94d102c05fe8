s = {3, 1, 2, 3, 1}
print(s, len(s), 2 in s, 5 in s, set(), set([1, 2, 2]), set("aab") == {"a", "b"})
s.add(4); s.discard(10); s.remove(1); print(s)
a = {1, 2, 3, 4}; b = {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b, a <= {1, 2, 3, 4, 5}, a < a, {1} < a, a >= b)
print(a.union([9]), a.intersection(b), a.difference(b), a.symmetric_difference(b), a.isdisjoint({7}))
print(sorted({x * x for x in range(-3, 4)}), frozenset([1, 2]), frozenset() == set(), len(frozenset("aa")))
c = set(range(10)); c -= {1, 2}; c &= set(range(5)); c |= {100}; print(c, c.pop() in range(200), len(c))
print({frozenset({1}): "fs"}[frozenset({1})], {1, 2} == {2, 1}, set([1, 2]).issubset([1, 2, 3]))
try:
    {[1]}
except TypeError as e:
    print("TypeError:", e)
try:
    set().pop()
except KeyError as e:
    print("KeyError:", e)
