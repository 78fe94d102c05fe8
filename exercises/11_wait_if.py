# title: if, not while
# teaches: a thread woken from Condition.wait() must check its condition again:
#   by the time it holds the lock, another thread may have taken the item
# goal: exception
# grain: op
# budget: 1500
# watch: orders
# hint: wait() releases the lock while it waits, and has to take it back
#   before it returns -- who else may take the lock in between?
# hint: a waiter woken by notify() is only allowed to try again; it is not
#   first in line
# hint: `while not orders: ready.wait()` would survive any schedule
import threading

orders = []
ready = threading.Condition()


def cook():
    with ready:
        if not orders:
            ready.wait()
        dish = orders.pop(0)
    print("cooked", dish)


def waiter():
    for dish in ["soup", "pie"]:
        with ready:
            orders.append(dish)
            ready.notify()


chef1 = threading.Thread(target=cook)
chef2 = threading.Thread(target=cook)
service = threading.Thread(target=waiter)
chef1.start()
chef2.start()
service.start()
chef1.join()
chef2.join()
service.join()
