# title: The exception that kept the lock
# teaches: lock.acquire() ... lock.release() skips the release when an exception
#   leaves in between; `with lock:` (or try/finally) releases on every path
# goal: deadlock
# grain: op
# budget: 800
# watch: balance, lock.locked()
# hint: the shopper wants 120 and the account holds 100 until payday: the
#   order of the two threads decides whether withdraw() raises
# hint: follow what happens to the lock when withdraw() raises
# hint: the customer catches the ValueError and goes on happily -- but who
#   will ever release the lock now?
import threading

balance = 100
lock = threading.Lock()


def withdraw(amount):
    global balance
    lock.acquire()
    if amount > balance:
        raise ValueError("insufficient funds")
    balance -= amount
    lock.release()


def deposit(amount):
    global balance
    lock.acquire()
    balance += amount
    lock.release()


def shopper():
    try:
        withdraw(120)
        print("bought a bike")
    except ValueError as e:
        print("declined:", e)


payday = threading.Thread(target=deposit, args=(50,))
shopping = threading.Thread(target=shopper)
payday.start()
shopping.start()
payday.join()
shopping.join()
print("balance:", balance)
