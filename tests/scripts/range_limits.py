# gilt's ranges count in 64 bits (docs/language.md): a range whose bounds or length
# do not fit is refused when it is made, with an OverflowError, never a wrong answer
# or a SystemError.  list() and extend() of a range allocate its length at once.
def attempt(label, f):
    try:
        print(label, f())
    except (OverflowError, MemoryError) as e:
        print(label, type(e).__name__, e)

attempt("len 2**63 - 1:", lambda: len(range(-2**62, 2**62 - 1)))
attempt("len 2**63:", lambda: len(range(-2**62, 2**62)))
attempt("list of 2**63:", lambda: list(range(-2**62, 2**62)))
attempt("negative step:", lambda: len(range(2**62, -2**62, -1)))
attempt("slice step overflows:", lambda: range(0, 2**62, 2**61)[::4])
attempt("slice ok:", lambda: range(0, 2**62, 2**61)[::-1])
attempt("last item:", lambda: range(0, 2**63 - 1)[-1])
attempt("too many to hold:", lambda: list(range(10**12)))

xs = list(range(5, 10))
print(xs, len(xs))
xs.extend(range(3))
print(xs)
xs += range(10, 7, -1)
print(xs)
print(list(range(0)), list(range(3, 3)), list(reversed(range(4))))
big = list(range(1_000_000, 1_000_000 + 200_000))
print(len(big), big[0], big[-1], sum(big))
