# json.dumps / json.dump: formatting options and errors, as CPython.
import json

class Sink:
    """Anything with .write works as dump()'s file."""
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)

data = {"name": "gilt", "n": 3, "pi": 3.14159, "ok": True, "none": None, "list": [1, 2.5, "x"],
        "nested": {"a": [], "b": {}, "c": [{"d": (1, 2)}]}, "big": 10**30, "neg": -0.0}
print(json.dumps(data))
print(json.dumps(data, indent=2))
print(json.dumps(data, indent="\t", sort_keys=True))
print(json.dumps(data, indent=0))
print(json.dumps([1, [2, [3]]], indent=1))
print(json.dumps(data, separators=(",", ":")))
print(json.dumps(data, separators=(",", ":"), indent=2)[:40])
print(json.dumps([]), json.dumps({}), json.dumps([[]], indent=2), json.dumps({"a": {}}, indent=2))
print(json.dumps("plain"), json.dumps(1), json.dumps(None), json.dumps(False), json.dumps(2.0))
for f in [0.1, 1e16, 1.5e-7, 123456789.123, 1e22, -1e-300, 5e-324, 1.7976931348623157e308]:
    print(json.dumps(f), end=" ")
print()
print(json.dumps(float("nan")), json.dumps(float("inf")), json.dumps([float("-inf")]))
print(json.dumps({1: "a", 2.5: "b", True: "c", None: "d", False: "e"}))
print(json.dumps({"b": 1, "a": 2, "c": {"z": 0, "y": 1}}, sort_keys=True))

# strings and escapes
s = 'quote " backslash \\ tab \t nl \n cr \r bs \b ff \f ctl \x01 \x1f del \x7f / slash'
print(json.dumps(s))
print(json.dumps(s, ensure_ascii=False))
u = "café ∑ 😀 €"
print(json.dumps(u), json.dumps(u, ensure_ascii=False))
print(json.dumps({u: [u]}))

# default=, skipkeys, tuples
class Money:
    def __init__(self, cents):
        self.cents = cents
print(json.dumps({"price": Money(250)}, default=lambda o: {"cents": o.cents}))
print(json.dumps({"s": {3, 1, 2}}, default=sorted))
print(json.dumps({(1, 2): "tuple key", "ok": 1}, skipkeys=True))
print(json.dumps((1, (2, 3))))

class MyEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Money):
            return f"${o.cents / 100:.2f}"
        return super().default(o)
print(json.dumps([Money(199)], cls=MyEncoder))

sink = Sink()
json.dump({"a": [1, 2]}, sink, indent=2)
print("".join(sink.parts))

# errors
def attempt(fn):
    try:
        fn()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
attempt(lambda: json.dumps({1, 2}))
attempt(lambda: json.dumps([1, object]))
attempt(lambda: json.dumps({"m": Money(1)}))
attempt(lambda: json.dumps({(1, 2): 3}))
attempt(lambda: json.dumps({Money(1): 3}))
attempt(lambda: json.dumps(float("nan"), allow_nan=False))
attempt(lambda: json.dumps({"x": float("inf")}, allow_nan=False))
attempt(lambda: json.dumps([Money(1)], cls=MyEncoder) and json.dumps([object()], cls=MyEncoder))
loop = []
loop.append(loop)
attempt(lambda: json.dumps(loop))
d = {}
d["self"] = d
attempt(lambda: json.dumps(d))
shared = [1]
print(json.dumps([shared, shared]))   # the same list twice is not a cycle
