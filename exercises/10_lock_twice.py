# title: Locked out by yourself
# teaches: a Lock does not know who holds it: a thread that acquires it again
#   waits for itself forever; an RLock lets its holder re-enter
# goal: deadlock
# grain: op
# budget: 800
# watch: shelf, log, lock.locked()
# hint: one path through customer() calls complain() while holding the
#   lock -- which path, and when does it happen?
# hint: the deadlock report names the thread that holds the lock; look who it is
# hint: replace threading.Lock() with threading.RLock() and try again
import threading

lock = threading.Lock()
shelf = ["apple"]
log = []


def complain(message):
    with lock:
        log.append(message)


def restock():
    with lock:
        shelf.append("pear")


def customer():
    for _ in range(2):
        with lock:
            if shelf:
                log.append("bought " + shelf.pop())
            else:
                complain("the shelf is empty")


stocker = threading.Thread(target=restock)
shopper = threading.Thread(target=customer)
stocker.start()
shopper.start()
stocker.join()
shopper.join()
print(log)
