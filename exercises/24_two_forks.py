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
import threading

left = threading.Lock()
right = threading.Lock()
meals = 0


def philosopher(name, first, second):
    global meals
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
