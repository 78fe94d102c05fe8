print("{} and {}".format("a", "b"), "{1} {0} {1}".format("x", "y"), "{name}!".format(name="hi"))
print("{:>6}|{:<6}|{:^6}|".format("a", "b", "c"), "{0[1]} {1[k]}".format([5, 6], {"k": "v"}))
print("{:.2f} {:,} {:x} {!r}".format(3.14159, 1234567, 255, "s"), "{{}} {}".format(1))
class P:
    x = 3
print("{0.x}".format(P()), format(3.5, "08.2f"), format(42, "b"), format("s", ">3"), format(12345, ","))
