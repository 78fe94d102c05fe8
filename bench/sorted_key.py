# Sorting with a key: sorted() with lambdas and tuple keys, list.sort(key=,
# reverse=), and min/max with a key, on records (tuples and objects).
class Student:
    def __init__(self, name, grade, age):
        self.name = name
        self.grade = grade
        self.age = age


def run(rounds):
    people = [Student("s%05d" % ((i * 7919) % 20000), (i * 31) % 100, 18 + i % 9) for i in range(20000)]
    rows = [(p.grade, p.age, p.name) for p in people]
    total = 0
    for r in range(rounds):
        by_grade = sorted(people, key=lambda p: (-p.grade, p.name))
        rows.sort(key=lambda t: t[1] * 1000 + t[0], reverse=r % 2 == 1)
        oldest = max(people, key=lambda p: (p.age, p.name))
        total += len(by_grade[0].name) + rows[0][0] + oldest.age
    return total, by_grade[0].name, by_grade[-1].name


print(run(30))
