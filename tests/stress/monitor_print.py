# The pattern students write first: workers mutate a shared list and dict while a
# monitor thread prints them.  print(shared) formats every item while other threads
# replace, append, pop and delete them.  With the GIL off the monitor may see any
# mix of old and new items, but each print shows a whole, well-formed list or dict
# of intact items (eval() gives it back), and nothing crashes.  (The monitor prints
# into a sink object, so that the test's own output stays "ok".)
import os
import threading

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
OPS = max(5000, int(300000 * SCALE))

class Sink:
    # print() calls write() with each piece; keep what makes up a line
    def __init__(self):
        self.parts = []
        self.lines = []
    def write(self, s):
        self.parts.append(s)
        if s.endswith("\n"):
            self.lines.append("".join(self.parts))
            self.parts = []
        return len(s)
    def flush(self):
        pass

shared_list = [str(i) * 2 for i in range(50)]
shared_dict = {str(i): (i, str(i) * 2) for i in range(50)}
done = []

def list_worker(k):
    for i in range(OPS):
        n = len(shared_list)
        op = i % 4
        if op == 0:
            shared_list.append(str(i) * 2)
        elif op == 1 and n > 10:
            try:
                shared_list.pop()
            except IndexError:
                pass
        elif n:
            try:
                shared_list[i % n] = str(k * OPS + i) * 2
            except IndexError:
                pass        # another worker shrank the list in between
    done.append(k)

def dict_worker(k):
    for i in range(OPS):
        key = str(i % 80)
        if i % 3 == 2:
            shared_dict.pop(key, None)
        else:
            shared_dict[key] = (i, str(i) * 2)
    done.append(k)

def check_line(line):
    value = eval(line)
    if isinstance(value, list):
        for s in value:
            assert isinstance(s, str) and s[: len(s) // 2] == s[len(s) // 2:], s
    else:
        assert isinstance(value, dict), line[:80]
        for key, (i, s) in value.items():
            assert isinstance(key, str) and s == str(i) * 2, (key, i, s)

def monitor():
    sink = Sink()
    rounds = 0
    while len(done) < 3:
        print(shared_list, file=sink)
        print(shared_dict, file=sink)
        print("list:", len(shared_list), "dict:", len(shared_dict), file=sink)
        snapshot = list(shared_dict.items())
        assert all(s == str(i) * 2 for key, (i, s) in snapshot)
        rounds += 1
        if len(sink.lines) > 300:
            for line in sink.lines:
                if not line.startswith("list:"):
                    check_line(line)
            sink.lines = []
    assert rounds > 0

ts = [threading.Thread(target=list_worker, args=(k,)) for k in range(2)]
ts.append(threading.Thread(target=dict_worker, args=(2,)))
ts.append(threading.Thread(target=monitor))
for t in ts:
    t.start()
for t in ts:
    t.join()
print("ok")
