# Repeating an empty sequence by a huge count is empty at once (no loop of empty copies).
import array
for make in (str, list, tuple, bytes, bytearray, lambda: array.array("i")):
    e = make()
    print(repr(e * 10**18), repr(10**18 * e))
    e *= 10**18
    print(repr(e))
b = bytearray(b"ab")
b *= 3
print(b)
b *= 0
print(b)
b = bytearray(b"xy")
b *= -5
print(b)
a = array.array("d", [1.5])
a *= 2
print(a)
try:
    bytearray(b"ab") * 2**64
except OverflowError as e:
    print("OverflowError:", e)
