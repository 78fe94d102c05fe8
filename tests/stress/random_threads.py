# Threads share the random module's generator: drawing from it in 4 threads at once
# must keep every value in range (the generator's state is stepped under its lock),
# and seeding afterwards must still reproduce CPython's sequence.
import random
import threading

bad = []

def draw():
    for _ in range(20000):
        x = random.random()
        k = random.randint(1, 6)
        g = random.gauss(0, 1)
        if not (0.0 <= x < 1.0 and 1 <= k <= 6 and g == g):
            bad.append((x, k, g))

ts = [threading.Thread(target=draw) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert not bad, bad[:3]
random.seed(5)
assert random.random() == 0.6229016948897019
print("ok")
