# gilt.stats() after join() includes all of the joined thread's work: threading
# hands the finishing thread's counters to the recorder before it lets the joiner
# in (its own flush at exit comes later).  Without that, up to 5 ms of the thread's
# last work -- tens of thousands of allocations here -- arrived afterwards.
import gilt
import threading
import time


def work():
    for i in range(200_000):
        x = i            # ints above 1024: an object made and freed each time


late = 0
for _ in range(3):
    t = threading.Thread(target=work)
    t.start()
    t.join()
    before = gilt.stats()["allocs"]
    time.sleep(0.05)     # anything still on its way arrives meanwhile
    late += gilt.stats()["allocs"] - before
print("allocations that came after join():", "a few" if late < 1000 else late)
