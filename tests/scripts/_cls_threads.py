# The body of cls_threads and cls_threads_gil: classes with several bases, made
# and used by several threads at once, and an enum shared by them.
import threading
from enum import Enum, IntEnum

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

class Level(IntEnum):
    LOW = 1
    HIGH = 5

class Base:
    def __init__(self, **kw):
        self.parts = ["Base"]
    def path(self):
        return ["Base"]

class Tagged:
    def tag(self):
        return "tag-" + type(self).__name__

results = {}

def work(k):
    names = []
    for i in range(100):
        class Left(Base):
            def path(self):
                return ["Left"] + super().path()
        class Right(Base):
            def path(self):
                return ["Right"] + super().path()
        class Both(Tagged, Left, Right):
            def path(self):
                return ["Both"] + super().path()
        b = Both()
        assert b.path() == ["Both", "Left", "Right", "Base"]
        assert [c.__name__ for c in Both.__mro__] == ["Both", "Tagged", "Left", "Right", "Base", "object"]
        assert Color(1 + (i + k) % 3) is list(Color)[(i + k) % 3]
        assert Level["HIGH"] == 5 and Color.RED in Color
        names.append(b.tag())
    results[k] = (len(names), names[0])

threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))
