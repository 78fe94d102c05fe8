# sys.tracebacklimit: how many frames a traceback shows
import sys

def f(n):
    if n == 0:
        return 1 / 0
    return f(n - 1)

def show(limit):
    if limit is None:
        if hasattr(sys, "tracebacklimit"):
            del sys.tracebacklimit
    else:
        sys.tracebacklimit = limit
    print("limit", repr(limit), flush=True)
    try:
        f(3)
    except ZeroDivisionError as e:
        sys.excepthook(type(e), e, e.__traceback__)
    sys.stderr.flush()

for limit in (None, 2, 1, 0, -5, "not an int", 100):
    show(limit)

# chained exceptions are cut too
sys.tracebacklimit = 1
try:
    try:
        f(2)
    except ZeroDivisionError:
        raise ValueError("while handling")
except ValueError as e:
    sys.excepthook(type(e), e, e.__traceback__)

# and the uncaught exception at the end
sys.tracebacklimit = 2
f(4)
