# Lesson 0: why `count += 1` is not atomic.
#
# What it teaches: a single line of Python is several bytecode instructions.  Between
# any two of them another thread may run, so two threads can both read the old
# value of a counter and both write back old + 1 -- one increment is lost.
#
# What to run:
#     ./gilt lessons/00_count_is_not_atomic.py         run it
#     ./gilt --dis lessons/00_count_is_not_atomic.py   see the bytecode of increment()
#
# What to watch: in the disassembly of `increment`, the line `self.count += 1` is
#     LOAD_FAST self / DUP_TOP / LOAD_ATTR count / LOAD_CONST 1 / INPLACE_OP += /
#     ROT_TWO / STORE_ATTR count
# -- a read, an add and a write, each a separate step.
#
# What to try next: lesson 2 (the lost update) runs this counter from four threads
# with the GIL off and counts the updates that vanish.


class Counter:
    def __init__(self):
        self.count = 0

    def increment(self):
        self.count += 1


def main():
    counter = Counter()
    for _ in range(100_000):
        counter.increment()
    print("one thread, 100000 increments ->", counter.count)
    print("Run with --dis to see the separate read, add and write steps of `self.count += 1`.")


if __name__ == "__main__":
    main()
