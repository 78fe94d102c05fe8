for v in [0, 7, -7, 255, 1234567, -1234567, 2 ** 40]:
    print(f"{v:d}|{v:5}|{v:<6}|{v:^7}|{v:+}|{v:x}|{v:#o}|{v:b}|{v:,}|{v:_}|{v:08}|{v:e}")
print(format(1234, "=+9"), format(5, "*<4"), format(-5, "*>4"), format(65, "c"), format(10, "n"))
