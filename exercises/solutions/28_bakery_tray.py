# title: Fix it: the bakery tray
# teaches: a shared list with a "done" flag, polled in a loop, is a queue built
#   by hand, and every check on it can be stale by the time the thread acts
# goal: fix sorted(ann + bob) == ["bun 1", "bun 2"]
# grain: op
# budget: 2000
# watch: tray.qsize(), ann, bob
# hint: the baker puts two buns on the tray and then says it is done; the
#   two customers take buns until the tray is empty and the baker is done;
#   every bun must be eaten exactly once
# hint: there are two bugs: a customer can find a bun on the tray and not get
#   it, and a customer can go home while a bun is still there
# hint: with a queue.Queue the customers can block in get() instead of
#   polling; how does a customer learn that no more buns will come?
#
# The fix: the tray is a queue.Queue.  get() waits for a bun and takes it in
# one step, so no check can go stale.  "Done" travels through the queue too:
# the baker puts one None per customer after the buns, and a customer who gets
# None goes home.  The queue hands items out in order, so every bun comes
# before the Nones.
import queue
import threading

CUSTOMERS = 2
tray = queue.Queue()
ann = []
bob = []


def baker():
    for n in [1, 2]:
        tray.put("bun " + str(n))
    for _ in range(CUSTOMERS):
        tray.put(None)            # closing time, one note per customer


def customer(eaten):
    while True:
        bun = tray.get()
        if bun is None:
            break
        eaten.append(bun)


first = threading.Thread(target=customer, args=(ann,))
second = threading.Thread(target=customer, args=(bob,))
first.start()
second.start()
baker()                           # the main thread is the baker
first.join()
second.join()
print("ann ate", ann, "and bob ate", bob)
