# concurrent.futures.ThreadPoolExecutor: submit, map, as_completed, wait, errors.
from concurrent.futures import ThreadPoolExecutor, as_completed, wait
import concurrent.futures

def square(x):
    return x * x

def boom(x):
    raise ValueError("bad %d" % x)

with ThreadPoolExecutor(max_workers=3) as ex:
    futs = [ex.submit(square, i) for i in range(10)]
    print(sorted(f.result() for f in as_completed(futs)))
    print(list(ex.map(square, range(5))))
    f = ex.submit(boom, 7)
    try:
        f.result()
    except ValueError as e:
        print("ValueError:", e)
    print(type(f.exception()).__name__, f.done(), f.cancelled())
    done, not_done = wait([ex.submit(square, 3)])
    print(len(done), len(not_done), done.pop().result())
    seen = []
    g = ex.submit(square, 4)
    g.add_done_callback(lambda fut: seen.append(fut.result()))
    g.result()
print(seen)

try:
    ex.submit(square, 1)
except RuntimeError as e:
    print("RuntimeError:", e)

with concurrent.futures.ThreadPoolExecutor(2) as ex2:
    try:
        list(ex2.map(boom, [1, 2]))
    except ValueError as e:
        print("map raised", e)
print("done")
