# xs[i] = v on a list: the eval loop's own path for small int indexes (negative ones
# too), IndexError past either end, and the generic path for everything else.
xs = [10, 20, 30]
xs[0] = "a"
xs[-1] = "c"
xs[1] = 2.5
print(xs)
for i in (3, -4, 100):
    try:
        xs[i] = 0
    except IndexError as e:
        print(i, type(e).__name__, e)
xs[True] = "bool index"          # a bool is an int: the generic path takes it
print(xs)
xs[1:2] = [7, 8, 9]              # a slice
print(xs)

import weakref
class Item:
    def __init__(self, name):
        self.name = name
refs = []
def track(item):
    # the callback runs when the item is freed, after the store: the list already
    # holds the new item (gilt never calls __del__: docs/language.md)
    name = item.name
    refs.append(weakref.ref(item, lambda r: print("dropped", name, "list now",
                                                  [getattr(v, "name", v) for v in box])))
    return item

box = [track(Item("first")), 1]
box[0] = track(Item("second"))
box[-2] = 3
print(box)

class L(list):
    def __setitem__(self, i, v):
        print("subclass store", i, v)
        super().__setitem__(i, v)
l = L([1, 2, 3])
l[0] = 5
l[-1] = 6
print(l)
big = [0] * 5
big[2**40 // 2**40] = "one"      # computed index
try:
    big[2**70] = 1
except IndexError as e:
    print("huge", e)
print(big)
