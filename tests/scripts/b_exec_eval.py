g = {}
exec("def sq(x):\n    return x * x\nval = sq(7)", g)
print(g["val"], g["sq"](3))
print(eval("x + 1", {"x": 41}), eval("[i for i in range(3)]"), eval("'a' * 3"))
code = "total = 0\nfor i in range(5):\n    total += i\n"
ns = {}
exec(code, ns)
print(ns["total"])
try:
    eval("1 +")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
