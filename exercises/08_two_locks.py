# title: Two locks, two orders
# teaches: two threads that take the same two locks in opposite orders can each
#   end up holding one and waiting forever for the other
# goal: deadlock
# grain: op
# budget: 800
# watch: fork.locked(), knife.locked()
# hint: each diner needs both the fork and the knife; one picks up the fork
#   first, the other the knife
# hint: a thread blocked on a lock waits until its holder releases it; what if
#   the holder is itself waiting?
# hint: the cure: every thread takes the locks in one agreed order
import threading

fork = threading.Lock()
knife = threading.Lock()


def left_handed():
    with fork:
        with knife:
            print("left-handed diner eats")


def right_handed():
    with knife:
        with fork:
            print("right-handed diner eats")


a = threading.Thread(target=left_handed)
b = threading.Thread(target=right_handed)
a.start()
b.start()
a.join()
b.join()
print("both have eaten")
