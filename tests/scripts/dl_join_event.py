# A thread waits for an Event nobody will set while main joins it: reported, exit 1.
import threading
ev = threading.Event()
def w():
    ev.wait()
t = threading.Thread(target=w, name="waiter")
t.start()
t.join()
