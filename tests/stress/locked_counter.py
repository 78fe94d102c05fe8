# Concurrent attribute increments under a Lock give the exact count.
import threading

class Box:
    def __init__(self):
        self.n = 0

THREADS, STEPS = 4, 20000
box = Box()
lock = threading.Lock()

def work():
    for _ in range(STEPS):
        with lock:
            box.n += 1

ts = [threading.Thread(target=work) for _ in range(THREADS)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert box.n == THREADS * STEPS, box.n
print("ok")
