# Stop-the-world under load: while 4 threads compute, the main thread stops and
# restarts the world many times (gilt.set_gil goes through stop-the-world even when
# the setting does not change).  The threads' results must be exact.
import threading
import gilt

mode = gilt.gil_enabled()
stop = threading.Event()
results = [0] * 4

def work(k):
    total = 0
    i = 0
    while not stop.is_set():
        total += i
        i += 1
    results[k] = total - i * (i - 1) // 2   # 0 when every addition happened

ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for _ in range(200):
    gilt.set_gil(mode)
stop.set()
for t in ts:
    t.join()
assert results == [0, 0, 0, 0], results
print("ok")
