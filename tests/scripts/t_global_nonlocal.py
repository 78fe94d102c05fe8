counter = 0
def bump():
    global counter
    counter += 1
for _ in range(5):
    bump()
print(counter)
def outer():
    x = 1
    def mid():
        nonlocal x
        x += 1
        def inner():
            nonlocal x
            x *= 10
        inner()
    mid()
    return x
print(outer())
def make():
    global newly_made
    newly_made = "created"
make(); print(newly_made)
x = "module"
class C:
    x = "class"
    def method(self):
        return x
print(C().method(), C.x)
