# b *= 1 from one thread while others append to the same bytearray: `*=` is one
# atomic mutation (bytearray.c, ba_imul), so no append may be lost.  (It used to copy
# the array, let go of the lock, and swap the copy in: appends made in between
# vanished.)  Also `*=` of an empty array by a huge count returns at once.
import os
import threading

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
APPENDS = max(2000, int(40000 * SCALE))
WRITERS = 3

b = bytearray()
start = threading.Barrier(WRITERS + 1)
done = threading.Event()


def writer(tag):
    start.wait()
    for _ in range(APPENDS):
        b.append(tag)


def multiplier():
    global b   # `b *= 1` rebinds b (to the same object: bytearray.__imul__ returns it)
    start.wait()
    while not done.is_set():
        b *= 1
        e = bytearray()
        e *= 10 ** 18
        assert len(e) == 0


threads = [threading.Thread(target=writer, args=(65 + i,)) for i in range(WRITERS)]
m = threading.Thread(target=multiplier)
for t in threads:
    t.start()
m.start()
for t in threads:
    t.join()
done.set()
m.join()
counts = [b.count(65 + i) for i in range(WRITERS)]
if len(b) == WRITERS * APPENDS and counts == [APPENDS] * WRITERS:
    print("ok")
else:
    print("lost appends:", len(b), counts)
