print(hash(1) == hash(1), hash("x") == hash("x"), hash(0) == hash(0.0) == hash(False), hash(()) == hash(()))
a = [1]
print(id(a) == id(a), id(a) != id([1]), a is a, [1] is [1] if False else "ok")
print(hash(-1) == hash(-2), hash(2 ** 61 - 1), hash(1.5) == hash(1.5), hash((1, (2, 3))) == hash((1, (2, 3))))
