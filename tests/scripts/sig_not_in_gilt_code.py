# A Ctrl-C (here SIGINT sent to ourselves) that arrives while gilt's own Python code
# runs -- functools.reduce's loop, between two calls of ours -- is raised at the next
# step of the script's code (the entry of add), not half-way through the module.
# CPython raises it at once, in add, after os.kill returns; gilt, whose checks are at
# calls and loop jumps, would otherwise raise it in reduce's loop.
import functools
import os

seen = []


def add(a, b):
    seen.append(b)
    if b == 3:
        os.kill(os.getpid(), 2)
    return a + b


try:
    functools.reduce(add, range(10))
except KeyboardInterrupt:
    print("KeyboardInterrupt after", seen)
functools.reduce(add, range(10))
