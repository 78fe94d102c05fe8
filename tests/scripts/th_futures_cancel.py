# Futures: the default max_workers, result timeouts, cancel, shutdown and bad arguments.
import concurrent.futures as cf
import threading, time, os
ex = cf.ThreadPoolExecutor()
print(ex._max_workers == min(32, (os.cpu_count() or 1) + 4))
ev = threading.Event()
f = ex.submit(ev.wait)
try:
    f.result(timeout=0.05)
except cf.TimeoutError:
    print("TimeoutError")
except TimeoutError:
    print("builtin TimeoutError")
g = ex.submit(time.sleep, 0)
ev.set()
print(f.result(), g.result())
ex2 = cf.ThreadPoolExecutor(max_workers=1)
blocker = threading.Event()
running = threading.Event()
def hold():
    running.set()
    return blocker.wait()
a = ex2.submit(hold)
running.wait()   # a is running (not cancellable), b waits behind it: whatever the OS does
b = ex2.submit(print, "never")
print(b.cancel(), b.cancelled(), a.cancel())
blocker.set()
ex2.shutdown(wait=True)
try:
    b.result()
except cf.CancelledError:
    print("CancelledError")
ex.shutdown()
try:
    cf.ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print("ValueError:", e)
print(threading.TIMEOUT_MAX > 0, len(threading.enumerate()))
