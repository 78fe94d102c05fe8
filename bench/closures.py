# Closures: functions made by other functions, reading and writing the variables of
# the function that made them (cells), and lambdas passed around.
def make_counter(step):
    count = 0

    def bump():
        nonlocal count
        count += step
        return count

    return bump


def compose(f, g):
    return lambda x: f(g(x))


def run(n):
    bump = make_counter(3)
    inc = lambda x: x + 1
    double = lambda x: x * 2
    h = compose(inc, double)
    total = 0
    for i in range(n):
        total += bump() + h(i)
        if i % 1000 == 0:
            bump = make_counter(i % 7)
    return total


print(run(2_000_000))
