class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} says {self.sound}"
    def kind(self):
        return "animal"
class Dog(Animal):
    sound = "woof"
    def kind(self):
        return "dog, a kind of " + super().kind()
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + "!" * self.age
d = Puppy("Rex", 3)
print(d.speak(), d.kind(), Dog("Fido").speak(), Animal("x").speak())
print(isinstance(d, Animal), issubclass(Puppy, Dog), Puppy.__mro__, Puppy.__base__.__name__)
print([c.__name__ for c in Puppy.__mro__], super(Puppy, d).speak())
class Base:
    def __init__(self):
        self.log = ["base"]
class Mid(Base):
    def __init__(self):
        super().__init__()
        self.log.append("mid")
class Leaf(Mid):
    def __init__(self):
        super().__init__()
        self.log.append("leaf")
print(Leaf().log)
