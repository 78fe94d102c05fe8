# title: Fix it: ready too soon
# teaches: a plain variable used as a "ready" flag publishes nothing: the
#   reader can see the flag before the data it announces, and a flag is no
#   happens-before edge
# goal: fix seen == {"host": "example.org", "port": "8080"}
# grain: op
# budget: 1500
# watch: ready.is_set(), settings, seen
# hint: the reader waits for the flag, then copies the settings; which of them
#   can it have missed?
# hint: moving `ready = True` to the right place makes every schedule come
#   out right -- and `gilt --race` still reports a data race: nothing orders
#   the reader's reads after the loader's writes
# hint: threading has a primitive made for "wait until it is ready", and the
#   race detector knows it as an edge; when should it be set?
#
# The fix: ready is a threading.Event, set after the loop, when every setting
# is in; the reader's wait() returns only after that set().  No spinning, and
# everything the loader wrote before set() is visible after wait().
import threading

settings = {}
ready = threading.Event()
seen = None


def loader():
    for line in ["host=example.org", "port=8080"]:
        key, value = line.split("=")
        settings[key] = value
    ready.set()                   # all of it is there now


def reader():
    global seen
    ready.wait()
    seen = dict(settings)
    print("the reader sees", seen)


load = threading.Thread(target=loader)
read = threading.Thread(target=reader)
read.start()
load.start()
read.join()
load.join()
print("seen:", seen)
