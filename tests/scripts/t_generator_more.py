def gen_with_try():
    try:
        yield 1
        yield 2
    except ValueError as e:
        yield "got " + str(e)
    yield 3
g = gen_with_try()
print(next(g), g.throw(ValueError("boom")), next(g))
try:
    next(g)
except StopIteration:
    print("exhausted")
def infinite():
    n = 0
    while True:
        yield n
        n += 1
for v in infinite():
    if v * v > 50:
        print("stop at", v)
        break
def pipeline():
    nums = (i for i in range(20))
    evens = (n for n in nums if n % 2 == 0)
    squares = (e * e for e in evens)
    return list(squares)
print(pipeline())
class Tree:
    def __init__(self, v, kids=()):
        self.v = v
        self.kids = list(kids)
    def walk(self):
        yield self.v
        for k in self.kids:
            yield from k.walk()
t = Tree(1, [Tree(2, [Tree(4)]), Tree(3)])
print(list(t.walk()), sum(t.walk()))
g2 = (x for x in [1, 2])
print(list(zip(g2, g2)))
def gen_state():
    yield 1
gs = gen_state()
print(gs.gi_running, next(gs), list(gs))
