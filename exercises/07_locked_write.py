# title: A lock around half of it
# teaches: a lock protects only what happens while it is held: checking the
#   balance outside the lock and withdrawing inside it is still a race
# goal: always balance >= 0
# grain: op
# budget: 800
# watch: balance, lock.locked()
# hint: the lock makes `balance -= amount` safe -- but is the decision to
#   withdraw still true by the time a thread holds the lock?
# hint: the fix is to hold the lock for the check and the withdrawal together
import threading

balance = 100
lock = threading.Lock()


def withdraw(amount):
    global balance
    if balance >= amount:
        with lock:
            balance -= amount
        print("paid out", amount)
    else:
        print("declined", amount)


atm1 = threading.Thread(target=withdraw, args=(80,))
atm2 = threading.Thread(target=withdraw, args=(50,))
atm1.start()
atm2.start()
atm1.join()
atm2.join()
print("balance:", balance)
