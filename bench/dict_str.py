# A dict and string workload: word counting, joins, formatting, slicing, hashing.
words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]
counts = {}
for i in range(1_200_000):
    w = words[i % 10] + str(i % 97)
    counts[w] = counts.get(w, 0) + 1
keys = sorted(counts)
line = ",".join(keys[:50])
total = 0
for k in keys:
    total += len(k) + counts[k]
table = {f"key{i}": i for i in range(100_000)}
hits = sum(1 for i in range(0, 200_000, 3) if f"key{i}" in table)
s = "".join(chr(97 + i % 26) for i in range(50_000))
parts = [s[i:i + 7].upper() for i in range(0, len(s), 7)]
print(len(counts), total, hits, len(parts), line[:40])
