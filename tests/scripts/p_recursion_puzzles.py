def permutations(xs):
    if len(xs) <= 1:
        return [xs]
    return [[x] + p for i, x in enumerate(xs) for p in permutations(xs[:i] + xs[i + 1:])]
print(permutations([1, 2, 3]), len(permutations(list(range(5)))))
def subsets(xs):
    if not xs:
        return [[]]
    rest = subsets(xs[1:])
    return rest + [[xs[0]] + r for r in rest]
print(sorted(subsets([1, 2, 3])), len(subsets(list(range(8)))))
def queens(n, row=0, cols=()):
    if row == n:
        return 1
    return sum(queens(n, row + 1, cols + (c,)) for c in range(n)
               if all(c != pc and abs(c - pc) != row - pr for pr, pc in enumerate(cols)))
print([queens(n) for n in range(1, 8)])
memo = {}
def partitions(n, k=None):
    if k is None:
        k = n
    if n == 0:
        return 1
    if n < 0 or k == 0:
        return 0
    key = (n, k)
    if key not in memo:
        memo[key] = partitions(n - k, k) + partitions(n, k - 1)
    return memo[key]
print([partitions(n) for n in range(15)], partitions(100))
