class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return False
try:
    with CM("outer") as a:
        with CM("inner") as b:
            print("body", a, b)
            raise ValueError("oops")
except ValueError as e:
    print("caught", e)
class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        return et is not None and issubclass(et, self.types)
with Suppress(KeyError):
    {}["missing"]
print("suppressed KeyError")
try:
    with Suppress(KeyError):
        [][1]
except IndexError:
    print("IndexError not suppressed")
class BadExit:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        raise RuntimeError("exit failed")
try:
    with BadExit():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    with 42:
        pass
except TypeError as e:
    print("TypeError:", e)
