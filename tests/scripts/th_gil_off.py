# With the GIL off (gilt's default) threads run at the same moment on different
# cores.  Operations Python documents as atomic stay atomic, a Lock still makes a
# read-modify-write exact, and shared dicts, lists and closures stay consistent.
import threading

THREADS, STEPS = 4, 5000
log = []
table = {}
lock = threading.Lock()
total = 0

def make_counter():
    n = 0
    def bump():
        nonlocal n
        with lock:
            n += 1
        return n
    return bump

bump = make_counter()

def work(k):
    global total
    for i in range(STEPS):
        log.append((k, i))                       # atomic
        table[k, i % 50] = i                     # atomic
        table.setdefault("first", k)             # atomic
        with lock:
            total += 1                           # exact under the lock
        bump()

threads = [threading.Thread(target=work, args=(k,), name="worker-%d" % k) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

print("appends:", len(log), "of", THREADS * STEPS)
print("each thread's appends in order:",
      all([i for (k2, i) in log if k2 == k] == list(range(STEPS)) for k in range(THREADS)))
print("dict entries:", len(table), "first is a thread:", table["first"] in range(THREADS))
print("last values:", sorted({v for key, v in table.items() if key != "first"}))
print("total:", total, "closure count:", bump() - 1)
print("threads alive:", [t.is_alive() for t in threads])
