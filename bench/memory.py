# Memory benchmark: a 1M-element list of distinct ints and a 200k-entry dict of str
# to int.  bench/memory runs it under gilt and python3 and compares peak RSS.
xs = list(range(1_000_000, 2_000_000))
d = {str(i): i for i in range(200_000)}
print(len(xs), len(d), xs[-1], d["199999"])
