print("%s is %d years" % ("Bob", 42), "%5.2f|%-5d|%05d" % (3.14159, 7, 42), "%x %X %o %e" % (255, 255, 8, 12345.678))
print("%r %s %%" % ("q", [1]), "%(a)s-%(b)s" % {"a": 1, "b": 2}, "%c%c" % (72, "i"), "%10s|%-10s|" % ("r", "l"))
print("%.3s" % "abcdef", "%+d %+d" % (5, -5), "%i" % 3.9, "%g %g" % (0.0001, 1e10))
try:
    print("%d %d" % (1,))
except TypeError as e:
    print("TypeError:", e)
try:
    print("%d" % (1, 2))
except TypeError as e:
    print("TypeError:", e)
