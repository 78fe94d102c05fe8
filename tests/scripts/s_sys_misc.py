import sys
print(sys.version_info >= (3, 0), sys.version_info[:1], isinstance(sys.maxsize, int))
old = sys.getrecursionlimit()
sys.setrecursionlimit(old + 100)
print(sys.getrecursionlimit() - old)
sys.setrecursionlimit(old)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print("ValueError:", e)
print(sys.exc_info() == (None, None, None))
def show():
    try:
        raise KeyError("inside")
    except KeyError:
        return sys.exc_info()[0].__name__
print(show(), sys.exc_info()[0])
