# Threads with the GIL on: the threading primitives a lesson uses.
import threading

results = []
lock = threading.Lock()

def worker(n):
    for i in range(1000):
        with lock:
            results.append(n)

threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(results), sorted(set(results)))

# Lock semantics
l = threading.Lock()
print(l.acquire(), l.locked(), l.acquire(blocking=False), l.acquire(timeout=0.01))
l.release()
print(l.locked())
try:
    l.release()
except RuntimeError as e:
    print("RuntimeError:", e)

# RLock re-entry
r = threading.RLock()
with r:
    with r:
        print("rlock nested ok")
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)

# Event
ev = threading.Event()
seen = []
def waiter():
    ev.wait()
    seen.append("woke")
t = threading.Thread(target=waiter)
t.start()
print(ev.is_set())
ev.set()
t.join()
print(seen, ev.is_set(), ev.wait(0.01))
ev.clear()
print(ev.wait(0.01))

# Condition: producer/consumer
cond = threading.Condition()
items = []
def consumer(out):
    with cond:
        while not items:
            cond.wait()
        out.append(items.pop())
got = []
cs = [threading.Thread(target=consumer, args=(got,)) for _ in range(3)]
for c in cs:
    c.start()
for v in range(3):
    with cond:
        items.append(v)
        cond.notify()
for c in cs:
    c.join()
print(sorted(got))
with cond:
    print(cond.wait_for(lambda: True, timeout=0.01))

# Semaphore and BoundedSemaphore
s = threading.Semaphore(2)
print(s.acquire(), s.acquire(), s.acquire(blocking=False))
s.release(); s.release()
b = threading.BoundedSemaphore(1)
b.acquire(); b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError:", e)

# Barrier
bar = threading.Barrier(3)
order = []
def at_barrier(k):
    idx = bar.wait()
    with lock:
        order.append(idx)
ts = [threading.Thread(target=at_barrier, args=(k,)) for k in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(order), bar.parties, bar.n_waiting)

# local
loc = threading.local()
loc.x = "main"
vals = []
def set_local(v):
    loc.x = v
    vals.append(loc.x)
ts = [threading.Thread(target=set_local, args=(k,)) for k in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(vals), loc.x)

# Thread identity and names
def who():
    me = threading.current_thread()
    print(me.name, me is not threading.main_thread(), me.ident == threading.get_ident())
t = threading.Thread(target=who, name="helper")
t.start(); t.join()
print(threading.current_thread().name, threading.main_thread().name)
print(t.is_alive(), threading.active_count())
t2 = threading.Thread(target=lambda: None)
try:
    t2.join()
except RuntimeError as e:
    print("RuntimeError:", e)
t2.start()
try:
    t2.start()
except RuntimeError as e:
    print("RuntimeError:", e)
t2.join()

# Subclassing Thread
class Counter(threading.Thread):
    def __init__(self):
        super().__init__()
        self.total = 0
    def run(self):
        for i in range(100):
            self.total += i
c = Counter()
c.start(); c.join()
print(c.total)

# Daemon flag and timer
d = threading.Thread(target=lambda: None, daemon=True)
print(d.daemon)
fired = []
tm = threading.Timer(0.01, lambda: fired.append(1))
tm.start(); tm.join()
print(fired)
