# Several threads write lines to one shared file object while another flushes it and
# asks for its position.  One write() is one call under the file's lock, so no line
# may be torn or lost: at the end the file holds exactly the lines written, each
# whole.  The lines are fresh heap strings of varying length (some longer than
# stdio's buffer, so writes really reach write(2) while others wait).
import os
import threading

SCALE = float(os.environ.get("GILT_STRESS_SCALE", "1"))
WRITERS, LINES = 4, max(50, int(2000 * SCALE))
path = "/tmp/gilt_stress_file_writers_%d.txt" % os.getpid()
f = open(path, "w")
done = threading.Event()
bad = []

def line(k, i):
    return "w%d-%d:%s\n" % (k, i, str(i % 97) * (1 + (i * 31) % 3000))

def writer(k):
    try:
        for i in range(LINES):
            assert f.write(line(k, i)) == len(line(k, i))
    except BaseException as e:
        bad.append(repr(e))

def poker():
    try:
        while not done.is_set():
            f.flush()
            f.tell()
            repr(f)
    except BaseException as e:
        bad.append(repr(e))

ts = [threading.Thread(target=writer, args=(k,)) for k in range(WRITERS)]
p = threading.Thread(target=poker)
p.start()
for t in ts:
    t.start()
for t in ts:
    t.join()
done.set()
p.join()
f.close()
with open(path) as g:
    got = g.readlines()
os.remove(path)
want = sorted(line(k, i) for k in range(WRITERS) for i in range(LINES))
assert not bad, bad[:3]
assert len(got) == len(want), (len(got), len(want))
assert sorted(got) == want, "a line was torn"
print("ok")
