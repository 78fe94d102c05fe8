# Two threads take two locks in opposite orders: gilt reports the wait-for cycle.
import threading
import time

a = threading.Lock()
b = threading.Lock()

def worker():
    with b:
        time.sleep(0.3)
        with a:
            print("never")

t = threading.Thread(target=worker)
t.start()
with a:
    time.sleep(0.3)
    with b:
        print("never")
t.join()
