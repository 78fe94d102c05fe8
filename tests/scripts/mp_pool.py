# multiprocessing.Pool: map, starmap, apply, the async forms, imap, errors.
import multiprocessing
from multiprocessing import Pool, current_process, cpu_count


def square(x):
    return x * x


def add(a, b):
    return a + b


def inverse(x):
    return 1 / x


def power(base, exp=2):
    return base ** exp


def worker_name(_):
    return current_process().name


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


def moved(p):
    return Point(p.x + 1, p.y * 2)


class BadValue(Exception):
    pass


def fail_with(args):
    raise BadValue(*args)


def echo(value):
    return value


def give_function(x):
    return lambda: x


if __name__ == "__main__":
    print(type(cpu_count()).__name__, cpu_count() >= 1)
    print(current_process().name)
    with Pool(2) as pool:
        print(sum(pool.map(square, range(1000))))
        print(pool.map(square, range(10), chunksize=3))
        print(pool.map(square, []))
        print(pool.starmap(add, [(1, 2), (3, 4), ("a", "b")]))
        print(pool.apply(power, (3,)), pool.apply(power, (2,), {"exp": 10}))
        r = pool.apply_async(square, (12,))
        print(r.get(timeout=10), r.ready(), r.successful())
        m = pool.map_async(square, range(5))
        print(m.get(10))
        print(list(pool.imap(square, range(6), chunksize=2)))
        print(sorted(pool.imap_unordered(square, range(6))))
        names = set(pool.map(worker_name, range(20), chunksize=1))
        print(all(n.startswith("ForkPoolWorker-") for n in names))
        print(pool.map(moved, [Point(1, 2), Point(3, 4)]))
        # values cross intact: big ints, exact floats, nesting, shared references
        shared = [1, 2]
        value = {"big": 2 ** 200, "f": [0.1, 1e-300, -0.0, 1 / 3], "t": (None, True, "é"),
                 "s": {1, 2}, "fs": frozenset({"x"}), "twice": [shared, shared]}
        back = pool.apply(echo, (value,))
        print(back == value, back["twice"][0] is back["twice"][1])
        cycle = [1]
        cycle.append(cycle)
        back = pool.apply(echo, (cycle,))
        print(back[1] is back, back[0])
        got = []
        r = pool.apply_async(square, (7,), callback=got.append)
        r.wait()
        print(r.get(), got)

        import time
        slow = pool.apply_async(time.sleep, (0.5,))
        try:
            slow.get(timeout=0.05)
        except multiprocessing.TimeoutError as e:
            print("timeout:", type(e).__name__, slow.ready())
        print(slow.get(), slow.ready())

        # errors in a worker come back with their traceback text
        try:
            pool.map(inverse, [1, 0, 2])
        except ZeroDivisionError as e:
            print(type(e).__name__, e)
            cause = e.__cause__
            print(type(cause).__name__, type(cause).__module__)
            print(cause.tb.splitlines()[1], "|", cause.tb.splitlines()[-2])
        try:
            pool.apply(fail_with, (("bad", 42),))
        except BadValue as e:
            print(type(e).__name__, e.args)
        errors = []
        r = pool.apply_async(inverse, (0,), error_callback=errors.append)
        r.wait()
        print(r.successful(), [type(x).__name__ for x in errors])
        try:
            r.get()
        except ZeroDivisionError as e:
            print("get:", e)

        # what cannot be sent
        try:
            pool.map(give_function, [1])
        except Exception as e:
            print(type(e).__name__, type(e).__module__, str(e).split(" at ")[0])
        try:
            pool.map(lambda x: x, [1])
        except Exception as e:
            text = str(e)
            print(type(e).__name__, text.split(" at ")[0], "...", text.split(">: ")[1])

    try:
        Pool(0)
    except ValueError as e:
        print(type(e).__name__, e)
    p = Pool(1)
    try:
        p.join()
    except ValueError as e:
        print(type(e).__name__, e)
    p.close()
    try:
        p.map(square, [1])
    except ValueError as e:
        print(type(e).__name__, e)
    p.join()
    p = Pool(processes=2)
    print(p.map(square, [4, 5]))
    p.terminate()
    p.join()
    print("done")
