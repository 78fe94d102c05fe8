# heapq (CPython's exact layouts) and bisect
import heapq, bisect, random
h = []
for x in [5, 3, 8, 1, 9, 2, 7, 4, 6, 0]:
    heapq.heappush(h, x)
print(h)
print([heapq.heappop(h) for _ in range(3)], h)
data = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 10, 11]
heapq.heapify(data); print(data)
print(heapq.heapreplace(data, 20), data)
print(heapq.heappushpop(data, -1), heapq.heappushpop(data, 30), data)
random.seed(7)
r = [random.randrange(100) for _ in range(30)]
hr = list(r); heapq.heapify(hr); print(hr)
for v in r[:10]:
    heapq.heappush(hr, v)
print(hr, [heapq.heappop(hr) for _ in range(5)])
print(heapq.nlargest(3, r), heapq.nsmallest(3, r), heapq.nlargest(2, ['aa', 'b', 'ccc'], key=len), heapq.nsmallest(0, r))
tasks = []
heapq.heappush(tasks, (2, 'write'))
heapq.heappush(tasks, (1, 'plan'))
heapq.heappush(tasks, (3, 'test'))
print(tasks, heapq.heappop(tasks))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6, 9])), list(heapq.merge('ace', 'bdf')), list(heapq.merge()))
print(list(heapq.merge([7, 4, 1], [8, 2], reverse=True)), list(heapq.merge(['a', 'ccc'], ['bb'], key=len)))
for f in [lambda: heapq.heappop([]), lambda: heapq.heapreplace([], 1), lambda: heapq.heappush((1,), 2), lambda: heapq.heapify({}), lambda: heapq.heappop(5)]:
    try:
        f()
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)

a = [1, 2, 4, 4, 8]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 4), bisect.bisect_left(a, 0), bisect.bisect(a, 99))
print(bisect.bisect_left(a, 4, 3), bisect.bisect_right(a, 4, 0, 2), bisect.bisect(a, 5, hi=3))
bisect.insort(a, 5); bisect.insort_left(a, 4); bisect.insort_right(a, 0); print(a)
people = [('ann', 20), ('bob', 31), ('cy', 45)]
print(bisect.bisect_left(people, 31, key=lambda p: p[1]), bisect.bisect(people, 31, key=lambda p: p[1]))
bisect.insort(people, ('dee', 33), key=lambda p: p[1]); print(people)
def grade(score, breakpoints=[60, 70, 80, 90], grades='FDCBA'):
    return grades[bisect.bisect(breakpoints, score)]
print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])
try:
    bisect.bisect([1], 1, -1)
except ValueError as e:
    print(type(e).__name__, e)
class Grows:
    def __init__(self, heap):
        self.heap = heap
    def __lt__(self, other):
        self.heap.append(0)
        return True
h = [1, 2, 3]
try:
    heapq.heappush(h, Grows(h))
except RuntimeError as e:
    print(type(e).__name__, e)
for f in [lambda: heapq.heappush([]), lambda: heapq.heappop(), lambda: heapq.heappushpop([], 5), lambda: heapq.heapify([3, 'a'])]:
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
