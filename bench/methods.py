# Method calls on instances: attribute reads and writes through self, bound-method
# calls, a property and a method found on the base class.
class Vector:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    def scaled(self, k):
        return Vector(self.x * k, self.y * k)

    @property
    def norm2(self):
        return self.dot(self)


class Particle(Vector):
    def move(self, v):
        self.x += v.x
        self.y += v.y
        return self


def run(n):
    p = Particle(0, 0)
    step = Vector(1, 2)
    total = 0
    for i in range(n):
        p.move(step)
        total += p.dot(step) + step.scaled(2).norm2
        if p.x > 1000:
            p.x = p.y = 0
    return total


print(run(700_000))
