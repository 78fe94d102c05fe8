x = []
for i in range(100000):
    x = [x]
try:
    repr(x)
except RecursionError as e:
    print("RecursionError:", e)
d = {}
for i in range(100000):
    d = {"k": d}
try:
    str(d)
except RecursionError as e:
    print("RecursionError:", e)
print("survived")
