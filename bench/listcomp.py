# List comprehensions: with conditions, nested, over strings and tuples, and the
# built-ins that consume them.
def run(n):
    total = 0
    for r in range(n):
        xs = [i * i for i in range(200) if i % 3]
        pairs = [(a, b) for a in range(12) for b in range(a) if (a + b) % 2]
        words = [w.upper() for w in ("alpha", "beta", "gamma", "delta") if "a" in w]
        total += sum(xs) + len(pairs) + max(b for _, b in pairs) + len(words[r % len(words)])
    return total


print(run(30_000))
