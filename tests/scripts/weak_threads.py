# Weak references across threads: objects made in one thread die in another (their
# callbacks run in the thread that dropped them), a WeakValueDictionary shared by
# all, and finalizers run once however many threads race to call them.
import threading
import weakref


class Item:
    def __init__(self, n):
        self.n = n
        self.label = "item-%d" % n


made = []                     # (ref, item) pairs handed from makers to droppers
died = []
table = weakref.WeakValueDictionary()
lock = threading.Lock()


def on_death(wr):
    died.append(threading.current_thread().name)


def maker(base):
    for i in range(base, base + 200):
        it = Item(i)
        table[i] = it
        with lock:
            made.append((weakref.ref(it, on_death), it))
    del it


threads = [threading.Thread(target=maker, args=(k * 1000,)) for k in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(made), len(table), all(wr() is it for wr, it in made))

refs = [wr for wr, _ in made]
parts = [[it for _, it in made[p::2]] for p in (0, 1)]
made.clear()


def dropper(items):
    while items:
        it = items.pop()
        del it                # the last strong reference: it dies here, in this thread


threads = [threading.Thread(target=dropper, args=(parts[p],), name="dropper-%d" % p) for p in (0, 1)]
for t in threads:
    t.start()
for t in threads:
    t.join()
# Each callback runs in the thread that dropped the item -- or, rarely, while that
# thread is being torn down, after threading has let go of it, where
# current_thread() is a dummy (gilt's biased counting may settle the last count
# there; CPython's free-threaded build can do the same).  Never in another thread.
print(len(died), all(name.startswith(("dropper-", "Dummy-")) for name in died), len(table),
      [wr() for wr in refs].count(None))

# one finalizer, many callers: it runs once
ran = []
obj = Item(1)
fin = weakref.finalize(obj, ran.append, "ran")
threads = [threading.Thread(target=fin) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
del obj
print(ran, fin.alive)
