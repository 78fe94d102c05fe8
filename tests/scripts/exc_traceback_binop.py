def average(xs):
    return sum(xs) / len(xs)
values = []
print(average(values))
