# An error raised inside a tool that CPython writes in C (here functools.reduce
# calling the script's function) shows only the script's own lines.
import functools, itertools, operator
print(list(itertools.accumulate([1, 2, 3], operator.mul)))
def divide(a, b):
    return a / b
print(functools.reduce(divide, [8, 2, 0]))
