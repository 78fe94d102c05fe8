# Many threads blocked on one threading.Event: main starts them all, sets the event
# and joins them.  Each waiter must cost nothing while it waits (no polling that
# grows with the number of threads), and the deadlock detector must not mistake
# threads that wait for an event main is about to set for a deadlock -- with the GIL
# on it once reported one while main was still starting threads.
import os
import threading

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
N = max(200, int(10000 * SCALE))

event = threading.Event()
lock = threading.Lock()
woke = []

def waiter(i):
    event.wait()
    s = "w%d" % i
    with lock:
        woke.append(s)

threads = []
for i in range(N):
    t = threading.Thread(target=waiter, args=(i,))
    t.start()
    threads.append(t)
assert not woke
event.set()
for t in threads:
    t.join()
assert len(woke) == N and len(set(woke)) == N, (len(woke), len(set(woke)))
print("ok")
