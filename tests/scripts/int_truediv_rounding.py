# int / int is correctly rounded for ints of any size, as in CPython (int.c,
# int_truediv): exact halves, ties to even, sticky remainders, huge and tiny results,
# signs, and OverflowError when the quotient does not fit in a float.
import random
random.seed(15)
cases = [(1, 2 ** 53 + 1), (2 ** 53 + 1, 1), (2 ** 54 + 1, 2), (2 ** 54 + 3, 2), (3 ** 40, 7 ** 20),
         (10 ** 30, 3), (-(10 ** 30), 7), (10 ** 30, -7), (-1, 3 ** 50), (0, 10 ** 40), (0, -(10 ** 40)),
         (2 ** 1023 * 3, 2), (1, 2 ** 1070), (1, 2 ** 1200), (2 ** 2000, 3 ** 700)]
for _ in range(300):
    a = random.getrandbits(random.randint(1, 200)) - 2 ** 99
    b = random.getrandbits(random.randint(1, 200)) + 1
    cases.append((a, b if random.random() < 0.5 else -b))
for a, b in cases:
    try:
        print(repr(a / b))
    except OverflowError as e:
        print("OverflowError:", e)
for a, b in [(10 ** 400, 1), (2 ** 1024, 1), (10 ** 500, 10 ** 90)]:
    try:
        print(a / b)
    except OverflowError as e:
        print("OverflowError:", e)
