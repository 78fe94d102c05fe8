# title: Fix it: one bad record
# teaches: an exception that leaves between lock.acquire() and lock.release()
#   skips the release, and the next thread to ask for the lock waits forever
# goal: fix total == 12 and skipped == ["x"]
# grain: op
# budget: 800
# watch: total, skipped, lock.locked()
# hint: one of the records is not a number; int("x") raises ValueError, and
#   the reader catches it and goes on with the next record
# hint: in the stepper, look at lock.locked() just after the ValueError was
#   caught -- who holds the lock now, and who will ever release it?
# hint: the release must happen however add() is left -- which Python
#   statements promise that?
import threading

total = 0
skipped = []
lock = threading.Lock()


def add(record):
    global total
    lock.acquire()
    total += int(record)
    lock.release()


def reader(records):
    for record in records:
        try:
            add(record)
        except ValueError:
            skipped.append(record)


first = threading.Thread(target=reader, args=(["3", "x"],))
second = threading.Thread(target=reader, args=(["4", "5"],))
first.start()
second.start()
first.join()
second.join()
print("total:", total, "skipped:", skipped)
