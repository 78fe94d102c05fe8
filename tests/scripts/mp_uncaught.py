# An uncaught exception from a Pool worker: the worker's traceback text (the
# RemoteTraceback block), then the parent's own traceback.  Recorded from gilt
# (mp_uncaught.keep): CPython's text names the frames of its own pool.py, with
# paths and line numbers of the CPython installation, where gilt names
# <gilt>/multiprocessing.py; the user's frames and the layout are the same.
from multiprocessing import Pool


def check(x):
    if x == 3:
        raise ValueError(f"bad input {x}")
    return x


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(check, [1, 2]))
        pool.map(check, range(5))
