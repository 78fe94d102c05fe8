a = [0, 1, 2, 3, 4, 5]
del a[0], a[-1]
print(a)
d = {"x": 1, "y": 2, "z": 3}
del d["y"]
print(d)
class O:
    pass
o = O(); o.attr = 1; del o.attr; print(hasattr(o, "attr"))
v = 10
del v
try:
    print(v)
except NameError as e:
    print("NameError:", e)
lst = list(range(10)); del lst[::2]; print(lst)
try:
    del d["missing"]
except KeyError as e:
    print("KeyError:", e)
