"""heapq -- a priority queue kept in a plain list.

A heap is a list in which every item is <= the two below it:
heap[k] <= heap[2*k+1] and heap[k] <= heap[2*k+2], so heap[0] is the smallest.

                   0
           1               2
       3       4       5       6
     7   8   9  10  11  12  13  14

The functions move items along one path of this tree, so push and pop cost
O(log n).  They make exactly the moves CPython's heapq makes, so a printed
heap looks the same: a pop moves the hole at the top down to a leaf along the
smaller children, puts the last item there, and lets it rise (fewer
comparisons than stopping half-way, since the last item is usually large).

The five list operations are also written in C (src/modules/heapq.c, the
_heapq module), move for move the same; the end of this file puts them in
place of the Python ones, which stay as the readable version.

Threads: the list operations are atomic one by one, a heap operation as a
whole is not; share a heap between threads only under a lock (or use
queue.PriorityQueue).
"""

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge',
           'nlargest', 'nsmallest', 'heappushpop']


def _check_list(name, heap, which='argument 1'):
    if not isinstance(heap, list):
        raise TypeError(f'{name}() {which} must be list, not {type(heap).__name__}')


def _rise(heap, top, pos):
    """Move heap[pos] up towards position top while it is smaller than its parent."""
    item = heap[pos]
    while pos > top:
        parent = (pos - 1) >> 1
        if item < heap[parent]:
            heap[pos] = heap[parent]
            pos = parent
        else:
            break
    heap[pos] = item


def _sink(heap, pos):
    """Restore the heap below pos: the hole goes down to a leaf by the smaller
    child each time, then heap[pos]'s old item rises from there."""
    end = len(heap)
    top = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[child] < heap[right]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _rise(heap, top, pos)


def heappush(heap, item):
    """Push item onto heap, keeping it a heap."""
    _check_list('heappush', heap)
    heap.append(item)
    _rise(heap, 0, len(heap) - 1)


def heappop(heap):
    """Pop the smallest item off the heap, keeping it a heap."""
    _check_list('heappop', heap, 'argument')
    if not heap:
        raise IndexError('index out of range')
    last = heap.pop()
    if not heap:
        return last
    smallest = heap[0]
    heap[0] = last
    _sink(heap, 0)
    return smallest


def heapreplace(heap, item):
    """Pop the smallest item and push item, in one step (the heap's size stays)."""
    _check_list('heapreplace', heap)
    if not heap:
        raise IndexError('index out of range')
    smallest = heap[0]
    heap[0] = item
    _sink(heap, 0)
    return smallest


def heappushpop(heap, item):
    """Push item, then pop the smallest: faster than the two calls."""
    _check_list('heappushpop', heap)
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sink(heap, 0)
    return item


def heapify(x):
    """Turn the list x into a heap, in place, in O(len(x))."""
    _check_list('heapify', x, 'argument')
    for i in reversed(range(len(x) // 2)):
        _sink(x, i)


def merge(*iterables, key=None, reverse=False):
    """Merge sorted inputs into one sorted iterator (lazily, and stably: of
    equal items, the earlier input's comes first)."""
    heads = []          # [value, sort key, input number, iterator], one per live input
    for number, iterable in enumerate(iterables):
        it = iter(iterable)
        for value in it:
            heads.append([value, value if key is None else key(value), number, it])
            break
    while heads:
        best = heads[0]
        for head in heads[1:]:
            if (head[1] > best[1]) if reverse else (head[1] < best[1]):
                best = head
        yield best[0]
        for value in best[3]:
            best[0] = value
            best[1] = value if key is None else key(value)
            break
        else:
            heads.remove(best)


def nsmallest(n, iterable, key=None):
    """The n smallest items: sorted(iterable, key=key)[:n]."""
    if n <= 0:
        return []
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    """The n largest items: sorted(iterable, key=key, reverse=True)[:n]."""
    if n <= 0:
        return []
    return sorted(iterable, key=key, reverse=True)[:n]


# The same five operations in C (src/modules/heapq.c): about ten times faster.
from _heapq import heappush, heappop, heapify, heapreplace, heappushpop
