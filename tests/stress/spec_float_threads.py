# The float forms of BINARY_OP and INPLACE_OP (BINARY_OP_FLOAT_ADD and the rest) under
# threads: two workers run the same functions, one always on floats, one switching
# between floats, ints and a float subclass with its own operators, so that the
# shared instructions are specialized, missed and rewritten while the other thread
# runs them.  Both also add into a shared list of heap floats (`shared[i] += x`, a
# race the user owns: updates may be lost, but every item must stay a float), while
# a reader copies, sums and reprs it.  Every private result must equal what one
# thread computed alone beforehand: a form that wrote a result into an operand
# another reference still sees, or freed one, would change it or crash.
import os
import threading

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
ROUNDS = max(500, int(20000 * SCALE))

class Money(float):
    def __add__(self, other):
        return Money(float(self) + float(other) + 1.0)
    def __sub__(self, other):
        return Money(float(self) - float(other) - 1.0)
    def __mul__(self, other):
        return Money(float(self) * float(other) * 2.0)
    __iadd__ = __add__

def kernel(v, shared, k):
    # temporaries on either side, in-place forms on list items and locals
    t = v[0] * v[1] + v[2] * v[0]
    u = v[1] - v[2] * v[1]
    w = t
    w += u
    w -= v[0]
    w *= v[1]
    v[0] += t * 0.001
    v[1] -= u * 0.001
    shared[k % 3] += v[2]
    return w

def run(make, shared, n):
    v = [make(1.25), make(0.5), make(-2.0)]
    total = make(0.0)
    for k in range(n):
        total = total + kernel(v, shared, k) * make(1e-6)
    return [float(x) for x in v] + [float(total), type(total).__name__]

MAKERS = [float, int, Money]
expected = {m.__name__: run(m, [0.0, 0.0, 0.0], ROUNDS) for m in MAKERS}

shared = [0.0, 0.0, 0.0]
errors = []
done = []

def steady():
    try:
        for r in range(4):
            got = run(float, shared, ROUNDS)
            assert got == expected["float"], (got, expected["float"])
    except BaseException as e:
        errors.append(repr(e))
    finally:
        done.append(1)

def switching():
    try:
        for r in range(4):
            for m in MAKERS:
                got = run(m, shared, ROUNDS // 2)
                want = run(m, [0.0, 0.0, 0.0], ROUNDS // 2)   # (same thread, same sites)
                assert got == want, (m.__name__, got, want)
    except BaseException as e:
        errors.append(repr(e))
    finally:
        done.append(1)

def reader():
    try:
        while len(done) < 2:
            copy = list(shared)
            assert len(copy) == 3 and all(type(x) in (float, int, Money) for x in copy), copy
            sum(copy)
            repr(shared)
    except BaseException as e:
        errors.append(repr(e))

ts = [threading.Thread(target=f) for f in (steady, switching, reader)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert not errors, errors
assert all(type(x) in (float, int, Money) for x in shared), shared
print("ok")
