# Executors without a thread_name_prefix are numbered in the order they are made,
# as CPython numbers them; two alive at once never share a name.
import threading
from concurrent.futures import ThreadPoolExecutor


def name():
    return threading.current_thread().name


a = ThreadPoolExecutor(max_workers=2)
b = ThreadPoolExecutor(max_workers=1)
print(a.submit(name).result())
print(b.submit(name).result())
with ThreadPoolExecutor(max_workers=1, thread_name_prefix="mine") as c:
    print(c.submit(name).result())
with ThreadPoolExecutor(max_workers=1) as d:   # the prefixed one took no number
    print(d.submit(name).result())
names = set()
for i in range(5):
    with ThreadPoolExecutor(max_workers=1) as e:
        names.add(e.submit(name).result())
print(sorted(names))
a.shutdown()
b.shutdown()
