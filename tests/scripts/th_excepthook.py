# An exception that escapes a thread is reported, and the program carries on.
import threading

def fail():
    raise ValueError("worker failed")

t = threading.Thread(target=fail, name="worker-1")
t.start()
t.join()
print("main continues", t.is_alive())
