# concurrent.futures.ProcessPoolExecutor, and multiprocessing.Process.
import os
import sys
import concurrent.futures as cf
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import Process


def cube(x):
    return x ** 3


def divide(a, b):
    return a / b


def count_primes(limit):
    return sum(1 for n in range(2, limit) if all(n % d for d in range(2, int(n ** 0.5) + 1)))


def leave(code):
    os._exit(code)


def child(tag, code):
    print("child", tag, flush=True)
    sys.exit(code)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        f = ex.submit(cube, 3)
        print(f.result(timeout=10), f.done(), f.exception())
        print(list(ex.map(cube, range(8), chunksize=3)))
        print(list(ex.map(divide, [1, 4, 9], [1, 2, 3], timeout=10)))
        futures = [ex.submit(count_primes, n) for n in (100, 1000, 5000)]
        print(sorted(f.result() for f in as_completed(futures)))
        f = ex.submit(divide, 1, 0)
        e = f.exception()
        print(type(e).__name__, e, type(e.__cause__).__name__)
        try:
            f.result()
        except ZeroDivisionError as e:
            print("result:", e)
        try:
            ex.submit(lambda: 1).result()
        except Exception as e:
            print(type(e).__name__, str(e).split(">: ")[1])
        try:
            list(ex.map(cube, [1], chunksize=0))
        except ValueError as e:
            print(type(e).__name__, e)
    try:
        ex.submit(cube, 1)
    except RuntimeError as e:
        print(type(e).__name__, e)
    try:
        ProcessPoolExecutor(max_workers=0)
    except ValueError as e:
        print(type(e).__name__, e)

    # a worker that dies breaks the pool
    with ProcessPoolExecutor(1) as ex:
        f = ex.submit(leave, 3)
        try:
            f.result(timeout=30)
        except BrokenProcessPool as e:
            print(type(e).__module__, type(e).__name__, e)
        try:
            ex.submit(cube, 2)
        except BrokenProcessPool as e:
            print("again:", type(e).__name__)

    ex = ProcessPoolExecutor(2)
    print(ex.submit(cube, 5).result())
    ex.shutdown(wait=False)
    ex.shutdown()

    # Process
    p = Process(target=child, args=("a", 0))
    print(p.name.startswith("Process-"), p.exitcode, p.is_alive())
    p.start()
    p.join()
    print("exitcode", p.exitcode, p.is_alive())
    p = Process(target=child, args=("b", 5), name="worker-b")
    p.start()
    p.join(timeout=30)
    print(p.name, "exitcode", p.exitcode)
    p = Process(target=os._exit, args=(9,))
    p.start()
    p.join()
    print("exitcode", p.exitcode)
