x = 17
for op in range(12):
    pass
x += 3; print(x)
x -= 5; print(x)
x *= 4; print(x)
x //= 3; print(x)
x %= 7; print(x)
x **= 3; print(x)
x <<= 2; print(x)
x >>= 1; print(x)
x &= 0xFF; print(x)
x |= 0x100; print(x)
x ^= 0b1010; print(x)
x /= 4; print(x)
s = "ab"; s += "cd"; s *= 2; print(s)
l = [1]; l += [2]; l *= 2; print(l)
t = (1,); t += (2,); print(t)
d = {"k": 1}; d["k"] += 10; print(d)
class A: n = 0
a = A(); a.n += 5; print(a.n, A.n)
