# title: Fix it: the print spooler
# teaches: a thread woken from Condition.wait() cannot take for granted what
#   it waited for: between the notify() and the moment it holds the lock once
#   more, another thread may have taken the job
# goal: fix sorted(printed) == ["letter", "report"]
# grain: op
# budget: 1500
# watch: jobs, printed
# hint: two printers wait for jobs; the office sends two, with a notify() for
#   each, so each printer should print one
# hint: a printer that was notified is only allowed to try for the lock again;
#   a printer that was not waiting at all may get there first
# hint: after wait() returns, is there still a job in the list?
#
# The fix: `while not jobs: spool.wait()`.  A printer that wakes to an empty
# list waits again, for the next notify(); no job is ever popped from an empty
# list.  (spool.wait_for(lambda: jobs) says the same.)
import threading
import time

jobs = []
printed = []
spool = threading.Condition()


def printer(name):
    with spool:
        while not jobs:
            spool.wait()
        job = jobs.pop(0)
        printed.append(job)
    print(name, "printed the", job)


def send(job):
    with spool:
        jobs.append(job)
        spool.notify()


laser = threading.Thread(target=printer, args=("laser",))
inkjet = threading.Thread(target=printer, args=("inkjet",))
laser.start()
time.sleep(0.01)                  # the laser printer warms up
send("letter")
inkjet.start()                    # the inkjet is switched on late
time.sleep(0.01)
send("report")
laser.join()
inkjet.join()
print("printed:", printed)
