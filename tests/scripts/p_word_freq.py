text = """It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity"""
words = [w.strip(",.").lower() for w in text.split()]
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
for w, n in top:
    print(f"{w:>8} {'#' * n} {n}")
print(len(words), len(freq), max(freq, key=lambda w: (len(w), w)))
lines = text.splitlines()
print([len(l.split()) for l in lines], lines[1].title()[:20])
