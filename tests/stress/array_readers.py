# Readers look at array.arrays while writers change them.  `work` is appended to,
# extended, popped, inserted into and sliced by two writers; readers take repr,
# tolist, copies, ==, in, index, count, iteration, + and * of it and must never
# crash or see a value no writer stored.  `gen` is only ever replaced whole
# (gen[:] = ...), so a copy taken in one step (tolist, gen[:], repr, gen + gen,
# gen * 2, array(gen)) must show one generation, never a mix of two.  Values are
# above 2**40, so every item read out is a fresh heap-allocated int.  At the end
# the writers' appends and pops must add up exactly (each operation is atomic).
import os
import threading
from array import array

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
ROUNDS = max(300, int(1500 * SCALE))
READS = max(30, int(120 * SCALE))
BASE = 2 ** 40

work = array('q', [BASE + i for i in range(64)])
gen = array('q', [BASE] * 10)
done = threading.Event()
bad = []
added = [0, 0]      # per writer: items put in minus items taken out


def guarded(f):
    # an exception in any thread fails the test
    def run(*args):
        try:
            f(*args)
        except BaseException as e:
            bad.append((f.__name__, repr(e)))
            done.set()
    return run


@guarded
def writer(k):
    for r in range(ROUNDS):
        v = BASE + (k * ROUNDS + r) % 1000
        work.append(v)
        work.extend([v, v + 1])
        work.extend(array('q', [v + 2]))
        work.insert(r % 5, v + 3)
        added[k] += 5
        for _ in range(4):
            try:
                work.pop()
                added[k] -= 1
            except IndexError:
                pass
        if r % 7 == 0:
            try:
                work.pop(0)
                added[k] -= 1
            except IndexError:
                pass


@guarded
def regen():
    g = 0
    while not done.is_set():
        g += 1
        gen[:] = array('q', [BASE + g] * (10 + g % 4))


def one_gen(what, values):
    if not values or any(x != values[0] for x in values) or not 10 <= len(values) <= 13:
        bad.append((what, "mixed or torn", len(values)))


def check_values(what, values):
    for x in values:
        if not BASE <= x < BASE + 1000 + 3 + 64:
            bad.append((what, "bad value", x))
            return


@guarded
def reader():
    for _ in range(READS):
        check_values("tolist", work.tolist())
        check_values("slice", work[:])
        check_values("iter", [x for x in work])
        check_values("+", (work + work).tolist())
        check_values("*", (work * 2).tolist())
        repr(work)
        work == work[:]
        (BASE + 5) in work
        work.count(BASE + 5)
        try:
            work.index(BASE + 999)
        except ValueError:
            pass
        one_gen("gen tolist", gen.tolist())
        one_gen("gen slice", gen[:].tolist())
        one_gen("gen copy", array('q', gen).tolist())
        r = (gen + gen).tolist()
        one_gen("gen+", r[:len(r) // 2])
        one_gen("gen*", (gen * 2).tolist()[:len(r) // 2])
        text = repr(gen)
        one_gen("gen repr", [int(x) for x in text[text.index('[') + 1:-2].split(', ')])


start = len(work)
ws = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
others = [threading.Thread(target=regen)] + [threading.Thread(target=reader) for _ in range(2)]
for t in ws + others:
    t.start()
for t in ws:
    t.join()
for t in others[1:]:
    t.join()
done.set()
others[0].join()
assert not bad, bad[:5]
assert len(work) == start + sum(added), (len(work), start, added)
check_values("final", work.tolist())
print("ok")
