# With the recursion limit raised far above what the C stack can hold, gilt still
# raises RecursionError (its C-stack check), where CPython 3.11 may crash.
import sys
sys.setrecursionlimit(1_000_000)
def down(n):
    return down(n + 1) + 1
try:
    down(0)
except RecursionError:
    print("RecursionError raised, interpreter alive")
def nested_calls(n):
    if n == 0:
        return 0
    return 1 + nested_calls(n - 1)
print(nested_calls(5000))
