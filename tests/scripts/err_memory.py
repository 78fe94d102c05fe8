try:
    big = [0] * (10 ** 12)
except MemoryError as e:
    print("MemoryError caught", repr(e))
try:
    s = "x" * (10 ** 13)
except MemoryError:
    print("MemoryError for str")
print("still running")
huge = [None] * (10 ** 12)
