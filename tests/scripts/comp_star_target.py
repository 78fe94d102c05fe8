# for-targets in comprehensions take the same forms as in for statements.
print([a for *a, b in [(1, 2, 3), (4, 5)]])
print([b for a, *b in [(1, 2, 3)]])
print({k: v for k, v, in [("x", 1)]})
for *head, last in [(1, 2, 3)]:
    print(head, last)
for first, *rest in [(1, 2, 3)]:
    print(first, rest)
