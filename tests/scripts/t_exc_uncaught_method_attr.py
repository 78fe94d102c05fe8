class Robot:
    def __init__(self, name):
        self.name = name
r = Robot("R2")
print(r.name)
r.walk()
