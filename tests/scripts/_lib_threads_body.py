# _lib_threads_body.py -- what lib_threads.py (GIL off) and lib_threads_gil.py (GIL on) run:
# json, dataclasses, statistics and typing keep no shared state, and one
# array.array shared by all threads loses no append.
import json
import statistics
import threading
from array import array
from dataclasses import dataclass, asdict
from typing import List, Optional

@dataclass(frozen=True)
class Sample:
    name: str
    values: tuple

shared = array('q')
results = [None] * 4

def work(k):
    out = []
    for i in range(200):
        s = Sample(f"s{k}-{i}", tuple(range(i % 7 + 1)))
        text = json.dumps(asdict(s), sort_keys=True)
        back = json.loads(text)
        out.append((back["name"], statistics.mean(back["values"]), repr(Optional[List[int]])))
        shared.append(k * 1000 + i)
    results[k] = out

threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(shared), sorted(shared) == sorted(k * 1000 + i for k in range(4) for i in range(200)))
for r in results:
    print(len(r), r[0], r[-1])
