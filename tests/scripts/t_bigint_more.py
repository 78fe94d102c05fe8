n = 1
for i in range(1, 50):
    n = n * i + i
print(n)
print(n % 1000007, n // 10 ** 40, str(n)[:20], len(str(n)), n.bit_length())
print(-n // 3, -n % 3, divmod(n, -12345), (-n) >> 100, (n & 0xFFFF), (n | 1) - n, n ^ n)
a, b = 10 ** 25, 10 ** 12 + 39
print(a % b, a // b, pow(a, 3, b), abs(-a), -(-a) == a, a > b, sorted([a, -a, b]))
print(int(str(a)) == a, int("-" + str(a)) == -a, float(a), hash(a) == hash(a), a == float(a))
