# Many threads blocked on one Lock that main holds while it starts them: a correct
# program (main releases the lock once all have started), so the deadlock detector
# must never report a deadlock -- main is running, not waiting, the whole time.
# With the GIL on, gilt once printed a false report here while main was still
# starting threads.  Each thread then takes the lock in turn.
import os
import threading

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
N = max(200, int(3000 * SCALE))

lock = threading.Lock()
got = []

def worker(i):
    item = ("t", str(i) * 2)
    with lock:
        got.append(item)

lock.acquire()
threads = []
for i in range(N):
    t = threading.Thread(target=worker, args=(i,))
    t.start()
    threads.append(t)
    if i % 100 == 0:
        # main keeps working between starts (and so is never blocked)
        busy = [str(k) for k in range(200)]
assert not got
lock.release()
for t in threads:
    t.join()
assert sorted(s for _, s in got) == sorted(str(i) * 2 for i in range(N))
print("ok")
