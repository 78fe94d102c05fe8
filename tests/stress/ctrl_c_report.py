# Ctrl-C on a program whose threads are busy or stuck: gilt prints each thread's
# stack and what it waits for (g_threads_report stops the world, walks every
# thread's frames and waits, starts the world, prints), then the traceback, and
# exits 130 at once.  Each round forks a child that starts writers (heap strs into
# a shared list, and a reader taking reprs of it), a thread stuck on a lock the main
# thread holds and one waiting on an Event nobody sets, and then sends itself
# SIGINT.  The parent checks every child exits 130 (not a crash, not a hang).  The
# children's output goes to /dev/null: the report itself is checked in
# tests/cli_tests.sh; here it is the report's walk of running threads that is
# stressed, under the sanitizers.
import os
import threading

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
ROUNDS = max(4, int(30 * SCALE))


def child():
    sink = open("/dev/null", "w")
    os.dup2(sink.fileno(), 1)
    os.dup2(sink.fileno(), 2)
    shared = ["s%d" % i for i in range(100)]
    warm = threading.Event()
    held = threading.Lock()
    held.acquire()
    never = threading.Event()

    def writer(k):
        i = 0
        while True:
            shared.append("w%d-%d" % (k, i))
            if len(shared) > 500:
                del shared[100:]
            i += 1
            if i == 200:
                warm.set()

    def reader():
        while True:
            repr(shared[:30])
            list(shared)

    workers = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
    workers += [threading.Thread(target=reader), threading.Thread(target=held.acquire),
                threading.Thread(target=never.wait)]
    for t in workers:
        t.start()
    warm.wait()
    os.kill(os.getpid(), 2)      # SIGINT: a KeyboardInterrupt at the main thread's next check
    n = 0
    while True:
        n += len(str(n))


bad = []
for r in range(ROUNDS):
    pid = os.fork()
    if pid == 0:
        try:
            child()
        finally:
            pass
        os._exit(3)              # not reached: the KeyboardInterrupt is not caught
    _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 130:
        bad.append((r, status))
print("ok" if not bad else "bad: %r" % bad[:5])
