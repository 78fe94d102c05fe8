def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count_up(5)), sum(count_up(101)), max(count_up(3)))
g = count_up(3)
print(next(g), next(g), next(g), next(g, "done"))
def fibs():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

out = []
for v in fibs():
    if v > 100:
        break
    out.append(v)
print(out)
def echo():
    received = yield "ready"
    while True:
        received = yield f"got {received}"
e = echo()
print(next(e), e.send(1), e.send("two"))
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], "ab", range(2))))
squares = (x * x for x in range(5))
print(type(squares).__name__, list(squares), list(squares), sum(x for x in range(10) if x % 2))
def with_return():
    yield 1
    return "result"
gr = with_return(); next(gr)
try:
    next(gr)
except StopIteration as si:
    print("StopIteration value:", si.value)
def closing():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
cg = closing(); print(next(cg)); cg.close(); print("closed")
