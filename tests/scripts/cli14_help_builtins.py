# help() on built-ins and names.  gilt's built-in functions are written in C: their
# docstrings are gilt's, and their signatures come from a table (the common ones) or
# show as f(...); so this page is gilt's own (.keep), not CPython's.
import math
help(len)
help("len")
help(print)
help(math.floor)
help([].append)
help("math.sqrt")
help("no_such_thing_at_all")
print(repr(help))
try:
    help(1, 2)
except TypeError as e:
    print("TypeError:", e)
