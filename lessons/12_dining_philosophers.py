# Lesson 12: deadlock -- the dining philosophers.
#
# What it teaches: five philosophers sit at a round table with one fork between
# each pair of neighbours.  To eat, a philosopher needs both forks: each picks
# up the left one, then the right one (two threading.Locks, one after the
# other).  If all five pick up their left fork at the same moment, every right
# fork is already in a neighbour's hand: each waits for the next one round the
# table, in a cycle, and nobody ever eats.  That is a deadlock: a cycle in the
# "waits for" graph.  It needs only this: locks taken in different orders by
# different threads.  The script makes the unlucky moment certain: on the first
# meal nobody reaches for a second fork until everyone has a first one in hand
# or is waiting for it.
#
# gilt notices when every thread is asleep on a lock that another of them holds
# (its deadlock watcher, src/runtime/deadlock.c), prints who waits for what and
# who holds it, and exits with status 1.  python3 would hang for ever; under
# python3 this script gives up after a few seconds instead and says so.
#
# The fix, with the argument `ordered`: number the forks and always pick up the
# lower-numbered one first.  Philosopher 4's forks are 4 and 0, so it reaches
# for fork 0 first -- and the cycle cannot close.  Everyone eats.
#
# What to run:
#     ./gilt lessons/12_dining_philosophers.py                the deadlock report, exit 1
#     ./gilt lessons/12_dining_philosophers.py 20 ordered     everyone eats
#     ./gilt --dash lessons/12_dining_philosophers.py 2000 ordered   15-20 s
#     ./gilt --stats lessons/12_dining_philosophers.py 20 ordered   short run, summary
# Arguments: meals per philosopher (default 2,000) and `ordered` for the fix.
#
# What to watch:
#   - The report, from the top: "Deadlock: every thread is waiting", then a
#     few lines per philosopher: where it waits, the fork (the lock, named by
#     the line that made it) it waits for, and which philosopher holds that fork
#     -- follow the holders round the table and you are back where you began.
#     MainThread waits for philosopher 0 to finish.
#   - With `ordered` on the dashboard: the locks panel lists the forks
#     (lock@12_dining_philosophers.py:56), each acquired thousands of times,
#     a fifth to a third of them after a wait; the philosophers' rows show
#     patches of red (waiting for a fork) -- five eaters, five forks: at most
#     two eat at once.  The output panel prints the meals when all are done.
#
# What to try next: exercises/08_two_locks.py (make a deadlock yourself in the
# stepper) and exercises/24_two_forks.py (fix one); or remove the "everyone at
# once" step (the call of sit_down): with 5 meals each the naive table usually
# gets through, with 20 it often deadlocks, with 200 nearly always -- the
# unlucky moment is only a matter of time.
import sys
import threading

try:
    import gilt                       # gilt's own module: present only under gilt
except ImportError:
    gilt = None

PHILOSOPHERS = 5
forks = [threading.Lock() for _ in range(PHILOSOPHERS)]
meals_eaten = [0] * PHILOSOPHERS

# The stage direction: on the first meal, nobody reaches for a second fork until
# all five have a first one in hand or are waiting for it.
seated = 0
table = threading.Condition()


def sit_down(waits_for_others):
    global seated
    with table:
        seated += 1
        table.notify_all()
        if waits_for_others:
            table.wait_for(lambda: seated == PHILOSOPHERS)


def busy(steps):
    x = 0
    for _ in range(steps):
        x += 1


def philosopher(i, meals, ordered):
    left, right = i, (i + 1) % PHILOSOPHERS
    first, second = (min(left, right), max(left, right)) if ordered else (left, right)
    for meal in range(meals):
        got = forks[first].acquire(blocking=False)
        if meal == 0:
            sit_down(waits_for_others=got)
        if not got:
            forks[first].acquire()
        with forks[second]:           # the naive table waits here for ever
            busy(10_000)              # eat
            meals_eaten[i] += 1
        forks[first].release()
        busy(10_000)                  # think, with no fork in hand


def main():
    meals = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    ordered = len(sys.argv) > 2 and sys.argv[2] == "ordered"
    how = "lower fork first" if ordered else "left fork, then right"
    print(f"{PHILOSOPHERS} philosophers, {meals:,} meals each")
    print(f"forks: {how}")
    sys.stdout.flush()                # the deadlock report ends the program
    threads = [threading.Thread(target=philosopher, args=(i, meals, ordered),
                                name=f"philosopher {i}", daemon=True)
               for i in range(PHILOSOPHERS)]
    for t in threads:
        t.start()
    # gilt reports a deadlock by itself; python3 would wait for ever, so there
    # the main thread gives up after a few seconds
    patience = None if gilt else 5.0
    for t in threads:
        t.join(patience)
        if t.is_alive():
            print(f"stuck: {t.name} has not finished after {patience:.0f} s")
            print(f"forks in a hand: {sum(f.locked() for f in forks)} of {PHILOSOPHERS}")
            sys.stdout.flush()
            raise SystemExit(1)
    print(f"{sum(meals_eaten):,} meals eaten")
    print(f"each: {meals_eaten}")
    assert meals_eaten == [meals] * PHILOSOPHERS


if __name__ == "__main__":
    main()
