# where async and await may appear (SyntaxError, with CPython's messages)
cases = [
    "await f()",
    "def g():\n    await f()",
    "def g():\n    async for x in y: pass",
    "def g():\n    async with a: pass",
    "async for x in y: pass",
    "async with a: pass",
    "async def g():\n    yield from x",
    "async def g():\n    yield 1\n    return 2",
    "async def g():\n    lambda: await x",
    "async x = 1",
    "class C:\n    await x",
]
for src in cases:
    try:
        exec(src, {})
        print("compiled:", repr(src))
    except SyntaxError as e:
        print(type(e).__name__, e.msg, "| line", e.lineno, "offset", e.offset)

# these are fine
ok = [
    "async def g():\n    await f()\n    async for x in y: pass\n    async with a as b, c: pass",
    "async def g():\n    yield 1\n    return",
    "async def g():\n    def h():\n        yield 1\n    return h",
    "@dec\nasync def g(): pass",
    "class C:\n    async def m(self):\n        return await self.x",
    "async def g():\n    x = await a + await b\n    return -await c, await d ** 2",
]
for src in ok:
    exec(src, {"dec": lambda f: f})
print("all compiled")

# await binds tighter than ** and unary minus (await_primary)
class V:
    def __init__(self, v):
        self.v = v
    def __await__(self):
        return self.v
        yield
async def calc():
    return -await V(3), await V(2) ** 3, await V(10) - await V(4)
c = calc()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)
await_outside = 1
