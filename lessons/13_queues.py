# Lesson 13: queues -- producers, consumers and back-pressure.
#
# What it teaches: a queue.Queue hands items from threads that make them
# (producers) to threads that use them (consumers), with its own lock and two
# conditions inside: nobody shares anything else, so there is nothing to race
# on.  Two producers make numbers quickly; two consumers take a millisecond
# over each (a time.sleep, as if they sent it to a slow service).
#   - phase "no maxsize": the producers race ahead and the queue grows to
#     thousands of items -- all of them in memory, waiting.
#   - phase "maxsize N": put() blocks while the queue holds N items.  The
#     producers are slowed down to the consumers' pace -- back-pressure -- and
#     the queue never holds more than N.
# Shutdown: when the producers are done, the main thread puts one sentinel
# (None) per consumer; a consumer that gets it stops.  Then the totals are
# checked: every item made was used exactly once.
# The Queue is Python code (src/modules/py/queue.py) on a threading.Condition;
# a blocked put() or get() sleeps in the Condition's wait.
#
# What to run:
#     ./gilt --dash lessons/13_queues.py
#     ./gilt --stats lessons/13_queues.py 200 0.1 10     short run, summary table
# Arguments: items per producer (default 5,000), the milliseconds a consumer
# takes over one item (default 1) and the maxsize of the second phase
# (default 10).
#
# What to watch on the dashboard:
#   - In "no maxsize" the producer rows are a few solid columns, then empty:
#     they are done at once, and the consumers go on for seconds with the
#     backlog (thin bars of work on "·": they mostly sleep).
#   - In "maxsize 10" the producer rows last as long as the consumers' and
#     look like them: a little work, mostly "·" (blocked) -- asleep in put()
#     until a consumer makes room.  The fast side now runs at the slow side's
#     pace.
#   - The locks panel: "lock@13_queues.py:76" is the queue's own lock (named
#     by the line of queue.Queue(maxsize)), taken by every put() and get().  Each
#     wait in put() sleeps on a lock of its own, labelled "room in the Queue"
#     ("an item in the Queue" for get()): thousands of short waits, listed by
#     those names in the --stats summary.
#   - The output panel: the most items that were in the queue at once (the
#     first number: almost all of them, then 10), how long the producers
#     waited in put(), and "totals OK".
#
# What to try next: make the producers the slow side (a time.sleep in the
# producer, a work of 0 ms) and watch the consumers block in get() instead;
# or give the queue maxsize 1 -- a hand-over, one item at a time.
import queue
import sys
import threading
import time

PRODUCERS = 2
CONSUMERS = 2


def producer(q, first, items, peak, waited, me):
    for item in range(first, first + items):
        start = time.perf_counter()
        q.put(item)                         # blocks while the queue is full
        waited[me] += time.perf_counter() - start
        peak[me] = max(peak[me], q.qsize())


def consumer(q, ms, used, me):
    count = total = 0
    while True:
        item = q.get()                      # blocks while the queue is empty
        if item is None:                    # the sentinel: no more items
            break
        time.sleep(ms / 1000)               # the work on one item
        count += 1
        total += item
    used[me] = (count, total)


def phase(name, maxsize, items, ms):
    q = queue.Queue(maxsize)
    peak = [0] * PRODUCERS
    waited = [0.0] * PRODUCERS
    used = [None] * CONSUMERS
    start = time.perf_counter()
    consumers = [threading.Thread(target=consumer, args=(q, ms, used, c), name=f"consumer {c}")
                 for c in range(CONSUMERS)]
    producers = [threading.Thread(target=producer, args=(q, p * items, items, peak, waited, p),
                                  name=f"producer {p}") for p in range(PRODUCERS)]
    for t in consumers + producers:
        t.start()
    for t in producers:
        t.join()
    for _ in consumers:
        q.put(None)                         # one sentinel per consumer
    for t in consumers:
        t.join()
    made = PRODUCERS * items
    count = sum(c for c, _ in used)
    total = sum(t for _, t in used)
    ok = count == made and total == made * (made - 1) // 2
    print(f"{name} ({time.perf_counter() - start:.1f} s):")
    bound = f" (maxsize {maxsize})" if maxsize else ""
    print(f"  {max(peak):6,} items at most in the queue{bound}")
    print(f"  {sum(waited):6.2f} s producers waited in put()")
    print(f"  {count:6,} of {made:,} used, totals {'OK' if ok else 'WRONG'}")
    assert ok, "an item was lost or used twice"


def main():
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    ms = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    maxsize = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    if maxsize < 1:
        raise SystemExit("maxsize must be at least 1")
    print(f"{PRODUCERS} producers x {items:,} items, {CONSUMERS} consumers")
    phase("no maxsize", 0, items, ms)
    phase(f"maxsize {maxsize}", maxsize, items, ms)


if __name__ == "__main__":
    main()
