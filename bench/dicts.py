# Dict-heavy code: counting with get, setdefault grouping, membership tests, items()
# iteration, dict comprehensions and deletes, with int and tuple keys.
def run(n):
    counts = {}
    groups = {}
    for i in range(n):
        k = i % 1013
        counts[k] = counts.get(k, 0) + 1
        groups.setdefault(k % 17, []).append(i)
        if (k, k % 3) in counts:
            counts[(k, k % 3)] += 1
        elif i % 7 == 0:
            counts[(k, k % 3)] = 1
    total = 0
    for key, value in counts.items():
        total += value if isinstance(key, int) else 2 * value
    squares = {k: v * v for k, v in counts.items() if isinstance(k, int)}
    for k in list(squares):
        if k % 2:
            del squares[k]
    return total, len(squares), sum(len(g) for g in groups.values())


print(run(1_200_000))
