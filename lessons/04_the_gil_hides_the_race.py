# Lesson 4: the GIL hides the race -- it does not remove it.
#
# What it teaches: two threads each add 1 to a global counter, with
# `count += 1`: a read, an add and a write (lesson 0).  With the GIL on, the
# count comes out right run after run: gilt switches threads only at calls and
# loop jumps, never in the middle of `+=`, and CPython 3.11 behaves alike for
# this program.  So is the program correct?  No: it is lucky.  Three tools say
# so, each in its own way:
#   - without the GIL, the same program loses updates (the assert at the end
#     fails);
#   - `gilt --race` reports a data race even with the GIL on: the two threads
#     touch `count` with nothing ordering one thread's write before the
#     other's read -- a lock, a join, a queue would.  The GIL is no such edge:
#     it decides who runs now, and promises nothing about the next switch;
#   - `gilt --explore` runs the program under many schedules, one thread at a
#     time, switching wherever it likes -- also in the middle of `+=` -- and
#     stops at the first one that fails the assert.  It saves that schedule,
#     and the stepper opens it.
# With the argument `locked`, the increment is done under a threading.Lock:
# right without the GIL, no race, no failing schedule.
#
# What to run:
#     ./gilt -X gil=1 lessons/04_the_gil_hides_the_race.py         right, by luck
#     ./gilt lessons/04_the_gil_hides_the_race.py                  GIL off: usually lost
#     ./gilt -X gil=1 --race lessons/04_the_gil_hides_the_race.py  WARNING: DATA RACE
#     ./gilt --explore lessons/04_the_gil_hides_the_race.py 2      the interleaving
#     ./gilt --step --schedule lessons/04_the_gil_hides_the_race.py.fail.sched \
#         lessons/04_the_gil_hides_the_race.py 2                  step through it
#     ./gilt lessons/04_the_gil_hides_the_race.py 20000 locked     the fix
#     ./gilt --race lessons/04_the_gil_hides_the_race.py 3 locked  no race
#     ./gilt --explore lessons/04_the_gil_hides_the_race.py 2 locked
#                                                                  no failing schedule
# Arguments: the increments per thread (default 20,000; a larger count such as
# 200000 loses more without the GIL) and `locked` for the fixed version.  Give
# --explore a count of 2 or 3: it runs the program thousands of times, one step
# at a time, and a run of the default size does not even fit in its step budget.
#
# What to watch:
#   - With -X gil=1: "lost 0", every time.  Without: the assert fails and says
#     how many updates vanished -- a different number each run.
#   - The race report: two stacks, both at the line `count += 1`, one a read
#     and one a write, in two threads; and the threads' creation sites.  The
#     GIL being on changes nothing in the report.
#   - The explorer's account: a table with one column per thread, the reads and
#     writes of `count` in the order they ran, and a "-- switch --" where a
#     thread was switched out.  One thread reads count, is switched out, the
#     other thread adds, and the first writes back a value computed from what
#     it had read: the other thread's update is lost.  One preemption is enough.
#
# What to try next: the fix-it exercises (exercises/20_ticket_counter.py is
# this bug in a ticket office): `gilt --check` grades a fix by searching its
# schedules and running the race detector.  Lesson 2 measures the cost of the
# lock on the dashboard.
import sys
import threading

count = 0
count_lock = threading.Lock()


def add_unsafely(n):
    global count
    for _ in range(n):
        count += 1                # read, add, write: another thread can come between


def add_locked(n):
    global count
    for _ in range(n):
        with count_lock:          # nobody else reads or writes count meanwhile
            count += 1


def gil_state():
    # sys._is_gil_enabled() is gilt's and CPython 3.13's; older Pythons always have the GIL
    gil_is_on = getattr(sys, "_is_gil_enabled", lambda: True)()
    return "GIL on" if gil_is_on else "GIL off"


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    locked = len(sys.argv) > 2 and sys.argv[2] == "locked"
    work = add_locked if locked else add_unsafely
    threads = [threading.Thread(target=work, args=(n,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expected = 2 * n
    version = "with a lock" if locked else "count += 1 unlocked"
    print(f"{gil_state()}, {version}: 2 threads x {n:,} increments -> "
          f"count = {count:,} (lost {expected - count:,})")
    assert count == expected, f"lost {expected - count:,} of {expected:,} updates"


if __name__ == "__main__":
    main()
