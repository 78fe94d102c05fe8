# Calls with keyword arguments and defaults: binding by name, filling defaults,
# *args and **kwargs passed through.
def area(width, height=1, *, scale=1):
    return width * height * scale


def describe(name, *args, sep=",", **options):
    return len(name) + len(args) + len(sep) + len(options)


def run(n):
    total = 0
    for i in range(n):
        total += area(i, height=3)
        total += area(width=i, scale=2)
        total += area(i, 2, scale=3)
        total += describe("box", i, i, sep=";", color="red")
    return total


print(run(900_000))
