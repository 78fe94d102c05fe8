#!/bin/sh
# race_tests.sh -- gilt --race, the happens-before race detector: true positives
# (a global, an attribute, a list item, a dict key, a closure, appends against a
# loop, lesson 2's UnsafeCounter) with the GIL off and on and under the controlled
# scheduler, whose report ends with a schedule that, replayed, reports the same race;
# and no false positives on synchronised programs (locks, joins, RLock, Condition,
# Semaphore, Event, Barrier, queues, futures, the seed examples, the th_* scripts,
# reused addresses).  No test depends on timing: happens-before does not need the
# accesses to overlap, so each verdict holds under any OS schedule.
# Ends with "race: N passed, M failed".
GILT=${GILT:-$(pwd)/gilt}
SRCDIR=${SRCDIR:-$(pwd)}
TMP=${TMPDIR:-/tmp}/gilt-race.$$
mkdir -p "$TMP"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# run NAME ARGS...: stdout into $TMP/NAME.out, stderr into $TMP/NAME.err, status $st
run() {
    name=$1
    shift
    "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
    st=$?
}
# racy NAME WHAT LINE ARGS...: a report on WHAT at LINE, status 66
racy() {
    name=$1 what=$2 line=$3
    shift 3
    run "$name" "$@"
    if [ $st -eq 66 ] && grep -q "^WARNING: DATA RACE" "$TMP/$name.err" && grep -q "$what" "$TMP/$name.err" &&
        grep -q "$line" "$TMP/$name.err" && grep -q "^gilt --race: found [0-9]* data race" "$TMP/$name.err"; then
        ok
    else
        bad "$name: expected a race on $what at $line, status 66; got status $st: $(head -c 600 "$TMP/$name.err" | tr '\n' '|')"
    fi
}
# clean NAME ARGS...: with --race, no report, and the output (if SAME_OUTPUT) and
# status of the same run without it
clean() {
    cname=$1
    shift
    run "$cname" "$GILT" --race "$@"
    race_st=$st
    cp "$TMP/$cname.out" "$TMP/$cname.race"
    run "$cname.plain" "$GILT" "$@"
    if grep -q "DATA RACE\|gilt --race" "$TMP/$cname.err"; then
        bad "$cname: false report: $(head -c 600 "$TMP/$cname.err" | tr '\n' '|')"
    elif [ $race_st -ne $st ]; then
        bad "$cname: status $race_st with --race, $st without"
    elif [ -n "$SAME_OUTPUT" ] && ! cmp -s "$TMP/$cname.race" "$TMP/$cname.plain.out"; then
        bad "$cname: output differs with --race"
    else
        ok
    fi
}

# ---- true positives ----
cat >"$TMP/count.py" <<'PY'
import threading
count = 0
def work():
    global count
    for _ in range(50):
        count += 1
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print("done")
PY
cat >"$TMP/attr.py" <<'PY'
import threading
class Account:
    def __init__(self):
        self.balance = 0
acct = Account()
def work():
    for _ in range(20):
        acct.balance = acct.balance + 1
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
PY
cat >"$TMP/item.py" <<'PY'
import threading
lst = [0]
def work():
    for _ in range(20):
        lst[0] += 1
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
PY
cat >"$TMP/key.py" <<'PY'
import threading
d = {"hits": 0}
def work():
    for _ in range(20):
        d["hits"] = d["hits"] + 1
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
PY
cat >"$TMP/closure.py" <<'PY'
import threading
def make():
    n = 0
    def bump():
        nonlocal n
        n += 1
    return bump
bump = make()
def work():
    for _ in range(20):
        bump()
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
PY
cat >"$TMP/append.py" <<'PY'
import threading
shared = []
def producer():
    for i in range(20):
        shared.append(i)
def reader():
    total = 0
    for x in shared:
        total += x
t1 = threading.Thread(target=producer)
t2 = threading.Thread(target=reader)
t1.start(); t2.start()
t1.join(); t2.join()
PY
cat >"$TMP/unjoined.py" <<'PY'
import threading
result = None
def work():
    global result
    result = 42
