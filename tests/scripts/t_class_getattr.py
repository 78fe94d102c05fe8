class Proxy:
    def __init__(self, target):
        self._target = target
        self.accessed = []
    def __getattr__(self, name):
        self.accessed.append(name)
        return getattr(self._target, name)
p = Proxy([3, 1, 2])
p.append(0); p.sort()
print(p._target, p.accessed, hasattr(p, "nonexistent_attr_x"))
class Record:
    def __init__(self, **fields):
        for k, v in fields.items():
            setattr(self, k, v)
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value.upper() if isinstance(value, str) else value)
    def __repr__(self):
        return f"Record({vars(self)})"
r = Record(name="ada", year=1843); r.lang = "none"; print(r)
class ReadOnly:
    __slots_like = ("x",)
    def __init__(self):
        object.__setattr__(self, "x", 1)
    def __setattr__(self, name, value):
        raise AttributeError(f"{name} is read-only")
    def __delattr__(self, name):
        raise AttributeError("cannot delete")
ro = ReadOnly()
for action in (lambda: setattr(ro, "x", 2), lambda: delattr(ro, "x")):
    try:
        action()
    except AttributeError as e:
        print("AttributeError:", e)
print(ro.x)
