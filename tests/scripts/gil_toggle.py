# gilt.set_gil: a lesson turns the GIL on and off while the program runs, even
# while threads are running (each switch stops the world, flips, and restarts it).
import sys
import threading
import time
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
gilt.set_gil(True)               # already on: the world stops and goes on unchanged
gilt.set_gil(False)
print("switched off while two threads run:", sys._is_gil_enabled())
time.sleep(0.05)
before = counts[:]
time.sleep(0.05)
print("both still counting:", counts[0] > before[0] and counts[1] > before[1])
gilt.set_gil(True)
print("and on again:", sys._is_gil_enabled())
stop.set()
for t in threads:
    t.join()

gilt.set_gil(False)
print("after set_gil(False):", sys._is_gil_enabled())
t = threading.Thread(target=print, args=("a thread started with the GIL off",))
t.start()
t.join()
try:
    gilt.set_gil()
except TypeError as e:
    print("TypeError:", e)
