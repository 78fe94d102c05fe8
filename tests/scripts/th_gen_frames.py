# Frames and threads: a generator's frame is its own (on the heap), not on the
# stack of the thread that made it, so it may be resumed by another thread, even
# after the thread that made it has exited; each thread's calls use its own frame
# stack, deep recursion and RecursionError included.
import threading

def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)

def squares(k):
    total = 0
    for i in range(k):
        total += depth(50)             # calls from inside the generator's frame
        yield i * i + total

def make_deep(n, k):
    return squares(k) if n == 0 else make_deep(n - 1, k)

# made in a thread that then exits; resumed by the main thread
made = []
def maker():
    for k in range(1, 6):
        g = make_deep(300, k)
        next(g)                        # started there, finished here
        made.append(g)

t = threading.Thread(target=maker)
t.start()
t.join()
print("made by an exited thread:", [list(g) for g in made])

# one generator passed from thread to thread: each next() from another thread
def relay():
    x = 0
    while True:
        x += depth(20)
        got = yield x
        x += got

g = relay()
next(g)
results = []
for n in range(6):
    def step(n=n):
        results.append(g.send(n))
    t = threading.Thread(target=step)
    t.start()
    t.join()
print("relayed:", results)

# threads recursing at once, each hitting RecursionError and carrying on
def forever(n):
    return forever(n + 1)

out = {}
def recurse(k):
    caught = 0
    for _ in range(3):
        try:
            forever(0)
        except RecursionError:
            caught += 1
    out[k] = (caught, depth(400 + k), sum(make_deep(200, 4)))

ts = [threading.Thread(target=recurse, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("recursing threads:", [out[k] for k in range(4)])
