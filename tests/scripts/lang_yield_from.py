# yield from: full delegation (send, throw, close, return value)

def sub():
    x = yield 1
    print("sub got", x)
    y = yield 2
    print("sub got", y)
    return "sub-result"

def outer():
    r = yield from sub()
    print("outer got", r)
    return r * 2 if isinstance(r, int) else r + "!"

g = outer()
print(next(g))
print(g.send("a"))
try:
    g.send("b")
except StopIteration as e:
    print("StopIteration value:", e.value, e.args)

# return x -> StopIteration(x); bare return -> value None
def ret(v):
    return v
    yield
for v in (5, None, (1, 2)):
    try:
        next(ret(v))
    except StopIteration as e:
        print("value", repr(e.value), "args", e.args)

# StopIteration value set by hand
e = StopIteration(1, 2)
print(e.value, e.args)
print(StopIteration().value)

# nested delegation three deep, values flow both ways
def leaf():
    total = 0
    while True:
        x = yield total
        if x is None:
            return total
        total += x

def middle():
    r = yield from leaf()
    return ("middle", r)

def top():
    r = yield from middle()
    yield r

t = top()
print(next(t))
print(t.send(10))
print(t.send(5))
print(t.send(None))

# throw() is forwarded to the subgenerator, which may handle it
def catcher():
    while True:
        try:
            yield "waiting"
        except ValueError as e:
            print("sub caught", repr(e))
            yield "handled"
        except KeyError:
            print("sub returns on KeyError")
            return "from-throw"

def deleg():
    r = yield from catcher()
    print("deleg got", r)
    yield "after"

d = deleg()
print(next(d))
print(d.throw(ValueError("boom")))
print(next(d))
print(d.throw(KeyError("k")))

# throw() that the subgenerator does not handle propagates through the delegator
def passthru():
    try:
        yield from catcher()
    except TypeError as e:
        print("delegator caught", repr(e))
        yield "recovered"

p = passthru()
next(p)
print(p.throw(TypeError("bad")))

# close() closes the subgenerator first (GeneratorExit)
def closing_sub():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print("sub got GeneratorExit")
        raise
    finally:
        print("sub finally")

def closing_outer():
    try:
        yield from closing_sub()
    finally:
        print("outer finally")

c = closing_outer()
next(c)
c.close()
print("closed; again:", c.close())

# throw(GeneratorExit) also closes the subgenerator
c = closing_outer()
next(c)
try:
    c.throw(GeneratorExit)
except GeneratorExit:
    print("GeneratorExit came back out")

# a subgenerator that ignores GeneratorExit
def stubborn():
    ignored = False
    while True:
        try:
            yield 1
        except GeneratorExit:
            if ignored:
                return        # the second close (when it is dropped) ends it
            ignored = True

def wraps_stubborn():
    yield from stubborn()

w = wraps_stubborn()
next(w)
try:
    w.close()
except RuntimeError as e:
    print(type(e).__name__, e)

# delegation to any iterator
def over_iterables():
    a = yield from [1, 2]
    b = yield from range(3, 5)
    c = yield from "xy"
    d = yield from iter((9,))
    print("values of yield from on iterators:", a, b, c, d)

print(list(over_iterables()))

# sending non-None into a plain iterator: it has no send()
class Plain:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n

def into_list():
    yield from Plain()

il = into_list()
next(il)
try:
    il.send(5)
except AttributeError as e:
    print(type(e).__name__, e)

# throw() into a plain iterator raises at the yield from
il = into_list()
next(il)
try:
    il.throw(ValueError("into list"))
except ValueError as e:
    print("ValueError", e)

# an iterator class with send/throw/close
class Echo:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        return self.send(None)
    def send(self, v):
        self.n += 1
        if self.n > 3:
            raise StopIteration("echo done")
        return ("echo", v)
    def throw(self, e):
        print("Echo.throw", repr(e))
        return "thrown-value"
    def close(self):
        print("Echo.close")

def over_echo():
    r = yield from Echo()
    print("echo returned", r)
    yield "end"

oe = over_echo()
print(next(oe))
print(oe.send("hi"))
print(oe.throw(IndexError(1)))
print(oe.send("x"))
print(next(oe))
oe2 = over_echo()
next(oe2)
oe2.close()

# yield from a finished generator gives its value at once
def done():
    return 42
    yield
def use_done():
    x = yield from done()
    yield x
print(list(use_done()))

# the value sent into a just-started generator must be None
def simple():
    yield 1
try:
    simple().send(1)
except TypeError as e:
    print(type(e).__name__, e)

# PEP 479: StopIteration raised in a generator becomes RuntimeError
def leaks_stop():
    yield 1
    raise StopIteration("oops")
try:
    list(leaks_stop())
except RuntimeError as e:
    print(type(e).__name__, e, "| cause:", repr(e.__cause__))

def leaks_via_next():
    it = iter([])
    yield next(it)
try:
    next(leaks_via_next())
except RuntimeError as e:
    print(type(e).__name__, e)

# a generator running itself: ValueError
def selfish():
    yield next(me)
me = selfish()
try:
    next(me)
except ValueError as e:
    print(type(e).__name__, e)

def self_delegating():
    yield from me2
me2 = self_delegating()
try:
    next(me2)
except ValueError as e:
    print(type(e).__name__, e)

# gi_running
def watch():
    print("running inside:", w2.gi_running)
    yield
w2 = watch()
print("before:", w2.gi_running)
next(w2)
print("after:", w2.gi_running)

# gi_yieldfrom
def inner2():
    yield 1
def outer2():
    yield from inner2()
o2 = outer2()
print(o2.gi_yieldfrom)
next(o2)
print(type(o2.gi_yieldfrom).__name__, o2.gi_yieldfrom.__name__)

# throw with a type and a value; bad throw arguments
def plain():
    yield 1
pg = plain()
next(pg)
try:
    pg.throw(ValueError, "via type")
except ValueError as e:
    print("ValueError", e)
try:
    plain().throw(3)
except TypeError as e:
    print(type(e).__name__, e)

# sys.exc_info inside and outside a generator paused in an except block
import sys
def in_handler():
    try:
        raise KeyError("inside")
    except KeyError:
        yield sys.exc_info()[0].__name__
        yield sys.exc_info()[0].__name__
ih = in_handler()
print(next(ih), sys.exc_info())
try:
    raise IndexError("caller")
except IndexError:
    print(next(ih), sys.exc_info()[0].__name__)
print(sys.exc_info())

# exceptions from the subgenerator carry both frames; uncaught at the end
def bad_sub():
    yield 1
    1 / 0
def bad_outer():
    yield from bad_sub()
for v in bad_outer():
    print("got", v)
