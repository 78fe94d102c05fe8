# Replacing a class attribute frees the old value, and freeing it may run Python
# code (here a weakref callback) that reads the same attribute through a specialized
# instruction or the type lookup cache.  That code must see the new value: the old
# one stays alive until the class's version tag is dropped (object.c, type_setattr).
# (CPython 3.11 crashes on this program, which 3.12 fixed; the expected output,
# written by hand, is what the language asks for: the callbacks see the new values.)
import weakref

class Boom:
    pass

class C:
    pass

c = C()

def read_x():
    return c.X            # LOAD_ATTR_CLASS once specialized

def call_m():
    return c.m()          # LOAD_METHOD_CACHED once specialized

seen = []
def on_free_x(ref):
    junk = [bytearray(64) for _ in range(2000)]   # reuse the freed memory
    seen.append(("X", type(read_x()).__name__, read_x()[:3]))

def on_free_m(ref):
    junk = [bytearray(64) for _ in range(2000)]
    seen.append(("m", call_m()))

b1 = Boom()
C.X = [b1, 1, 2]
w1 = weakref.ref(b1, on_free_x)
del b1
for _ in range(200):
    read_x()
C.X = "new value"         # the list (and b1) go: on_free_x runs
print(read_x())

def make_method(keep):
    def m(self, keep=keep):
        return "old"
    return m

b2 = Boom()
C.m = make_method([b2])
w2 = weakref.ref(b2, on_free_m)
del b2
for _ in range(200):
    call_m()
C.m = lambda self: "new"  # the old function (and b2) go: on_free_m runs
print(call_m())
del C.X                   # deleting: the callback-free path
print(seen)
