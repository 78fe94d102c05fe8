data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print(f"long list of {n}")
filtered = [y for x in data if (y := x * 2) > 6]
print(filtered)
chunks = iter(range(10))
while (chunk := next(chunks, None)) is not None:
    if chunk > 3:
        break
print(chunk)
print((z := 5) + z)
