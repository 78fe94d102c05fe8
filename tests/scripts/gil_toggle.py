# gilt.set_gil: a lesson turns the GIL on and off while the program runs.
import sys
import threading
import gilt

print("start:", sys._is_gil_enabled(), gilt.gil_enabled())
gilt.set_gil(True)
print("after set_gil(True):", sys._is_gil_enabled())

stop = threading.Event()
counts = [0, 0]

def work(k):
    while not stop.is_set():
        counts[k] += 1

threads = [threading.Thread(target=work, args=(k,)) for k in range(2)]
for t in threads:
    t.start()
gilt.set_gil(True)               # already on: nothing changes, nothing stops
try:
    gilt.set_gil(False)
except RuntimeError as e:
    print("RuntimeError:", e)
stop.set()
for t in threads:
    t.join()
print("both threads ran:", counts[0] > 0 and counts[1] > 0)

gilt.set_gil(False)
print("after set_gil(False):", sys._is_gil_enabled())
try:
    threading.Thread(target=print).start()
except RuntimeError:
    print("threads are refused again with the GIL off")
try:
    gilt.set_gil()
except TypeError as e:
    print("TypeError:", e)
