# asynchronous comprehensions: async for and await inside list/set/dict comprehensions
# and generator expressions
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
class Tick:
    def __await__(self):
        yield "tick"
        return 1
async def agen(n):
    for i in range(n):
        await Tick()
        yield i
async def val(x):
    await Tick()
    return x * 10
async def main():
    a = [x async for x in agen(4)]
    b = [await val(x) for x in range(3)]
    c = {x: await val(x) async for x in agen(3) if x != 1}
    d = {x async for x in agen(3)}
    e = [[await val(y) for y in range(x)] for x in range(3)]
    g = (x * 2 async for x in agen(3))
    f = [v async for v in g]
    h = [x async for x in agen(3) for y in range(2)]
    k = [y for x in range(2) async for y in agen(x + 1)]
    return a, b, c, d, e, f, h, k, type(g).__name__
print(run(main()))
for src in ["def f():\n    return [x async for x in y]", "def f():\n    return [await x for x in y]",
            "[await x for x in y]", "async def f():\n    lambda: [await x for x in y]",
            "def f():\n    return {k: v async for k, v in y}"]:
    try:
        exec(src)
    except SyntaxError as e:
        print(e.msg, "| line", e.lineno, "offset", e.offset)

# generator expressions may be asynchronous anywhere: they make async generators
g = (x async for x in agen(2))
print(type(g).__name__)
async def collect(ag):
    return [v async for v in ag]
print(run(collect(g)))
g2 = (await val(x) for x in range(2))
print(type(g2).__name__, run(collect(g2)))
