# a teacher-style script that uses collections, itertools, functools, operator, heapq, bisect, copy and string together
import collections, itertools, functools, operator, heapq, bisect, copy, contextlib, string
from collections import Counter, defaultdict, deque, namedtuple, OrderedDict
text = "the quick brown fox jumps over the lazy dog the end"
counts = Counter(text.split())
for word, n in counts.most_common(3):
    print(f"{word:>6}: {n}")
print(counts)
by_len = defaultdict(list)
for w in text.split():
    by_len[len(w)].append(w)
print(dict(sorted(by_len.items())))
Card = namedtuple("Card", ["rank", "suit"])
deck = [Card(r, s) for r, s in itertools.product("A23", "♠♥")]
print(deck[:3], deck[0].rank, deck[-1]._asdict())
window = deque(maxlen=3)
for x in range(6):
    window.append(x)
    print(list(window), sum(window) / len(window))
print(list(itertools.accumulate([1, 2, 3, 4], operator.mul)))
print(functools.reduce(operator.add, range(10)))
pq = []
for prio, task in [(3, "c"), (1, "a"), (2, "b")]:
    heapq.heappush(pq, (prio, task))
print([heapq.heappop(pq)[1] for _ in range(3)])
print(sorted(counts.items(), key=operator.itemgetter(1, 0), reverse=True)[:3])
print(list(itertools.chain.from_iterable([[1], [2, 3]])), dict(itertools.zip_longest("ab", [1])))
print(list(map(list, itertools.islice(itertools.permutations(range(3)), 2))))
print(string.Template("Hi $name").substitute(name="Ann"), string.capwords("hello world"))
od = OrderedDict.fromkeys("abc"); od.move_to_end("a"); print(od, list(od))
print({k: list(g) for k, g in itertools.groupby(sorted("mississippi"))})
print(counts["missing"], "missing" in counts, counts.total(), sum(counts.values()))
c2 = counts.copy(); c2.subtract(counts); print(+c2, len(c2))
print(Counter("aab") == Counter("aba"), Counter({"x": 2}) - Counter({"x": 5}))
Pt = namedtuple("Pt", "x y", defaults=[0]); print(Pt(1), Pt(1, 2) + (3,), Pt._fields)
print(isinstance(counts, dict), isinstance(by_len, dict), type(window).__name__, deque.__name__)
print(bisect.bisect([10, 20, 30], 25), copy.deepcopy({"a": [1, {"b": [2]}]}))
dd = defaultdict(lambda: defaultdict(int)); dd["x"]["y"] += 1; print(dd["x"]["y"], dict(dd["x"]))
print(repr(itertools.count(3)), itertools.repeat("z", 2), operator.itemgetter(0))
