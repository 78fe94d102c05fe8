# queue.Queue between producer and consumer threads.
import threading
import queue

q = queue.Queue()
out = []

def producer():
    for i in range(100):
        q.put(i)
    q.put(None)

def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        out.append(item * 2)
        q.task_done()

p = threading.Thread(target=producer)
c = threading.Thread(target=consumer)
p.start(); c.start()
p.join(); c.join()
q.join()
print(len(out), sum(out), q.empty(), q.qsize())

b = queue.Queue(maxsize=2)
b.put(1); b.put(2)
print(b.full())
try:
    b.put(3, block=False)
except queue.Full:
    print("Full")
try:
    b.put(3, timeout=0.01)
except queue.Full:
    print("Full after timeout")
print(b.get(), b.get())
try:
    b.get_nowait()
except queue.Empty:
    print("Empty")
try:
    b.get(timeout=0.01)
except queue.Empty:
    print("Empty after timeout")

lq = queue.LifoQueue()
for i in range(3):
    lq.put(i)
print([lq.get() for _ in range(3)])
pq = queue.PriorityQueue()
for v in [5, 1, 4, 2]:
    pq.put(v)
print([pq.get() for _ in range(4)])
sq = queue.SimpleQueue()
sq.put("a")
print(sq.get(), sq.empty())
