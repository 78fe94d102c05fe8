for i in range(10):
    if i == 2:
        continue
    if i == 6:
        break
    print(i, end=" ")
else:
    print("no break")
print()
for i in range(3):
    pass
else:
    print("loop finished", i)
n = 0
while n < 5:
    n += 1
    if n == 10:
        break
else:
    print("while else", n)
x = 7
if x < 5:
    print("small")
elif x < 10:
    print("medium")
else:
    print("large")
print("even" if x % 2 == 0 else "odd", [y for y in range(20) if y % 3 == 0 if y % 2 == 0])
for i, j in [(1, 2), (3, 4)]:
    print(i + j, end=" ")
print()
i = 0
while True:
    i += 1
    if i > 3:
        break
print("i =", i)
if (m := len("hello")) > 3:
    print("walrus", m)
print([z for z in range(3) for w in range(2)], [(a, b) for a in "ab" for b in (1, 2)])
