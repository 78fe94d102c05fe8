import collections, itertools, functools, json, statistics, heapq, bisect, copy, string, typing
from dataclasses import dataclass, field
from typing import Optional, List

@dataclass
class Student:
    name: str
    grades: List[int] = field(default_factory=list)
    tutor: Optional[str] = None

    def mean(self) -> float:
        return statistics.mean(self.grades)

s = [Student("ann", [90, 85, 77]), Student("bob", [60, 70]), Student("cy", [88])]
print(s[0])
print(sorted(s, key=Student.mean)[0].name)
c = collections.Counter("mississippi")
print(c.most_common(2), c)
d = collections.defaultdict(list)
for w in "apple avocado banana cherry".split(): d[w[0]].append(w)
print(d)
print(json.dumps({"students": [vars(x) for x in s]}, indent=2, sort_keys=True))
print(list(itertools.combinations("abc", 2)), list(itertools.accumulate([1,2,3,4])))
@functools.lru_cache(maxsize=None)
def fib(n): return n if n < 2 else fib(n-1) + fib(n-2)
print(fib(80), fib.cache_info())
h = [5, 1, 4, 2]; heapq.heapify(h); print(h, heapq.nsmallest(2, h))
print(bisect.bisect([1,3,5,7], 4), statistics.stdev([2,4,4,4,5,5,7,9]), statistics.median([3,1,2,5]))
P = collections.namedtuple("P", "x y"); print(P(1,2), P(1,2)._asdict())
q = collections.deque(maxlen=3); [q.append(i) for i in range(5)]; print(q)
print(json.loads('{"a": [1, 2.5, null, true]}'))
try: json.loads('{"a": }')
except json.JSONDecodeError as e: print(e)

# the same tools from threads: a shared deque of work, results counted under a lock
import threading
from concurrent.futures import ThreadPoolExecutor
from enum import Enum
from io import StringIO

class Grade(Enum):
    PASS = "pass"
    FAIL = "fail"

work = collections.deque(f"item-{i}" for i in range(400))
tally = collections.Counter()
lock = threading.Lock()

def worker():
    while True:
        try:
            item = work.popleft()
        except IndexError:
            return
        g = Grade.PASS if int(item.split("-")[1]) % 3 else Grade.FAIL
        with lock:
            tally[g] += 1

with ThreadPoolExecutor(max_workers=4) as ex:
    for _ in range(4):
        ex.submit(worker)
print(sorted((g.name, n) for g, n in tally.items()), len(work))

buf = StringIO()
json.dump({"pass": tally[Grade.PASS], "fail": tally[Grade.FAIL]}, buf, sort_keys=True)
print(buf.getvalue())
class Base:
    def describe(self): return "base"
class Loud(Base):
    def describe(self): return super().describe().upper()
class Named(Base):
    def describe(self): return "named " + super().describe()
class Both(Loud, Named): pass
print(Both().describe(), [c.__name__ for c in Both.__mro__])
data = "héllo".encode()
print(data, data.decode(), bytes(range(3)), bytearray(b"ab") + b"c")
