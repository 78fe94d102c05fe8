# One thread takes a plain Lock twice: it waits for itself (GIL off, the default).
import threading
l = threading.Lock()
l.acquire()
print("before", flush=True)
l.acquire()
