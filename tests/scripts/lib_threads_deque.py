# collections.deque and functools.lru_cache shared by threads: a work queue
# (append / popleft from several threads), and a cached function called from all
# of them.  (lib_threads_deque_gil runs the same with the GIL on.)
import threading
from collections import deque
from functools import lru_cache

jobs = deque()
results = deque()
N = 2000

def produce(k):
    for i in range(N):
        jobs.append((k, "job-%d-%d" % (k, i)))

def consume():
    while True:
        try:
            k, name = jobs.popleft()
        except IndexError:
            if done.is_set() and not jobs:
                return
            continue
        results.append(len(name) + k)

done = threading.Event()
ps = [threading.Thread(target=produce, args=(k,)) for k in range(2)]
cs = [threading.Thread(target=consume) for _ in range(2)]
for t in ps + cs:
    t.start()
for t in ps:
    t.join()
done.set()
for t in cs:
    t.join()
print(len(results), sum(results), len(jobs))
try:
    jobs.popleft()
except IndexError as e:
    print(type(e).__name__, e)

@lru_cache(maxsize=16)
def slow_square(n):
    return [n * n]

def use_cache():
    for i in range(3000):
        assert slow_square(i % 40) == [(i % 40) ** 2]

ts = [threading.Thread(target=use_cache) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
info = slow_square.cache_info()
print(info.hits + info.misses, info.maxsize, info.currsize)

bounded = deque(maxlen=10)
def fill(k):
    for i in range(1000):
        bounded.append(k)
ts = [threading.Thread(target=fill, args=(k,)) for k in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(bounded), set(bounded) <= {0, 1, 2})
