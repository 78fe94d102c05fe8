# A Pool worker that dies in the middle of a task (os._exit): CPython's Pool waits
# for that task forever; gilt fails the task with a RuntimeError that names the
# worker and its exit code, starts a new worker in its place, and goes on.  Recorded
# from gilt (mp_worker_dies.keep), since CPython hangs here.
import os
from multiprocessing import Pool


def work(x):
    if x == 2:
        os._exit(7)
    return x * 10


if __name__ == "__main__":
    with Pool(2) as pool:
        try:
            pool.map(work, range(4), chunksize=1)
        except RuntimeError as e:
            print(type(e).__name__, str(e).replace(str(e).split("(")[1].split(")")[0], "ForkPoolWorker-N"))
        print(pool.map(work, [0, 1, 3]))
        r = pool.apply_async(work, (2,))
        try:
            r.get(timeout=30)
        except RuntimeError as e:
            print("apply:", type(e).__name__)
        print(pool.apply(work, (5,)))
