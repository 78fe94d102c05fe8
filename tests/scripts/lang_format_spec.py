# format() and f-string / str.format specs: corners
def show(value, spec):
    try:
        print(repr(spec), "->", repr(format(value, spec)))
    except Exception as e:
        print(repr(spec), "->", type(e).__name__, e)

for spec in [",", "_", "10,", "_x", "_b", "_o", "#_x", ",.2f", "_.3f", ",d", "015,", "020_", "=+10", "=10,",
             "#x", "#X", "#o", "#b", "#010x", "n", "%", ".1%", "10.2%", "e", ".0e", "#.0e", "g", ".0g", "#g",
             "G", ".10g", "*^12", "0<8", "->9", "€^7", "+", " ", "-", "c", "x", "10.3", ",c", "_s", ".2", "s"]:
    show(1234567, spec)
for spec in [",", "_", ",.2f", "_.1f", "e", "E", ".3e", "g", "G", ".2g", "#g", "n", "%", ".0%", "=+12.3f",
             "012.4f", ".0f", "#.0f", "f", "10", "<10", "^10", "+.1e", ".15g", ".17g", "r", "d", ",.0f", "x"]:
    show(1234567.891, spec)
for v in [0.0001, 1e16, 1e-7, 123456789012.0, -0.0, float("inf"), float("-nan"), 2.5, 1.0]:
    show(v, "g")
    show(v, ".3")
for spec in ["s", ">5", "^7", "*<6", ".2", "10.3", "d", ",", "=5", "+", "#", "05", "_", "x"]:
    show("abc", spec)
show(True, "d")
show(True, ">6")
show(None, "")
show(None, "10")
show([1], "")
show(12, "z")
show(12, ".")
show(12, ",_")
show(12, "_,")
show(1.5, ",d")
show(10**20, ",")
show(-10**20, "_x")
show(255, "#_b")
show(-5, "08")
show(-5, "=8")
show(5, "+08")
show(-0.0001, "z.2f")
show(-0.0, "z")
show(-1.5, "z.1f")
show(5, "<05")
show(5, "*<05")
show("ab", "<05")
show(1.5, "^07")

# nested fields
w, p = 10, 3
print(f"[{3.14159:{w}.{p}f}]", f"[{'x':{'^'}{w}}]", f"[{42:{'0'}{5}d}]")
print("[{:{}.{}f}]".format(2.71828, 9, 2), "[{0:{1}}]".format("ab", 6))
print(f"{'quote'!r:>10}|{'é'!a}|{3!s:>4}|{'s'!r:^9}")

# str.format with indexes, attributes, items
class P:
    x = 3
    y = [10, 20]
    d = {"k": "v"}
print("{0} {1} {0}".format("a", "b"))
print("{} {}".format(1, 2))
print("{0.x} {0.y[1]} {0.d[k]}".format(P()))
print("{a[k]} {a[0]}".format(a={"k": 5, 0: "zero"}))
print("{p.y[0]:>5}|".format(p=P()))
print("{{}} {{{0}}}".format(7))
print("{0!r:>6}|{0!s:<4}|".format("hi"))
print("{:%} {:.2%}".format(0.5, 1/3))
print("{:,} {:_} {:,.3f}".format(10**9, 10**9, 1234.5))
print("{:>{width}}|".format("r", width=4))
print("{name}={value:.2f}".format_map({"name": "pi", "value": 3.14159}))
class Default(dict):
    def __missing__(self, key):
        return "<" + key + ">"
print("{a} {b}".format_map(Default(a=1)))

# errors
tries = [
    lambda: "{} {}".format(1),
    lambda: "{0} {}".format(1, 2),
    lambda: "{} {0}".format(1, 2),
    lambda: "{a}".format(b=1),
    lambda: "{0.nope}".format(1),
    lambda: "{0[5]}".format([1]),
    lambda: "{".format(),
    lambda: "}".format(),
    lambda: "{0!x}".format(1),
    lambda: "{:d}".format("s"),
    lambda: "{:s}".format(1),
    lambda: format("s", ","),
    lambda: format(1, ".f"),
    lambda: format(1.5, ".f"),
    lambda: format(1, "c,"),
    lambda: format(1, ",c"),
    lambda: format("x", "=5"),
    lambda: format(1, "s"),
    lambda: format(1.0, "d"),
    lambda: format(1, "=,"),
    lambda: format(1, ",,"),
    lambda: format(1, "_n"),
    lambda: format(1.0, "_n"),
    lambda: format(object(), "5"),
    lambda: f"{1:{'<'}{'x'}}",
    lambda: "{0:{1}}".format(1, "q"),
    lambda: format(3, "#c"),
    lambda: format(3, "+c"),
    lambda: format("s", "#"),
    lambda: format(1, "1000000000000000000000"),
    lambda: "{:,s}".format("a"),
    lambda: format(-1, "c"),
]
for t in tries:
    try:
        print("ok:", repr(t()))
    except Exception as e:
        print(type(e).__name__, e)
print(f"{1:{'d'}}")
"{:d}".format("not an int")
