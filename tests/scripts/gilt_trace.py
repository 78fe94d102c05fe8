# The gilt module's instruments for lessons: marks on the trace, the recorder's
# counters, and biased reference counting laid bare.
import gilt
import threading

gilt.mark("phase 1")
gilt.mark("phase 2")
s = gilt.stats()
print("marks:", s["marks"])
print("counters:", sorted(k for k in s if k.startswith("rc_")))
print("events recorded:", s["events"] > 0, "dropped:", s["dropped"])

print("None immortal:", gilt.is_immortal(None), "small int:", gilt.is_immortal(7))
print("a new list immortal:", gilt.is_immortal([]))

x = [1, 2, 3]
owner, local, shared, state = gilt.refcounts(x)
print("owner is this thread:", owner == threading.get_ident(), "local:", local, "shared:", shared, state)
print("len:", gilt.refcounts(len)[3], "a function:", gilt.refcounts(print)[3])

def f():
    pass

print("a def:", gilt.refcounts(f)[3], "its code:", gilt.refcounts(f.__code__)[3])

# another thread takes references to x: they are counted in the shared field
held = []
t = threading.Thread(target=lambda: held.extend([x, x, x]))
t.start()
t.join()
print("after another thread took 3:", gilt.refcounts(x)[1:])

for bad in ((), (1, 2)):
    try:
        gilt.refcounts(*bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    gilt.mark(3)
except TypeError as e:
    print("TypeError:", e)
