try:
    try:
        {}["k"]
    except KeyError as e:
        raise ValueError("bad lookup") from e
except ValueError as e:
    print(repr(e), repr(e.__cause__), e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise TypeError("during")
except TypeError as e:
    print(repr(e), repr(e.__context__), e.__cause__)
try:
    try:
        raise OSError("x")
    except OSError:
        raise RuntimeError("y") from None
except RuntimeError as e:
    print(e.__suppress_context__, e.__cause__, repr(e.__context__))
import sys
try:
    raise ValueError("v")
except ValueError:
    print(sys.exc_info()[0].__name__, sys.exc_info()[1])
print(sys.exc_info())
def reraise():
    try:
        raise KeyError("orig")
    except KeyError:
        raise
try:
    reraise()
except KeyError as e:
    print("reraised", e)
