# The str builders' fast paths: padding written straight into the result, ints
# formatted without a temporary str, one snprintf per float, ASCII upper/lower and
# pieces of ASCII strs.  Each line compares with CPython's own output.
vals = [0, 7, -7, 255, -256, 1024, 99999, 2**63 - 1, -2**63, 2**64 + 5, -(10**25)]
for v in vals:
    print(f"[{v:>8}|{v:<8}|{v:^9}|{v:=+10}|{v:08}|{v:*^12,}|{v:_x}|{v:#X}|{v:#010b}|{v:o}|{v: d}]")
    print("[%d|%5d|%-6d|%+d|%x|%#o|%X|%08d|%i]" % (v, v, v, v, v, v, v, v, v))
    print(str(v), repr(v), hex(v), oct(v), bin(v), f"{v}", format(v), format(v, ""))
print(f"{5:é>6}|{5:€^7}|{-5:→=6}|{'ab':é<5}|{'日本':*>6}|{'':>3}|{'':}|[{''}]")
print(f"{65:c}|{0x263a:c}|{65:>4c}|{True:>6}|{True}|{False:d}")
fl = [0.0, -0.0, 1.5, -2.25, 1e16, 123456789.125, 1e-7, float("inf"), float("-inf"), float("nan"), 2.5e300]
for x in fl:
    print(f"[{x:10.2f}|{x:<12.3e}|{x:^+12.4g}|{x:%}|{x:.1%}|{x:#.0f}|{x:,.2f}|{x:z.1f}|{x:E}|{x:G}|{x}|{x:.3}|{x:n}]")
    print("[%f|%.2f|%10.3e|%-8g|%+.1f|%#x]" % (x, x, x, x, x, 255) if x == x and abs(x) != float("inf") else "[%f|%e|%g]" % (x, x, x))
print(f"{1e300:.400f}"[:40], len(f"{1e300:.400f}"), f"{2.0:.1000f}"[-3:], len("%.500f" % 1.0))
print(f"{-0.0001:z.2f}|{-0.0:z}|{0.5:.0f}|{1.5:.0f}|{2.675:.2f}|{1/3:.17g}")
s = "Hello, World! az AZ @[`{ 0123456789 ~\x7f"
print(s.upper(), s.lower(), s.swapcase(), s.title(), s.capitalize())
print("ÄbC x ǅ".upper(), "ÄbC ßx ǅ".lower(), "".upper() == "", "".lower() == "")
for t in ["a b  c ", "  x", "a,b,,c", "日本 語,x", "", "   "]:
    print(t.split(), t.split(","), t.rsplit(None, 1), t.split(" ", 1), t.partition(","), t.rpartition(" "))
    print(t.strip(), "|", t.lstrip(" a"), "|", t.rstrip(), "|", t.splitlines(), t.removeprefix("a"), t.removesuffix("c "))
print([len(p) for p in "aé b日 c".split()], "aé b日".split()[0][1], "ab cd".split()[1][1])
print("-".join(["a", "é", "c"]), "x".join([]), "{}: {}".format(3, "a|b".replace("|", "/")))
# a float's text near the size of format.c's stack buffer (512 bytes)
for p in range(498, 508):
    a, b, c = f"{1.5:.{p}f}", f"{0.25:.{p}%}", f"{-2.0:>{p + 9},.{p - 3}f}"
    print(p, len(a), a[-4:], len(b), b[-4:], len(c), c[:3], c[-3:], f"{1e300:.{p - 300}f}"[-3:])
