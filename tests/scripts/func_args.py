def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))
print(f(1, c=3))
print(f(1, 5, 6, 7, c=8, e=9, d=0, z=1))
def g(x, y, /, z, *, w):
    return x + y + z + w
print(g(1, 2, 3, w=4), g(1, 2, z=3, w=4))
def h(*args, **kwargs):
    return args, kwargs
print(h(), h(1, 2, a=3), h(*[1, 2], *(3,), **{"k": 1}, j=2))
args = (1, 2); kwargs = {"c": 9}
print(f(*args, **kwargs), f(*range(2), c=0))
def defaults(x, items=[]):
    items.append(x)
    return items
print(defaults(1), defaults(2), defaults(3, []))
print((lambda x, y=10: x * y)(3), (lambda *a: sum(a))(1, 2, 3), (lambda **k: k)(a=1))
print(f.__name__, g.__defaults__, f.__defaults__, f.__kwdefaults__)
