# Generators: generator functions with state, a pipeline of generators, generator
# expressions consumed by sum() and any(), and yield from.
def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x


def chunks(src, size):
    chunk = []
    for x in src:
        chunk.append(x)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def both(n):
    yield from numbers(n)
    yield from numbers(n // 2)


def run(n):
    total = 0
    for chunk in chunks(evens(both(n)), 50):
        total += sum(x * x for x in chunk)
        if any(x % 997 == 0 for x in chunk):
            total += 1
    return total


print(run(2_100_000))
