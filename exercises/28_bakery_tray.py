# title: Fix it: the bakery tray
# teaches: a shared list with a "done" flag, polled in a loop, is a queue built
#   by hand, and every check on it can be stale by the time the thread acts
# goal: fix sorted(ann + bob) == ["bun 1", "bun 2"]
# grain: op
# budget: 2000
# watch: tray, done, ann, bob
# hint: the baker puts two buns on the tray and then says it is done; the
#   two customers take buns until the tray is empty and the baker is done;
#   every bun must be eaten exactly once
# hint: there are two bugs: a customer can find a bun on the tray and not get
#   it, and a customer can go home while a bun is still there
# hint: with a queue.Queue the customers can block in get() instead of
#   polling; how does a customer learn that no more buns will come?
import threading
import time

tray = []
done = False
ann = []
bob = []


def baker():
    global done
    for n in [1, 2]:
        tray.append("bun " + str(n))
    done = True


def customer(eaten):
    while True:
        if tray:
            eaten.append(tray.pop(0))
        elif done:
            break
        else:
            time.sleep(0.001)     # the tray is empty: wait a little


first = threading.Thread(target=customer, args=(ann,))
second = threading.Thread(target=customer, args=(bob,))
first.start()
second.start()
baker()                           # the main thread is the baker
first.join()
second.join()
print("ann ate", ann, "and bob ate", bob)
