# One generator, four threads calling next() on it: each value comes out exactly
# once, and a thread that finds it busy gets "generator already executing" (as in
# CPython), never a corrupted frame.
import threading

def numbers():
    for i in range(40000):
        yield i

gen = numbers()
got = []
busy = [0]
lock = threading.Lock()

def take():
    mine = []
    while True:
        try:
            mine.append(next(gen))
        except StopIteration:
            break
        except ValueError as e:
            assert str(e) == "generator already executing", e
            with lock:
                busy[0] += 1
    with lock:
        got.extend(mine)

ts = [threading.Thread(target=take) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert sorted(got) == list(range(40000)), len(got)
print("ok")
