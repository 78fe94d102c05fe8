# Producers append heap-allocated items (strings and lists) to shared deques
# while consumers popleft them, and readers walk the same deques (repr, iteration,
# copies, ==, in, count, indexing, len) all the while.  deque's append and popleft
# are atomic, as CPython documents: every item produced must be consumed exactly
# once, none lost, none twice, none freed under a reader.  A bounded deque
# (maxlen) takes appends from both ends and drops items from the other end, and
# a rotating one is turned constantly: their sizes must stay in bounds.
import os
import threading
from collections import deque

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
ITEMS = max(2000, int(80000 * SCALE))      # per producer
READS = max(20, int(300 * SCALE))
PRODUCERS, CONSUMERS = 2, 2

work = deque()
bounded = deque(maxlen=50)
spinning = deque(["s%d" % i for i in range(64)])
done_producing = threading.Event()
stop = threading.Event()
bad = []
consumed = [[] for _ in range(CONSUMERS)]

def guarded(f):
    # an exception in any thread fails the test
    def run(*args):
        try:
            f(*args)
        except BaseException as e:
            bad.append((f.__name__, repr(e)))
            stop.set()
    return run

def item(k, i):
    # a fresh string, or a fresh list holding one (both freed when consumed)
    s = "%d:%d" % (k, i)
    return s if i % 2 else [s, i]

def key_of(x):
    return x if type(x) is str else x[0]

@guarded
def producer(k):
    for i in range(ITEMS):
        x = item(k, i)
        if i % 3:
            work.append(x)
        else:
            work.extend([x])
        bounded.append(item(k, i))
        if i % 5 == 0:
            bounded.appendleft(item(k, -i))
        if i % 7 == 0:
            spinning.rotate(1 if k else -1)

@guarded
def consumer(c):
    mine = consumed[c]
    while True:
        try:
            x = work.popleft()
        except IndexError:
            if done_producing.is_set() and not work:
                return
            continue
        mine.append(key_of(x))

def check_item(what, x):
    if type(x) is str:
        return
    if type(x) is not list or len(x) != 2 or type(x[0]) is not str:
        bad.append((what, "item", repr(x)))

def read_once():
    probe = "0:5"
    repr(work)
    snapshot = work.copy()
    for x in snapshot:
        check_item("copy", x)
    # Walks that compare or hand out items one at a time raise "deque mutated
    # during iteration" when a writer gets in between, as in CPython.
    try:
        for x in work:
            check_item("iter", x)
    except RuntimeError:
        pass
    for x in list(work):     # list(d) copies in one step, as d.copy() does
        check_item("list", x)
    for walk in (lambda d: probe in d, lambda d: d.count(probe), lambda d: list(reversed(d))):
        try:
            walk(work)
        except RuntimeError:
            pass
    try:
        check_item("index", work[0])
        check_item("index", work[-1])
    except IndexError:
        pass
    b = bounded.copy()
    if len(b) > 50 or len(bounded) > 50:
        bad.append(("bounded", len(b)))
    repr(bounded)
    s = list(spinning)
    if len(s) != 64 or sorted(s) != sorted("s%d" % i for i in range(64)):
        bad.append(("spinning", len(s)))
    spinning.copy() == spinning
    len(work), bool(work)

@guarded
def reader():
    for _ in range(READS):
        read_once()
        if stop.is_set():
            return

ps = [threading.Thread(target=producer, args=(k,)) for k in range(PRODUCERS)]
cs = [threading.Thread(target=consumer, args=(c,)) for c in range(CONSUMERS)]
rs = [threading.Thread(target=reader) for _ in range(2)]
for t in ps + cs + rs:
    t.start()
for t in ps:
    t.join()
done_producing.set()
for t in cs + rs:
    t.join()
assert not bad, bad[:5]
everything = [x for mine in consumed for x in mine]
assert len(everything) == PRODUCERS * ITEMS, (len(everything), PRODUCERS * ITEMS)
assert len(set(everything)) == len(everything), "an item was consumed twice"
assert not work and len(bounded) == 50 and len(spinning) == 64
# each consumer saw each producer's items in the order they were appended
for mine in consumed:
    last = {}
    for x in mine:
        k, i = map(int, x.split(":"))
        assert i > last.get(k, -1), ("order", x)
        last[k] = i
print("ok")
