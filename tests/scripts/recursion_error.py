def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print("RecursionError:", e)
print("still alive")
def deep(n):
    return deep(n + 1)
deep(0)
