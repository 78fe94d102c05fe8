evens = {x for x in range(10) if x % 2 == 0}
odds = set(range(1, 10, 2))
print(sorted(evens | odds), evens & odds, sorted(evens ^ {0, 1}), evens - {0, 2}, len(evens))
s = set()
for w in "the cat and the hat and the bat".split():
    s.add(w)
print(sorted(s), len(s), "cat" in s, frozenset(s) == s, s == frozenset(s))
a = {1, 2, 3}; a.update([3, 4], (5,)); a.difference_update({1}); a.intersection_update(range(4, 10)); print(a)
print({1, 2} <= {1, 2}, {1, 2} < {1, 2}, set() < {1}, {3}.issuperset(set()), set([1, 2]) == {2, 1})
