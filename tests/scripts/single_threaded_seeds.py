# Single-threaded forms of the programs in shared/examples.
def heavy_computation(n):
    count = 0
    for i in range(n):
        count += i
    return count
results = [heavy_computation(10 ** 5) for _ in range(4)]
print(results)
class UnsafeCounter:
    def __init__(self):
        self.count = 0
    def increment(self):
        self.count += 1
def hammer(counter, n):
    for _ in range(n):
        counter.increment()
c = UnsafeCounter()
for _ in range(4):
    hammer(c, 10000)
print("UnsafeCounter:", c.count, "expected", 40000)
def print_numbers():
    for i in range(10):
        print(i)
print_numbers()
def compute_heavy_task(x):
    return x * x
results = list(map(compute_heavy_task, range(1000)))
print(len(results), sum(results), results[:5], results[-1])
