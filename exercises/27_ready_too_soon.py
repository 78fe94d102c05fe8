# title: Fix it: ready too soon
# teaches: a plain variable used as a "ready" flag publishes nothing: the
#   reader can see the flag before the data it announces, and a flag is no
#   happens-before edge
# goal: fix seen == {"host": "example.org", "port": "8080"}
# grain: op
# budget: 1500
# watch: ready, settings, seen
# hint: the reader waits for the flag, then copies the settings; which of them
#   can it have missed?
# hint: moving `ready = True` to the right place makes every schedule come
#   out right -- and `gilt --race` still reports a data race: nothing orders
#   the reader's reads after the loader's writes
# hint: threading has a primitive made for "wait until it is ready", and the
#   race detector knows it as an edge; when should it be set?
import threading
import time

settings = {}
ready = False
seen = None


def loader():
    global ready
    for line in ["host=example.org", "port=8080"]:
        key, value = line.split("=")
        settings[key] = value
        ready = True              # the reader may start now


def reader():
    global seen
    while not ready:
        time.sleep(0.001)         # not yet: let the loader run
    seen = dict(settings)
    print("the reader sees", seen)


load = threading.Thread(target=loader)
read = threading.Thread(target=reader)
read.start()
load.start()
read.join()
load.join()
print("seen:", seen)
