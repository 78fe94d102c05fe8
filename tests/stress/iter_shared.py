# Iterators under fire: several threads take items from ONE iterator (of a list,
# reversed list, tuple, dict, dict view or set) while another thread changes the
# container under it, replacing items with fresh objects.  Which items each thread
# gets is a race; that nothing crashes, and every item is a live one of the right
# type, is not.  Dict and set iterators may raise "changed size during iteration",
# as in CPython.
import threading

N, ROUNDS, TAKERS = 300, 100, 3
bad = []
# the takers live for the whole test; a barrier starts and ends each case
start = threading.Barrier(TAKERS + 1)
end = threading.Barrier(TAKERS + 1)
work = [None]
outs = [[] for _ in range(TAKERS)]

def fresh(i):
    return str(i) * 3

def take_all(it, out):
    try:
        for x in it:
            out.append(x)
    except RuntimeError:
        pass
    except BaseException as e:
        bad.append(repr(e))

def taker(k):
    while True:
        start.wait()
        if work[0] is None:
            return
        take_all(work[0], outs[k])
        end.wait()

def check(what, items, kind):
    for x in items:
        if kind == "pair":
            if type(x) is not tuple or type(x[0]) is not str or type(x[1]) is not str:
                bad.append((what, x))
        elif type(x) is not str:
            bad.append((what, type(x)))

def run(what, container, make_iter, change, kind="str"):
    work[0] = make_iter(container)
    for o in outs:
        o.clear()
    start.wait()
    try:
        change(container)
    except BaseException as e:
        bad.append((what, "changer", repr(e)))
    end.wait()
    for o in outs:
        check(what, o, kind)

def change_list(lst):
    for i in range(N):
        lst[(i * 7) % len(lst)] = fresh(i)
        if i % 3 == 0:
            lst.append(fresh(-i))
            lst.pop(0)

def change_dict(d):
    for i in range(N):
        d["k%d" % (i % 50)] = fresh(i)
        if i % 5 == 0:
            d["extra%d" % i] = fresh(i)
            del d["extra%d" % i]

def change_set(s):
    for i in range(N):
        s.add(fresh(i + 10000))
        s.discard(fresh(i + 10000))

def change_nothing(t):
    pass

takers = [threading.Thread(target=taker, args=(k,)) for k in range(TAKERS)]
for t in takers:
    t.start()
for r in range(ROUNDS):
    run("list", [fresh(i) for i in range(N)], iter, change_list)
    run("reversed", [fresh(i) for i in range(N)], reversed, change_list)
    run("tuple", tuple(fresh(i) for i in range(N)), iter, change_nothing)
    d = {"k%d" % i: fresh(i) for i in range(N)}
    run("dict", d, iter, change_dict)
    run("values", d, lambda d: iter(d.values()), change_dict)
    run("items", d, lambda d: iter(d.items()), change_dict, "pair")
    run("set", {fresh(i) for i in range(N)}, iter, change_set)
work[0] = None
start.wait()
for t in takers:
    t.join()
assert not bad, bad[:5]
print("ok")
