# A million reference cycles, dropped as they are made: the collector keeps up, so
# the live objects and the peak resident memory stay bounded (without it, this
# would hold about 4 million objects, several hundred MB).
import gilt

class N:
    pass

for i in range(1000000):
    a = N(); b = N(); a.o = b; b.o = a
    if i % 100000 == 0:
        assert gilt._live_objects() < 200000, gilt._live_objects()
assert gilt._peak_rss_kb() < 150000, gilt._peak_rss_kb()
print("ok")
