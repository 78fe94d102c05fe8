print([chr(c) for c in range(65, 71)], [ord(c) for c in "az09 "], chr(0x263A), hex(3735928559), oct(64), bin(10))
print(int("0b1010", 0), int("0o17", 0), int("0xff", 0), int("z", 36), int(" -42 "), int("1_000"))
try:
    chr(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    ord("ab")
except TypeError as e:
    print("TypeError:", e)
