# title: Fix it: two philosophers, two forks
# teaches: two locks taken in opposite orders can deadlock: each thread holds
#   one and waits for the other, and neither can ever go on
# goal: fix meals == 4
# grain: op
# budget: 1000
# watch: meals, left.locked(), right.locked()
# hint: each philosopher needs both forks to eat, and picks them up one after
#   the other; Plato starts with the left fork, Kant with the right
# hint: the deadlock report says who holds which fork and who waits for it;
#   draw it as a circle of arrows
# hint: it is not about who goes first: could the circle form if both
#   philosophers reached for the forks in the same order?
#
# The fix: a global order for the forks -- left before right, for everyone.
# Whoever holds the left fork can always get the right one in the end, because
# nobody holding the right fork is waiting for the left.  Each philosopher still
# says which fork it reaches for first; pick_up() puts them in the order.
import threading

left = threading.Lock()
right = threading.Lock()
FORK_ORDER = [left, right]
meals = 0


def pick_up(a, b):
    """The two forks, in the one order everybody follows."""
    if FORK_ORDER.index(a) < FORK_ORDER.index(b):
        return a, b
    return b, a


def philosopher(name, first, second):
    global meals
    first, second = pick_up(first, second)
    for _ in range(2):
        with first:
            with second:
                meals += 1
    print(name, "is full")


plato = threading.Thread(target=philosopher, args=("Plato", left, right))
kant = threading.Thread(target=philosopher, args=("Kant", right, left))
plato.start()
kant.start()
plato.join()
kant.join()
print("meals eaten:", meals)
