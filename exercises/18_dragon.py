# title: The dragon: down to two
# teaches: lost updates can compound: with the right interleaving, six
#   increments by two threads can leave the counter at just 2
# goal: invariant count > 2
# grain: op
# budget: 3000
# watch: count
# hint: a thread that has read count keeps its old value as long as you like;
#   when it finally writes, it wipes out everything done in the meantime
# hint: the last write decides the result, and a thread's last write is one
#   more than what it read last
# hint: plan it backwards: for the final write to be 2, the thread making it
#   must have read 1 -- who can have written 1 so late?
import threading

count = 0


def worker():
    global count
    for _ in range(3):
        count += 1


a = threading.Thread(target=worker)
b = threading.Thread(target=worker)
a.start()
b.start()
a.join()
b.join()
print("count =", count)
