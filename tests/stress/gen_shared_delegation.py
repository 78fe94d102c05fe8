# Threads pull from one shared generator that delegates (yield from) to a chain of
# subgenerators yielding fresh strings, while other threads send into and throw at
# their own delegating generators and drive coroutines.  A generator may run in one
# thread at a time: a thread that finds it running gets ValueError "generator
# already executing" and tries again.  Every item must arrive exactly once, and no
# thread may crash or see a freed item.
import os
import threading

SCALE = float(os.environ.get("GILT_STRESS_SCALE", "1"))
ITEMS = max(200, int(4000 * SCALE))
PULLERS = 4

def leaf(lo, hi):
    for i in range(lo, hi):
        yield "item-%d" % i          # a fresh heap string each time
    return hi

def chain():
    lo = 0
    while lo < ITEMS:
        lo = yield from leaf(lo, min(lo + 37, ITEMS))

shared = chain()
got = [[] for _ in range(PULLERS)]
errors = []

def pull(mine):
    while True:
        try:
            mine.append(next(shared))
        except ValueError as e:
            if str(e) != "generator already executing":
                errors.append(repr(e))
                return
        except StopIteration:
            return

def accumulator():
    total = []
    while True:
        try:
            x = yield len(total)
        except KeyError as e:
            total.append("thrown-" + str(e.args[0]))
            continue
        if x is None:
            return total
        total.append(x)

def delegate():
    r = yield from accumulator()
    return r

def sender(n):
    for round_ in range(max(5, int(40 * SCALE))):
        g = delegate()
        next(g)
        for i in range(20):
            g.send("s%d-%d-%d" % (n, round_, i))
            if i % 7 == 0:
                g.throw(KeyError("k%d" % i))
        try:
            g.send(None)
        except StopIteration as e:
            if len(e.value) != 23 or e.value[1] != "thrown-k0":
                errors.append("sender %d: %r" % (n, e.value[:3]))

class Step:
    def __await__(self):
        v = yield "step"
        return v

async def coro(n):
    out = []
    for i in range(10):
        out.append(await Step())
    return out

def driver(n):
    for _ in range(max(5, int(50 * SCALE))):
        c = coro(n)
        c.send(None)
        try:
            i = 0
            while True:
                c.send("v%d" % i)
                i += 1
        except StopIteration as e:
            if e.value != ["v%d" % i for i in range(10)]:
                errors.append("driver %d: %r" % (n, e.value))

threads = [threading.Thread(target=pull, args=(got[i],)) for i in range(PULLERS)]
threads += [threading.Thread(target=sender, args=(i,)) for i in range(2)]
threads += [threading.Thread(target=driver, args=(i,)) for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()

everything = sorted(x for part in got for x in part)
expected = sorted("item-%d" % i for i in range(ITEMS))
if errors:
    print("errors:", errors[:5])
elif everything != expected:
    print("items lost or repeated:", len(everything), "of", len(expected))
else:
    print("ok")
