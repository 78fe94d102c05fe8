# Lesson 15: the race detector -- a bug that hides in a run that looks right.
#
# What it teaches: two bank tellers pay money into the same account.  A
# deposit reads the balance, adds the amount and writes the new balance back
# -- a read-modify-write in two statements, with no lock.  Run it: the balance
# is right.  Run it again: right.  A hundred deposits each take a fraction of
# a millisecond, so the first teller is usually done before the second one
# starts, and the two never overlap.  The program is still wrong, and testing
# it by running it will not show that.  Two tools do:
#   - `gilt --race` watches every read and write of shared data and reports
#     two accesses from different threads, one of them a write, that nothing
#     orders (no lock, no join, no queue between them) -- even in a run whose
#     result was right.  It prints both stacks: where each thread touched
#     `balance`, and where each thread was made.  How to read the report:
#     docs/teaching-guide.md, "Reading a race report".
#   - `gilt --explore` runs the program under many schedules, switching
#     threads where it likes, and stops at the first one that fails the
#     assert: it shows the interleaving that loses a deposit.
# With `locked`, a deposit holds the account's lock from the read to the
# write: --race is silent, and no schedule fails.
# The detector is src/runtime/race.c (vector clocks: each lock, join or queue
# hand-over carries what the releasing thread had done to the acquiring one).
#
# What to run:
#     ./gilt lessons/15_the_race_detector.py                  right, by luck
#     ./gilt --race lessons/15_the_race_detector.py           WARNING: DATA RACE, exit 66
#     ./gilt --explore lessons/15_the_race_detector.py 2      the failing schedule
#     ./gilt lessons/15_the_race_detector.py 100000           GIL off: money vanishes
#     ./gilt --race lessons/15_the_race_detector.py 100 locked     silent
#     ./gilt --explore lessons/15_the_race_detector.py 2 locked    no failing schedule
#     ./gilt --stats lessons/15_the_race_detector.py 100 locked    short run, summary
# Arguments: deposits per teller (default 100) and `locked` for the fix.
#
# What to watch:
#   - The plain run: "balance 200 (expected 200)".  Ask the class: correct?
#   - The race report: "read/write conflict on attribute 'balance'", a read in
#     one teller and the earlier write in the other, both in deposit(), and
#     under each stack the line in teller() that called it.  The run's own
#     result above the report is still right.
#   - The explorer: one preemption between `balance = ...` and
#     `self.balance = ...` in one teller is enough to lose a deposit.
#   - With 100000 deposits and no GIL the overlap is no longer rare: the assert
#     fails and says how much money vanished.
#
# Under python3: the plain runs behave the same (with its GIL, even 100000
# deposits may well come out right); --race and --explore are gilt's.
#
# What to try next: the fix-it exercises (docs/exercises.md, "Fix it"): each is
# graded by --explore and --race together.
import sys
import threading


class Account:
    def __init__(self, balance):
        self.balance = balance
        self.lock = threading.Lock()

    def deposit(self, amount):
        balance = self.balance              # read ...
        self.balance = balance + amount     # ... and write: another deposit can come between

    def deposit_locked(self, amount):
        with self.lock:                     # no other deposit between the read and the write
            balance = self.balance
            self.balance = balance + amount


def teller(account, deposits, locked):
    pay_in = account.deposit_locked if locked else account.deposit
    for _ in range(deposits):
        pay_in(1)


def main():
    deposits = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    locked = len(sys.argv) > 2 and sys.argv[2] == "locked"
    account = Account(0)
    tellers = [threading.Thread(target=teller, args=(account, deposits, locked), name=f"teller {t}")
               for t in range(2)]
    for t in tellers:
        t.start()
    for t in tellers:
        t.join()
    expected = 2 * deposits
    how = "with the account's lock" if locked else "no lock"
    print(f"balance {account.balance:,} (expected {expected:,}), {how}")
    assert account.balance == expected, f"{expected - account.balance:,} vanished"


if __name__ == "__main__":
    main()
