# async def / await: coroutines driven by a tiny round-robin event loop in Python

class Future:
    """A value that is not there yet; awaiting it suspends the coroutine."""
    def __init__(self, name):
        self.name = name
        self.done = False
        self.result = None
    def set_result(self, v):
        self.done = True
        self.result = v
    def __await__(self):
        while not self.done:
            yield self          # out to the loop: "wake me when I am done"
        return self.result

class Sleep:
    """Suspend for n turns of the loop."""
    def __init__(self, n):
        self.n = n
    def __await__(self):
        for _ in range(self.n):
            yield None
        return "slept %d" % self.n

class Loop:
    def __init__(self):
        self.ready = []
        self.log = []
    def spawn(self, name, coro):
        self.ready.append((name, coro, None))
    def run(self):
        turn = 0
        while self.ready:
            name, coro, send = self.ready.pop(0)
            turn += 1
            try:
                waited = coro.send(send)
            except StopIteration as e:
                print(f"turn {turn}: {name} finished -> {e.value!r}")
                continue
            except Exception as e:
                print(f"turn {turn}: {name} failed: {type(e).__name__}: {e}")
                continue
            if isinstance(waited, Future):
                print(f"turn {turn}: {name} waits for {waited.name}")
            self.ready.append((name, coro, None))

loop = Loop()

async def worker(name, steps):
    total = 0
    for i in range(steps):
        print(f"  {name} step {i}")
        r = await Sleep(1)
        total += i
    return (name, total)

shared = Future("shared")

async def producer():
    await Sleep(2)
    print("  producer sets the result")
    shared.set_result(42)
    return "produced"

async def consumer():
    v = await shared
    print("  consumer got", v)
    return v * 2

async def chain():
    # awaiting a coroutine runs it inside this one
    a = await worker("inner", 2)
    b = await consumer()
    return a, b

async def failing():
    await Sleep(1)
    raise ValueError("task failed")

loop.spawn("A", worker("A", 3))
loop.spawn("B", worker("B", 2))
loop.spawn("C", consumer())
loop.spawn("P", producer())
loop.spawn("D", chain())
loop.spawn("F", failing())
loop.run()

# coroutine objects
async def f():
    return 1
c = f()
print(type(c).__name__, c.__name__, c.__qualname__, repr(c).startswith("<coroutine object f at 0x"))
print(c.cr_running, c.cr_await)
try:
    c.send(None)
except StopIteration as e:
    print("StopIteration", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)

# not iterators
c = f()
for op in (lambda: next(c), lambda: iter(c), lambda: list(c)):
    try:
        op()
    except TypeError as e:
        print(type(e).__name__, e)
c.close()

# send a non-None value to a just-started coroutine
c = f()
try:
    c.send(5)
except TypeError as e:
    print(type(e).__name__, e)
c.close()

# __await__ gives an iterator over the coroutine
c = f()
w = c.__await__()
print(type(w).__name__, iter(w) is w)
try:
    next(w)
except StopIteration as e:
    print("via __await__:", e.value)

# throw() and close() reach the awaited object
class Waiter:
    def __await__(self):
        try:
            yield "waiting"
        except KeyError as e:
            print("  Waiter caught", repr(e))
            return "recovered"
        finally:
            print("  Waiter finally")

async def waits():
    r = await Waiter()
    print("  waits got", r)
    await Sleep(1)
    return "done"

c = waits()
print(c.send(None))
print(c.throw(KeyError("k")))
try:
    c.send(None)
except StopIteration as e:
    print("StopIteration", e.value)

c = waits()
c.send(None)
c.close()
print("closed", c.cr_await)

# cr_await while suspended
c = waits()
c.send(None)
print(type(c.cr_await).__name__)
c.close()

# errors
class BadAwait:
    def __await__(self):
        return 5
class CoroAwait:
    def __await__(self):
        return f()
async def await_it(x):
    return await x
for x in (1, "s", BadAwait(), None):
    c = await_it(x)
    try:
        c.send(None)
    except TypeError as e:
        print(type(e).__name__, e)

# a coroutine paused in an await belongs to whoever drives it
async def inner_task():
    await Sleep(2)
    return "inner"
async def second_awaiter(c):
    return await c
c = inner_task()
c.send(None)
s = second_awaiter(c)
try:
    s.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)
c.close()

# an exception inside a chain of awaits shows every frame
async def deepest():
    await Sleep(1)
    return 1 / 0
async def middle():
    return await deepest()
c = middle()
c.send(None)
c.send(None)
