# Lesson 16: the specializing interpreter -- instructions that learn.
#
# What it teaches: most of what `self.v`, `max(...)` or `self.bounce()` costs is
# finding out what to do: walking type(self).__mro__ for a descriptor before
# looking in the instance dict, probing the module's globals and then builtins.
# At one place in a program the answer is nearly always the one found last
# time.  So gilt, like CPython 3.11 (PEP 659), lets each such instruction
# remember its answer in an inline cache and rewrite itself into a specialized
# form -- LOAD_ATTR becomes LOAD_ATTR_INSTANCE, LOAD_GLOBAL becomes
# LOAD_GLOBAL_BUILTIN -- that checks one cheap guard ("is the class still what
# it was?": its version tag) and does only the rest.  Change the class and its
# tag is dropped: the caches stop matching, and after 16 misses an instruction
# goes back to its generic form, to specialize again later.  `-X specialize=0`
# keeps every instruction generic.  Two threads can run one specialized
# function at once: a hit only reads its cache, so they share it without
# writing to it (src/vm/specialize.c says how a rewrite stays safe).  The code
# is in src/vm/specialize.c (the tries), src/vm/eval_specialized.h (the
# specialized forms, each with its guard) and src/objects/typecache.c.
#
# What to run:
#     ./gilt lessons/16_specialization.py
#     ./gilt -X specialize=0 lessons/16_specialization.py     all stays generic
#     ./gilt --stats lessons/16_specialization.py 20000       short run
#     python3 lessons/16_specialization.py     times only (CPython 3.11
#         specializes too, and cannot be told not to)
# Arguments: the number of steps in each phase (default 1,000,000).
#
# What to watch:
#   - "steady": the time, then the instructions of Ball.fall now in a
#     specialized form, by line: the attribute reads and writes on self, the
#     method call, the property, the global GRAVITY, the builtin max, and
#     the float arithmetic (BINARY_OP_FLOAT_MUL and _ADD: two floats, no
#     questions about small ints or which operator).
#   - "a new method": Ball.bounce is replaced (by the same code), so the
#     class's tag changes.  20 steps later every instruction that guarded on
#     the class has gone back to generic (16 misses each).  `self.v` and
#     `self.y` were still served fast meanwhile -- nothing along the MRO is
#     named v or y, and the per-thread type cache says so -- but a hit for the
#     class the cache was filled for, under another tag, counts as a miss, so
#     that they too are specialized again under the new tag, as the rest of
#     the phase shows.
#   - "the class changes every step": the new bounce writes Ball.bounces on
#     every call, so no tag of the class lives past one step, and the method
#     call and the property keep going back.  The phase is slower than
#     "steady" -- the extra line, and lookups that start again each step --
#     and no faster than the same phase with -X specialize=0.
#   - With -X specialize=0 the lists are empty and the program does more
#     work: 1.13x the instructions over the whole run (callgrind, 100,000
#     steps per phase: 3.91G against 3.47G), most of it in "steady".  On a
#     busy machine one timing says little (we have seen anywhere from 0.7x to
#     1.6x): run each a few times.
#   - "2 threads": each runs Ball.fall on a ball of its own at the same time,
#     through the same caches; they still match when both are done.  (How long
#     it takes depends on the machine having two idle cores.)
#
# What to try next: give Ball a subclass with its own bounce and alternate
# balls of the two classes in one loop (a polymorphic site); look at --dis
# lessons/16_specialization.py (it shows the compiler's instructions, never
# the specialized ones).  Lesson 9: why the method call is cheap to count.
import sys
import threading
import time

try:
    import gilt
except ImportError:
    gilt = None      # python3: no gilt module (CPython's forms are its own)

GRAVITY = -9.8       # a global: LOAD_GLOBAL_MODULE
DT = 0.001


class Ball:
    bounciness = 0.9     # a class attribute (in bounce: LOAD_ATTR_CLASS)
    bounces = 0

    def __init__(self, height):
        self.y = height  # new attributes: these stores stay generic
        self.v = 0.0

    @property
    def energy(self):    # a property: LOAD_ATTR_PROPERTY
        return self.v * self.v / 2 - GRAVITY * self.y

    def bounce(self):
        if self.y < 0:
            self.y = -self.y
            self.v = -self.v * self.bounciness

    def fall(self, steps):               # the hot function
        top = 0.0
        for _ in range(steps):
            self.v = self.v + GRAVITY * DT
            self.y = self.y + self.v * DT
            self.bounce()                # a method call: LOAD_METHOD_CACHED
            top = max(top, self.energy)  # a builtin and a property
        return top


def bounce_again(self):                  # the same code in a new function, so
    if self.y < 0:                       # only the class changes.  Defined
        self.y = -self.y                 # before the run: a global added later
        self.v = -self.v * self.bounciness   # changes the module's tag too


def bounce_and_count(self):
    Ball.bounces += 1                    # a write to the class: a new tag
    if self.y < 0:
        self.y = -self.y
        self.v = -self.v * self.bounciness


def specialized():
    return gilt.specialized(Ball.fall) if gilt is not None else []


def show(forms):
    for line, generic, special in forms:
        print(f"    line {line}  {generic} -> {special}")


def gone_back(before, after):
    left = list(after)
    gone = []
    for form in before:
        if form in left:
            left.remove(form)
        else:
            gone.append(form)
    for line, generic, special in gone:
        print(f"    line {line}  {special} -> {generic} again")


def report(what, seconds, tail=""):
    if gilt is None:
        tail = ""                        # python3: nothing to count
    print(f"{what:30s}{seconds:5.2f}s  {tail}".rstrip())


def timed(ball, steps):
    start = time.perf_counter()
    ball.fall(steps)
    return time.perf_counter() - start


def mode():
    if gilt is None:
        return "CPython"
    return "specialization on" if specialized() else "specialization off"


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    ball = Ball(10.0)
    ball.fall(1000)                      # warm up: the tries happen here
    print(f"{mode()}; {steps:,} steps of a falling ball a phase")

    steady = timed(ball, steps)
    forms = specialized()
    report("steady", steady, f"{len(forms)} specialized in Ball.fall" + (":" if forms else ""))
    show(forms)

    Ball.bounce = bounce_again
    ball.fall(20)
    print("a new method: Ball.bounce = bounce_again; 20 steps later:")
    gone_back(forms, specialized())
    rest = timed(ball, steps)
    report("  the rest of the phase", rest, f"{len(specialized())} specialized")

    Ball.bounce = bounce_and_count
    every = timed(ball, steps)
    report("the class changes every step", every, f"{len(specialized())} specialized now")

    Ball.bounce = bounce_again           # (two threads counting in Ball would race)
    balls = [Ball(10.0), Ball(20.0)]
    workers = [threading.Thread(target=b.fall, args=(steps,)) for b in balls]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    both = time.perf_counter() - start
    report("2 threads, a ball each", both, f"{len(specialized())} specialized")


if __name__ == "__main__":
    main()