t = threading.Thread(target=work)
t.start()
print(result is None or result == 42)
t.join()
PY
cp "$SRCDIR/lessons/02_the_lost_update.py" "$TMP/lesson2.py"
cat >"$TMP/unsafe.py" <<'PY'
import lesson2
print(lesson2.run(lesson2.UnsafeCounter, 2, 50) <= 100)
PY

for gil in 0 1; do
    racy count$gil "global 'count'" "count.py:6 work" "$GILT" -X gil=$gil --race "$TMP/count.py"
    racy attr$gil "attribute 'balance' of an Account object" "attr.py:8 work" "$GILT" -X gil=$gil --race "$TMP/attr.py"
    racy item$gil "item \[0\] of a list" "item.py:5 work" "$GILT" -X gil=$gil --race "$TMP/item.py"
    racy key$gil "key 'hits' of a dict" "key.py:5 work" "$GILT" -X gil=$gil --race "$TMP/key.py"
    racy closure$gil "closure variable 'n'" "closure.py:6 bump" "$GILT" -X gil=$gil --race "$TMP/closure.py"
    racy append$gil "the contents of a list" "append.py:5 producer" "$GILT" -X gil=$gil --race "$TMP/append.py"
    racy unjoined$gil "global 'result'" "unjoined.py:5 work" "$GILT" -X gil=$gil --race "$TMP/unjoined.py"
    racy unsafe$gil "attribute 'count' of an UnsafeCounter object" "lesson2.py:42 increment" \
        "$GILT" -X gil=$gil --race "$TMP/unsafe.py"
done
# check-then-act on a dict: `k in d` reads key k, racing with the other's store
cat >"$TMP/signup.py" <<'PY'
import threading
users = {}
def sign_up(name, who):
    if name not in users:
        users[name] = who
ts = [threading.Thread(target=sign_up, args=("ada", w)) for w in ("Ann", "Bea")]
for t in ts: t.start()
for t in ts: t.join()
PY
# a store to a list item races with an unordered loop over the list
cat >"$TMP/storeloop.py" <<'PY'
import threading
items = [0, 0, 0]
def writer():
    items[1] = 5
def reader():
    return sum(x for x in items)
ts = [threading.Thread(target=writer), threading.Thread(target=reader)]
for t in ts: t.start()
for t in ts: t.join()
PY
# stores to different keys of one dict are atomic writes of its contents: no race
cat >"$TMP/twokeys.py" <<'PY'
import threading
d = {}
def put(k):
    d[k] = k * 2
ts = [threading.Thread(target=put, args=(k,)) for k in ("a", "b")]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(d.items()))
PY
racy signup "key 'ada' of a dict" "signup.py:4 sign_up" "$GILT" --race "$TMP/signup.py"
racy storeloop "the contents of a list" "storeloop.py:4 writer" "$GILT" --race "$TMP/storeloop.py"
SAME_OUTPUT=1 clean twokeys "$TMP/twokeys.py"
# a class attribute is a location of its class
cat >"$TMP/clsattr.py" <<'PY'
import threading
class Counter:
    count = 0
def add():
    Counter.count += 1
