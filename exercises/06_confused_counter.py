# title: The confused counter
# teaches: an assertion that "cannot fail" in any order of whole lines can fail
#   when the lines themselves are interleaved
# goal: exception
# grain: op
# budget: 800
# watch: first, second
# hint: both threads add one to first, then one to second; second can only be 2
#   after both threads passed the first line -- so first must be 2 by then?
# hint: an update to first can be lost, and the thread that loses it need not
#   be the one that checks
import threading

first = 0
second = 0


def step():
    global first, second
    first += 1
    second += 1
    if second == 2:
        assert first == 2, "second is 2 but first is not"


a = threading.Thread(target=step)
b = threading.Thread(target=step)
a.start()
b.start()
a.join()
b.join()
print("first =", first, "second =", second)
