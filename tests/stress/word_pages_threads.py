# Floats and small ints live in word pages (runtime/alloc.c, THE WORD PAGES): a page
# belongs to the thread that made it, which alone allocates from it; any other
# thread's free goes on the page's remote stack, and a retiring thread's pages that
# still hold live objects become orphans for the next thread to adopt.
#
# 1. Workers make floats and ints, hand them over and exit: their pages become
#    orphans.  The main thread checks every value, drops them all (frees into pages
#    nobody owns), then allocates, which adopts the orphans and returns the empty
#    ones: the page count must come back down and no orphan may be left.
# 2. Producers append fresh floats to shared lists while consumers pop and drop them
#    (remote frees into pages whose owner is busy allocating) and a reader copies,
#    sums and prints the lists as they change.  Every value read must be one that was
#    written, and at the end the pages must again come back.
import os
import threading
import time
import _thread
import gilt

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
N = max(5000, int(60000 * SCALE))
WORKERS = 4
KEEP = 20000                 # floats: about 13 pages of 1,637 blocks
KEEP_PAGES = 13 + 8
OFF = gilt._word_pages() == (0, 0)    # AddressSanitizer builds: no word pages

def pages():
    return gilt._word_pages()

def retired():
    # join() returns when the thread's function has; the thread gives its pages up
    # after that, on its way out, before _thread._count() drops
    while _thread._count():
        time.sleep(0.001)

# ---- 1. orphans ----
handed = [None] * WORKERS

def make(w):
    floats = [w * 1_000_000 + i + 0.5 for i in range(N)]
    ints = [w * 1_000_000 + i + 2000 for i in range(N)]
    handed[w] = (floats, ints)

start_pages = pages()[0]
for r in range(2):
    ts = [threading.Thread(target=make, args=(w,)) for w in range(WORKERS)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    retired()
    held, orphans = pages()
    if not OFF:
        # about N * 2 * WORKERS blocks of 40 bytes in 64 KiB pages, mostly orphans now
        assert held >= (2 * N * WORKERS) // 1700, (held, N)
        assert orphans >= WORKERS, (held, orphans)
    for w in range(WORKERS):
        floats, ints = handed[w]
        for i in range(0, N, 97):
            assert floats[i] == w * 1_000_000 + i + 0.5, (w, i, floats[i])
            assert ints[i] == w * 1_000_000 + i + 2000, (w, i, ints[i])
        assert sum(ints) == N * (w * 1_000_000 + 2000) + N * (N - 1) // 2
    handed = [None] * WORKERS
    del floats, ints
    # more floats than the main thread's pages hold: its next page adopts every
    # orphan, and the empty ones go back
    keep = [float(i) + 0.25 for i in range(KEEP)]
    held, orphans = pages()
    if not OFF:
        assert orphans == 0, (held, orphans)
        assert held <= start_pages + KEEP_PAGES, (start_pages, held)
    assert sum(keep) == KEEP * 0.25 + KEEP * (KEEP - 1) // 2
    del keep

# ---- 2. remote frees under a reader ----
SHARED = 4
lists = [[] for _ in range(SHARED)]
done = threading.Event()
errors = []

def produce(p):
    base = (p + 1) * 10_000_000
    for i in range(N):
        lists[i % SHARED].append(base + i + 0.5)
        if i % 5 == 0:
            lists[(i + 1) % SHARED].append(base + i + 3000)

def valid(v):
    if isinstance(v, float):
        k = v - 0.5
        return k == int(k) and 10_000_000 <= k < 10_000_000 * (WORKERS + 1)
    return isinstance(v, int) and 10_003_000 <= v < 10_000_000 * (WORKERS + 1) + 3000

def consume(c):
    got = 0
    while not done.is_set() or any(lists):
        for l in lists:
            try:
                v = l.pop()
            except IndexError:
                continue
            if not valid(v):
                errors.append(("popped", v))
            got += 1
            del v

def read():
    rounds = 0
    while not done.is_set():
        for l in lists:
            snap = l[:]
            for v in snap:
                if not valid(v):
                    errors.append(("copied", v))
            s = sum(snap)
            r = repr(l)
            if not (r.startswith("[") and r.endswith("]")):
                errors.append(("repr", r[:40]))
            del snap, s, r
        rounds += 1

producers = [threading.Thread(target=produce, args=(p,)) for p in range(2)]
others = [threading.Thread(target=consume, args=(c,)) for c in range(2)]
others.append(threading.Thread(target=read))
for t in others + producers:
    t.start()
for t in producers:
    t.join()
done.set()
for t in others:
    t.join()
retired()
assert not errors, errors[:5]
assert not any(lists), [len(l) for l in lists]
keep = [float(i) for i in range(KEEP)]
held, orphans = pages()
if not OFF:
    assert orphans == 0, (held, orphans)
    assert held <= start_pages + KEEP_PAGES, (start_pages, held)
print("ok")
