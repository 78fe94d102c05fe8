# A loop of integer arithmetic: the eval loop's inner dispatch and int fast paths.
def work(n):
    total = 0
    i = 0
    while i < n:
        total += (i * 7) % 13 - (i >> 2) + (i & 15)
        i += 1
    return total

def heavy_computation(n):
    count = 0
    for i in range(n):
        count += i
    return count

print(work(2_000_000), heavy_computation(3_000_000))
