# With the GIL off (the default) gilt does not yet start threads: it says so clearly.
import threading
t = threading.Thread(target=print, args=("hi",))
t.start()
t.join()
