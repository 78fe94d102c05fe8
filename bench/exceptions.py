# Exceptions raised and caught: a custom exception class, try/except/else/finally,
# an exception raised two calls down and caught here, and EAFP dictionary lookups.
class OutOfStock(Exception):
    def __init__(self, item):
        super().__init__(item)
        self.item = item


def take(stock, item):
    if stock.get(item, 0) == 0:
        raise OutOfStock(item)
    stock[item] -= 1
    return 1


def order(stock, item):
    return take(stock, item)


def run(n):
    stock = {"apple": 0, "pear": 0}
    sold = missing = cleanups = 0
    for i in range(n):
        item = "apple" if i % 3 else "pear"
        if i % 5 == 0:
            stock[item] = stock.get(item, 0) + 2
        try:
            sold += order(stock, item)
        except OutOfStock as e:
            missing += len(e.item)
        finally:
            cleanups += 1
        try:
            stock["plum"]
        except KeyError:
            missing += 1
    return sold, missing, cleanups


print(run(500_000))
