grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
target = 5
found = None
for r, row in enumerate(grid):
    for c, v in enumerate(row):
        if v == target:
            found = (r, c)
            break
    if found:
        break
print(found)
pairs = [(a, b) for a in range(3) for b in range(a, 3)]
print(pairs, len(pairs))
total = 0
for i in range(5):
    for j in range(5):
        if j > i:
            continue
        total += i * j
print(total)
