# os.fork while other threads run and hold Python objects; os.waitpid, os._exit,
# os.pipe, os.close, os.kill and the wait-status functions.
import gc
import os
import sys
import threading

words = ["w" + str(i) * 3 for i in range(200)]
shared = {"words": words, "total": 0}
go = threading.Event()
stop = threading.Event()
held = threading.Lock()


def churn(n):
    mine = []
    go.set()
    while not stop.is_set():
        mine.append(words[len(mine) % 200] + str(n))
        shared[n] = len(mine)
        if len(mine) > 500:
            mine = []


threads = [threading.Thread(target=churn, args=(i,), name=f"churn-{i}") for i in range(3)]
for t in threads:
    t.start()
go.wait()


def child_report():
    # only the forking thread came along
    print("child: active", threading.active_count(), [t.name for t in threading.enumerate()])
    print("child: current", threading.current_thread().name, threading.current_thread() is threading.main_thread())
    print("child: words", len(shared["words"]), sum(len(w) for w in words), words[5])
    copy = list(words)
    copy.sort(key=len)
    print("child: copy", len(copy), repr(copy[:2]))
    gc.collect()
    # the child can start threads of its own
    out = []
    kids = [threading.Thread(target=lambda k=k: out.append(k * k)) for k in range(4)]
    for t in kids:
        t.start()
    for t in kids:
        t.join()
    print("child: threads", sorted(out), threading.active_count())
    sys.stdout.flush()


for round_ in range(3):
    pid = os.fork()
    if pid == 0:
        child_report()
        os._exit(round_ + 3)
    got, status = os.waitpid(pid, 0)
    print("parent:", got == pid, os.WIFEXITED(status), os.WEXITSTATUS(status), os.WIFSIGNALED(status))

# a child killed by a signal
pid = os.fork()
if pid == 0:
    import time
    time.sleep(30)
    os._exit(0)
os.kill(pid, 9)
got, status = os.waitpid(pid, 0)
print("killed:", os.WIFEXITED(status), os.WIFSIGNALED(status), os.WTERMSIG(status))

# WNOHANG: (0, 0) while the child runs
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(w)
    import time
    time.sleep(0.2)
    os._exit(0)
print("nohang:", os.waitpid(pid, os.WNOHANG))
print("reaped:", os.waitpid(pid, 0)[0] == pid)
os.close(r)
os.close(w)

# a lock another thread holds stays held in the child
held.acquire()
pid = os.fork()
if pid == 0:
    print("child: lock held", held.locked(), held.acquire(False))
    sys.stdout.flush()
    os._exit(0)
os.waitpid(pid, 0)
held.release()

# a child that returns normally, through sys.exit
pid = os.fork()
if pid == 0:
    stop.set()
    sys.exit(7)
print("sys.exit:", os.WEXITSTATUS(os.waitpid(pid, 0)[1]))

stop.set()
for t in threads:
    t.join()
print("threads:", len(shared) - 2)

for bad in [lambda: os.close(-1), lambda: os.close("x"), lambda: os.waitpid(-1, 0), lambda: os.kill(os.getpid(), -5),
            lambda: os.WEXITSTATUS("x")]:
    try:
        bad()
    except Exception as e:
        print(isinstance(e, OSError), type(e).__name__ if not isinstance(e, OSError) else "OSError", e)
print(os.WNOHANG, os.getppid() > 0)
