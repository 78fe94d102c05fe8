def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = make_counter(); c2 = make_counter()
print(c1(), c1(), c1(), c2())
def adders():
    return [lambda x, i=i: x + i for i in range(3)]
print([a(10) for a in adders()])
def late():
    fs = [lambda: i for i in range(3)]
    return [f() for f in fs]
print(late())
x = "global"
def outer():
    x = "outer"
    def inner():
        return x
    return inner()
print(outer(), x)
def set_global():
    global x
    x = "changed"
set_global(); print(x)
def deep():
    a = 1
    def mid():
        def inner():
            return a + 1
        return inner()
    return mid()
print(deep())
def cell_arg(v):
    def get():
        return v
    v = v * 2
    return get
print(cell_arg(21)())