ts = [threading.Thread(target=add) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
PY
racy clsattr "attribute 'count' of class Counter" "clsattr.py:5 add" "$GILT" --race "$TMP/clsattr.py"
# polling a queue's empty() orders what the producer did before its put
cat >"$TMP/qpoll.py" <<'PY'
import threading, queue, time
q = queue.Queue()
box = {}
def producer():
    box["v"] = 42
    q.put(0)
t = threading.Thread(target=producer)
t.start()
while q.empty():
    time.sleep(0.001)
print(box["v"])
t.join()
PY
SAME_OUTPUT=1 clean qpoll "$TMP/qpoll.py"
clean qpollseed --seed 1 "$TMP/qpoll.py"
# the report's parts: both stacks, the threads' names and where they were started
if grep -q "^Previous .* by thread T[12] (Thread-[12] (work)):" "$TMP/count0.err" &&
    grep -q "^Thread T[12] (Thread-[12] (work)) (created at):" "$TMP/count0.err" &&
    grep -q "count.py:8 <module>" "$TMP/count0.err"; then ok; else bad "report parts: $(tr '\n' '|' <"$TMP/count0.err")"; fi
# one report per pair of places, however many times the loop races
if [ "$(grep -c '^WARNING: DATA RACE' "$TMP/count0.err")" = 1 ]; then ok; else bad "count: more than one report"; fi
# (inside a lesson's module: the stack has the caller's frames too)
if grep -q "lesson2.py:58 hammer" "$TMP/unsafe0.err"; then ok; else bad "unsafe: no outer frame"; fi
# a program that fails keeps its own status
cat >"$TMP/fails.py" <<'PY'
import threading
count = 0
def work():
    global count
    count += 1
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
raise SystemExit(3)
PY
run fails "$GILT" --race "$TMP/fails.py"
if [ $st -eq 3 ] && grep -q "DATA RACE" "$TMP/fails.err"; then ok; else bad "fails: status $st"; fi

# ---- controlled runs: the report ends with the schedule; replaying it reports the same ----
for gil in 0 1; do
    racy seeded$gil "global 'count'" "count.py:6 work" "$GILT" -X gil=$gil --seed 1 --race "$TMP/count.py"
    cmd=$(grep "^  gilt --race.* --schedule '[0-9*,]*' " "$TMP/seeded$gil.err" | head -1 | sed 's/^  gilt //')
    if [ -n "$cmd" ]; then ok; else bad "seeded$gil: no reproducing command: $(tr '\n' '|' <"$TMP/seeded$gil.err")"; fi
    sched=$(echo "$cmd" | sed "s/.*--schedule '\([^']*\)'.*/\1/")
    run replay$gil "$GILT" -X gil=$gil --race --schedule "$sched" "$TMP/count.py"
    a=$(sed -n '/^WARNING/,/^Thread/p' "$TMP/seeded$gil.err" | head -8)
    b=$(sed -n '/^WARNING/,/^Thread/p' "$TMP/replay$gil.err" | head -8)
    if [ $st -eq 66 ] && [ -n "$a" ] && [ "$a" = "$b" ]; then ok; else bad "replay$gil: status $st, a different report: $b"; fi
done

# ---- no false positives ----
cat >"$TMP/locked.py" <<'PY'
import threading
count = 0
lock = threading.Lock()
rlock = threading.RLock()
d = {}
lst = [0]
class Box:
    pass
box = Box()
box.v = 0
def work():
    global count
    for _ in range(30):
        with lock:
            count += 1
        with rlock:
            with rlock:
                d["k"] = d.get("k", 0) + 1
                lst[0] += 1
                box.v += 1
ts = [threading.Thread(target=work) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(count, d, lst, box.v)
PY
cat >"$TMP/sync.py" <<'PY'
import threading
# Condition wait/notify
items = []
cond = threading.Condition()
def consumer():
    with cond:
        while not items:
            cond.wait()
    return items[0]
def producer():
    with cond:
        items.append(1)
        cond.notify()
c = threading.Thread(target=consumer); p = threading.Thread(target=producer)
c.start(); p.start(); c.join(); p.join()
# Event set -> wait, and is_set
data = {}
ev = threading.Event()
def setter():
    data["x"] = 1
    ev.set()
def waiter():
    ev.wait()
    data["y"] = data["x"] + 1
s = threading.Thread(target=setter); w = threading.Thread(target=waiter)
w.start(); s.start(); s.join(); w.join()
ev2 = threading.Event()
flag = [0]
def setter2():
    flag[0] = 1
    ev2.set()
def poller():
    while not ev2.is_set():
        pass
    flag[0] += 1
a = threading.Thread(target=setter2); b = threading.Thread(target=poller)
b.start(); a.start(); a.join(); b.join()
# Semaphore
sem = threading.Semaphore(1)
tally = [0]
def sem_work():
    for _ in range(10):
        with sem:
            tally[0] += 1
ts = [threading.Thread(target=sem_work) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
# Barrier: each writes its slot, then after the barrier reads the others'
bar = threading.Barrier(3)
slots = {}
def phase(k):
    slots[k] = k * 10
    bar.wait()
    total = sum(slots[j] for j in range(3))
    assert total == 30
ts = [threading.Thread(target=phase, args=(k,)) for k in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(items, data, flag, tally, slots)
PY
cat >"$TMP/queues.py" <<'PY'
import threading, queue
from concurrent.futures import ThreadPoolExecutor
q = queue.Queue()
done = queue.Queue()
class Job:
    def __init__(self, n):
        self.n = n
        self.result = None
def worker():
    while True:
        job = q.get()
        if job is None:
            break
        job.result = job.n * job.n
        done.put(job)
ws = [threading.Thread(target=worker) for _ in range(3)]
for w in ws: w.start()
for i in range(12):
    q.put(Job(i))
results = sorted(done.get().result for _ in range(12))
for w in ws: q.put(None)
for w in ws: w.join()
print(results)
# futures: the task's writes are visible through result()
box = {}
def task(k):
    box[k] = k + 1
    return k
with ThreadPoolExecutor(max_workers=3) as ex:
    futs = [ex.submit(task, k) for k in range(6)]
    vals = [f.result() for f in futs]
print(vals, [box[k] for k in range(6)])
# task_done -> join
jq = queue.Queue()
out = []
def drain():
    while True:
        x = jq.get()
        out.append(x)
        jq.task_done()
threading.Thread(target=drain, daemon=True).start()
for i in range(5):
    jq.put(i)
jq.join()
print(len(out))
PY
cat >"$TMP/reuse.py" <<'PY'
import threading
# each thread makes and drops its own objects: addresses are reused between the
# threads, and the old shadow must not be inherited
class Obj:
    pass
def work(k):
    for i in range(300):
        o = Obj()
        o.v = i
        o.v += 1
        l = [i]
        l[0] += 1
        d = {"a": i}
        d["a"] += 1
ts = [threading.Thread(target=work, args=(k,)) for k in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print("ok")
PY
cat >"$TMP/joined.py" <<'PY'
import threading
result = []
def work(k):
    result.append(k)
ts = [threading.Thread(target=work, args=(k,)) for k in range(3)]
for t in ts: t.start()
for t in ts: t.join()
for t in ts: t.join()     # joining a finished thread again
print(sorted(result), len(result))
PY
cat >"$TMP/safe.py" <<'PY'
import lesson2
print(lesson2.run(lesson2.SafeCounter, 4, 100))
PY

SAME_OUTPUT=1
for gil in 0 1; do
    clean locked$gil -X gil=$gil "$TMP/locked.py"
    clean sync$gil -X gil=$gil "$TMP/sync.py"
    clean queues$gil -X gil=$gil "$TMP/queues.py"
    clean reuse$gil -X gil=$gil "$TMP/reuse.py"
    clean joined$gil -X gil=$gil "$TMP/joined.py"
    clean safe$gil -X gil=$gil "$TMP/safe.py"
done
for seed in 1 2 3; do
    clean seed_locked$seed --seed $seed "$TMP/locked.py"
    clean seed_sync$seed --seed $seed "$TMP/sync.py"
    clean seed_queues$seed --seed $seed "$TMP/queues.py"
done
# the seed examples and the threading scripts (output compared where it does not
# depend on the OS schedule: the scripts' own expected files say so)
SAME_OUTPUT=
for f in "$SRCDIR"/tests/examples/seed_threads.py "$SRCDIR"/tests/examples/seed_benchmark.py "$SRCDIR"/tests/scripts/th_*.py; do
    n=$(basename "$f" .py)
    clean "$n" "$f"
    exp="${f%.py}.expected"
    [ -f "$exp" ] || exp="${f%.py}.out"
    if [ -f "$exp" ]; then
        if cmp -s "$TMP/$n.race" "$exp"; then ok; else bad "$n: output differs from $(basename "$exp")"; fi
    fi
done
# seed_counters.py has both halves: the UnsafeCounter's race is reported, the
# SafeCounter's increments are not
run seed_counters "$GILT" --race "$SRCDIR/tests/examples/seed_counters.py"
if [ $st -eq 66 ] && grep -q "UnsafeCounter object" "$TMP/seed_counters.err" && ! grep -q "SafeCounter object" "$TMP/seed_counters.err"; then
    ok
else
    bad "seed_counters: status $st: $(head -c 400 "$TMP/seed_counters.err" | tr '\n' '|')"
fi

# ---- off: nothing changes ----
run off "$GILT" "$TMP/count.py"
if [ $st -eq 0 ] && [ ! -s "$TMP/off.err" ]; then ok; else bad "without --race: status $st"; fi

rm -rf "$TMP"
echo "race: $pass passed, $fail failed"
[ $fail -eq 0 ]
