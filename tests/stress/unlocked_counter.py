# Without a lock the count may come up short (that is the lesson), but nothing
# crashes and it never overshoots.
import threading

class Box:
    def __init__(self):
        self.n = 0

THREADS, STEPS = 4, 50000
box = Box()

def work():
    for _ in range(STEPS):
        box.n += 1

ts = [threading.Thread(target=work) for _ in range(THREADS)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert 0 < box.n <= THREADS * STEPS, box.n
print("ok")
