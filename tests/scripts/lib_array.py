# array.array: typecodes, sequence operations, conversions and CPython's errors.
from array import array
import array as array_module

a = array('i', [1, 2, 3])
print(a, repr(a), len(a), a[0], a[-1], a[1:], a[::-1], a[5:], list(a), 2 in a, 7 in a, 2.0 in a)
print(a.typecode, a.itemsize, array_module.typecodes, type(a), array_module.ArrayType is array)
for tc in "bBhHiIlLqQfd":
    x = array(tc, [1, 2, 3])
    print(tc, x.itemsize, x, x.tolist(), sum(x))
print(array('f', [1.1, 0.5, -2.25]), array('d', [1.1, 1e300, float('inf')]), array('d'), array('b'))
print(array('d', [1, 2]), array('f', range(3)), array('i', range(5)), array('i', array('i', [4, 5])))
print(array('d', array('i', [1, 2])), array('i', (7, 8)), array('q', [True, False]))
limits = {'b': (-2**7, 2**7 - 1), 'B': (0, 2**8 - 1), 'h': (-2**15, 2**15 - 1), 'H': (0, 2**16 - 1),
          'i': (-2**31, 2**31 - 1), 'I': (0, 2**32 - 1), 'l': (-2**63, 2**63 - 1), 'L': (0, 2**64 - 1),
          'q': (-2**63, 2**63 - 1), 'Q': (0, 2**64 - 1)}
for tc, (lo, hi) in limits.items():
    print(tc, array(tc, [lo, hi]), end=" ")
    for v in (lo - 1, hi + 1, -2**70, 2**70, -2**40, 2**40):
        try:
            array(tc, [v])
            print("ok", end=" ")
        except OverflowError as e:
            print(f"[{e}]", end=" ")
    print()

# mutation
b = array('h')
b.append(5)
b.extend([6, 7])
b.extend(array('h', [8]))
b.insert(0, 4)
b.insert(-1, 100)
b.insert(99, 9)
b.insert(-99, 3)
print(b, b.pop(), b.pop(0), b.pop(-2), b)
b.remove(7)
b.fromlist([10, 11])
b.reverse()
print(b, b.index(6), b.index(11), b.count(6), b.count(99), b.index(6, 1) if 6 in b[1:] else "-")
b[0] = 42
b[-1] = -1
b[1:3] = array('h', [0, 0, 0])
print(b)
b[::2] = array('h', [9] * len(b[::2]))
print(b)
del b[0]
del b[1:3]
del b[::2]
print(b, len(b))
c = array('d', [0.5])
c += array('d', [1.5])
c *= 3
print(c, c * 2, 2 * c, c * 0, c + array('d', [7]), array('i', [1]) * -1)
print(array('i', [1, 2]) == array('i', [1, 2]), array('i', [1, 2]) == array('d', [1.0, 2.0]),
      array('i', [1, 2]) < array('i', [1, 3]), array('i', [1]) < array('i', [1, 0]),
      array('b', [5]) > array('b', [4, 9]), array('i') == array('i'), array('i', [1]) != array('i', [1]),
      array('i', [1]) == [1])
it = iter(array('I', [7, 8]))
print(next(it), next(it), [x * 2 for x in array('B', [1, 2, 3])], sorted(array('i', [3, 1, 2])))
print(array('i', [1, 2, 3, 4, 5])[1:4:2], array('i', [1, 2, 3])[10:20], a.__copy__())

class Sub(array):
    pass
print(Sub('i', [1]), isinstance(Sub('i'), array))

def attempt(fn):
    try:
        print(repr(fn()))
    except (TypeError, ValueError, IndexError, OverflowError) as e:
        print(type(e).__name__, e)
attempt(lambda: array('i', [1.5]))
attempt(lambda: array('d', ['x']))
attempt(lambda: array('f', [None]))
attempt(lambda: array('b', ['a']))
attempt(lambda: array('i', 'ab'))
attempt(lambda: array('z'))
attempt(lambda: array(1))
attempt(lambda: array('ii'))
attempt(lambda: a + [1])
attempt(lambda: a + array('d'))
attempt(lambda: a.extend(array('d', [1])))
attempt(lambda: a.index(9))
attempt(lambda: a.remove(9))
attempt(lambda: array('i').pop())
attempt(lambda: a.pop(10))
attempt(lambda: a[10])
attempt(lambda: a.__setitem__(10, 1))
attempt(lambda: a.__setitem__(slice(0, 1), [1]))
attempt(lambda: a.__setitem__(slice(0, 1), array('d', [1])))
attempt(lambda: a.__setitem__(slice(0, 3, 2), array('i', [1, 2, 3])))
attempt(lambda: a.fromlist((1,)))
attempt(lambda: hash(a))
attempt(lambda: a * "x")
attempt(lambda: a.insert("x", 1))
attempt(lambda: a.append("x"))
attempt(lambda: a["x"])
attempt(lambda: a.__delitem__(10))
attempt(lambda: a.fromlist([1, "x"]))
attempt(lambda: array('B', [1, 2, 300]))
print(a)     # a failed fromlist leaves the array unchanged
a.append(2**40)
