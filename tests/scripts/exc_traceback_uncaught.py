def a():
    b()
def b():
    c()
def c():
    x = [1, 2, 3]
    return x[10]
a()
