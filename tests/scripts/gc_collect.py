# The cycle collector: cycles through every kind of container are found and freed,
# gc.collect() says how many objects it found, and gc.disable() stops the automatic
# collections (gc.collect() still works).
import gc
import gilt

class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

def make_cycles():
    a = Node("a"); b = Node("b"); a.other = b; b.other = a      # instances
    l = [1, 2]; l.append(l)                                      # a list holding itself
    d = {}; d["me"] = d                                          # a dict holding itself
    s = {1}; box = [s]; s2 = set(); holder = Node("h"); holder.s = s2; box.append(holder)
    def outer():
        x = []
        def inner():
            return x
        x.append(inner)                                          # a closure cell cycle
        return inner
    outer()

gc.collect()
make_cycles()
found = gc.collect()
print("found some:", found > 0)
print("nothing left:", gc.collect())

base = gilt._live_objects()
for i in range(20000):
    make_cycles()
gc.collect()
print("freed (live objects back near the start):", gilt._live_objects() - base < 100)

# disabled: cycles pile up; collect() still frees them
gc.disable()
print("enabled:", gc.isenabled())
base = gilt._live_objects()
for i in range(5000):
    make_cycles()
grew = gilt._live_objects() - base
print("piled up while disabled:", grew > 20000)
print("collect() frees them:", gc.collect() > 20000)
gc.enable()
print("enabled:", gc.isenabled())

# a cycle still in use is not collected
keep = Node("keep"); keep.other = keep
gc.collect()
print("kept:", keep.other is keep and keep.name == "keep")

old = gc.get_threshold()
gc.set_threshold(100, 5, 5)
print("threshold:", gc.get_threshold())
gc.set_threshold(*old)
try:
    gc.collect("x")
except TypeError as e:
    print("TypeError:", e)

# comprehensions, generator expressions and lambdas made over and over at module
# level are freed as they are dropped (they are not deferred)
base = gilt._live_objects()
for i in range(20000):
    squares = [x * x for x in range(3)]
    total = sum(x for x in squares)
    f = lambda y: y + total
print("module-level comprehensions freed:", gilt._live_objects() - base < 100)
