# Long waits that do end are not deadlocks: no report, normal exit.
import threading
import time

lock = threading.Lock()
cond = threading.Condition()
ready = []

def slow_holder():
    with lock:
        time.sleep(0.3)          # main waits on lock meanwhile, but this thread runs

def late_notifier():
    time.sleep(0.3)
    with cond:
        ready.append(1)
        cond.notify()

t1 = threading.Thread(target=slow_holder)
t1.start()
time.sleep(0.05)
with lock:
    print("got the lock after the holder slept")
t1.join()

t2 = threading.Thread(target=late_notifier)
t2.start()
with cond:
    while not ready:
        cond.wait()
print("woken by a late notify")
t2.join()

def sleeper():
    time.sleep(0.3)
t3 = threading.Thread(target=sleeper)
t3.start()
t3.join()
print("joined a sleeping thread")
