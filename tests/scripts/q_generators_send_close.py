def averager():
    total = count = 0
    avg = None
    while True:
        value = yield avg
        if value is None:
            break
        total += value
        count += 1
        avg = total / count
    return avg
a = averager()
next(a)
print(a.send(10), a.send(20), a.send(60))
try:
    a.send(None)
except StopIteration as e:
    print("final", e.value)
def guarded():
    try:
        while True:
            yield "tick"
    except GeneratorExit:
        print("generator closing")
        raise
g = guarded()
print(next(g), next(g))
g.close()
print("closed cleanly")
def numbers():
    yield from range(3)
    yield from "ab"
print(list(numbers()))
