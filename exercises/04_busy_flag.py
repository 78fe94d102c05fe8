# title: The busy flag
# teaches: checking a flag and then setting it are two steps; both threads can
#   see "not busy" before either says "busy"
# goal: critical
# grain: op
# budget: 1000
# watch: busy
# hint: a thread waits in the while loop as long as busy is True, and sets it
#   itself when the loop ends
# hint: the check (LOAD_GLOBAL busy) and the claim (STORE_GLOBAL busy) are
#   separate instructions; what if the other thread checks in between?
import threading

import gilt

busy = False


def use_printer(name):
    global busy
    while busy:
        pass                      # someone else is printing: wait
    busy = True                   # now it is ours
    with gilt.critical():
        print(name, "prints a page")
    busy = False


alice = threading.Thread(target=use_printer, args=("alice",))
bob = threading.Thread(target=use_printer, args=("bob",))
alice.start()
bob.start()
alice.join()
bob.join()
