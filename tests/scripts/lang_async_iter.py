# async for, async generators, async with

def run(coro):
    """Drive a coroutine to the end, counting the times it gave way."""
    yields = []
    while True:
        try:
            yields.append(coro.send(None))
        except StopIteration as e:
            return e.value, yields

class Tick:
    def __await__(self):
        v = yield "tick"
        return v

class Counter:
    """An asynchronous iterator class."""
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        await Tick()
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i

async def use_counter():
    out = []
    async for x in Counter(3):
        out.append(x)
    else:
        out.append("else")
    return out

print(run(use_counter()))

async def break_continue():
    out = []
    async for x in Counter(10):
        if x % 2:
            continue
        if x > 6:
            break
        out.append(x)
    else:
        out.append("no else after break")
    return out

print(run(break_continue()))

# async generators
async def agen(n):
    for i in range(n):
        await Tick()
        yield i * 10
    print("  agen finished")

async def use_agen():
    got = []
    async for v in agen(3):
        got.append(v)
    return got

print(run(use_agen()))

g = agen(2)
print(type(g).__name__, g.__name__, repr(g).startswith("<async_generator object agen at 0x"))
print(g.__aiter__() is g, type(g.__anext__()).__name__)

# driving __anext__ by hand
async def manual():
    g = agen(2)
    a = await g.__anext__()
    b = await g.__anext__()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("  StopAsyncIteration")
    return a, b
print(run(manual()))

# asend / athrow / aclose
async def echo():
    received = []
    try:
        while True:
            try:
                v = yield len(received)
                received.append(v)
            except ValueError as e:
                print("  echo caught", repr(e))
                yield "caught"
    finally:
        print("  echo finally, received", received)

async def drive_echo():
    e = echo()
    print("  first", await e.asend(None))
    print("  sent", await e.asend("a"))
    print("  sent", await e.asend("b"))
    print("  athrow", await e.athrow(ValueError("v")))
    print("  aclose", await e.aclose())
    try:
        await e.asend("late")
    except StopAsyncIteration:
        print("  closed generator: StopAsyncIteration")
    return "ok"
print(run(drive_echo()))

# an awaitable from __anext__ can be awaited only once
async def twice():
    g = agen(3)
    a = g.__anext__()
    await a
    try:
        await a
    except RuntimeError as e:
        print(" ", type(e).__name__, e)
print(run(twice()))

# aclose on a generator that ignores GeneratorExit
async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2
async def close_stubborn():
    g = stubborn()
    await g.__anext__()
    try:
        await g.aclose()
    except RuntimeError as e:
        print(" ", type(e).__name__, e)
print(run(close_stubborn()))

# an async generator that raises StopAsyncIteration itself
async def raises_stop():
    yield 1
    raise StopAsyncIteration
async def use_raises_stop():
    try:
        async for v in raises_stop():
            pass
    except RuntimeError as e:
        print(" ", type(e).__name__, e)
print(run(use_raises_stop()))

# async with
class Resource:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow
    async def __aenter__(self):
        await Tick()
        print("  enter", self.name)
        return self.name.upper()
    async def __aexit__(self, et, ev, tb):
        await Tick()
        print("  exit", self.name, et.__name__ if et else None)
        return self.swallow

async def use_with():
    async with Resource("a") as r:
        print("  inside", r)
    async with Resource("b", swallow=True):
        raise KeyError("swallowed")
    try:
        async with Resource("c"):
            raise KeyError("passes")
    except KeyError as e:
        print("  caught", repr(e))
    async with Resource("d") as d, Resource("e") as e:
        print("  inside", d, e)
    for i in range(3):
        async with Resource("loop%d" % i):
            if i == 1:
                break
    return "with done"

print(run(use_with()))

async def with_return():
    async with Resource("r"):
        return "returned from inside"
print(run(with_return()))

# errors
class NoAiter:
    pass
class BadAiter:
    def __aiter__(self):
        return 1
class BadAnext:
    def __aiter__(self):
        return self
    def __anext__(self):
        return 1
class OnlyAenter:
    async def __aenter__(self):
        return 1
class SyncEnter:
    def __aenter__(self):
        return 1
    def __aexit__(self, *a):
        return 1

async def loop_over(x):
    async for i in x:
        pass
async def with_it(x):
    async with x:
        pass
for f, x in [(loop_over, NoAiter()), (loop_over, BadAiter()), (loop_over, BadAnext()), (loop_over, [1]),
             (with_it, 1), (with_it, OnlyAenter()), (with_it, SyncEnter())]:
    try:
        run(f(x))
    except TypeError as e:
        print(type(e).__name__, e)

# uncaught, with the traceback through the async for
async def bad_gen():
    yield 1
    raise OSError("in the generator")
async def main():
    async for v in bad_gen():
        print("got", v)
run(main())
