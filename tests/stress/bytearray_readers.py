# Readers print, copy and walk bytearrays while writers change them (until the readers
# are done): append, extend, slice assignment that grows and shrinks the buffer (so
# realloc moves it), del, clear, *=.  No reader may crash or see a torn state: every
# bytearray only ever holds one repeated byte value per generation, written in one
# step (ba[:] = bytes([v]) * n), so a copy taken in one step -- bytes(ba), repr,
# ba.copy(), ba + b'', ba[:], ba.upper() -- shows a single value.  Heap-allocated
# bytes objects travel between threads through a shared list, so their reference
# counts are changed by threads that do not own them.
import os
import threading

SCALE = float(os.environ.get("GILT_STRESS_SCALE", "1"))
N, READS = 16, max(20, int(300 * SCALE))

arrays = [bytearray(b"a" * 10) for _ in range(N)]
mailbox = []
done = threading.Event()
bad = []

def guarded(f):
    def run(*args):
        try:
            f(*args)
        except BaseException as e:
            bad.append((f.__name__, repr(e)))
            done.set()
    return run

def one_value(b, what):
    if len(set(b)) > 1:
        bad.append((what, bytes(b[:40])))

@guarded
def writer(k):
    r = 0
    while not done.is_set():
        r += 1
        ba = arrays[(r * 7 + k) % N]
        v = 97 + (r + k) % 26
        n = 1 + (r * 13) % 300
        ba[:] = bytes([v]) * n          # one generation, one step
        if r % 5 == 0:
            ba *= 1
        mailbox.append(bytes([v]) * (n + 50))   # a fresh heap object for another thread
        if len(mailbox) > 64:
            try:
                mailbox.pop(0)
            except IndexError:
                pass
    # the other kinds of mutation, on a private array too (any value mix is allowed there)
    private = bytearray()
    for i in range(200):
        private.append(i % 256)
        private.extend(b"xyz")
        private[0:2] = b"long replacement"
        del private[1:5]
        private.insert(0, 1)
        private.pop()
    private.clear()

@guarded
def reader():
    for i in range(READS):
        for ba in arrays:
            one_value(bytes(ba), "bytes()")
            one_value(ba.copy(), "copy")
            one_value(ba + b"", "+")
            one_value(ba[:], "slice")
            one_value(ba.upper(), "upper")
            r = repr(ba)
            inner = r[len("bytearray(b'"):-2]
            if len(set(inner)) > 1:
                bad.append(("repr", r[:40]))
            for x in ba:
                if not 97 <= x < 123:
                    bad.append(("iter", x))
                    break
            ba.find(b"q")
            len(ba)
        for m in list(mailbox):
            one_value(m, "mailbox")
            m.decode()
    done.set()

writers = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
readers = [threading.Thread(target=reader) for _ in range(2)]
for t in writers + readers:
    t.start()
for t in readers:
    t.join()
done.set()
for t in writers:
    t.join()
assert not bad, bad[:5]
print("ok")
