# title: One line, three steps
# teaches: `count += 1` is one line but three steps -- read count, add one, write
#   it back; a switch between the read and the write loses an update
# goal: invariant count == 2
# grain: line
# budget: 200
# watch: count
# hint: at line grain a whole line runs in one step, and then every update
#   survives: try it
# hint: press e on a thread's `count += 1` line to expand it into its
#   instructions; then you can stop a thread in the middle of the line
# hint: what does the second thread read if the first has read count but not yet
#   stored it?
import threading

count = 0


def add_one():
    global count
    count += 1


first = threading.Thread(target=add_one)
second = threading.Thread(target=add_one)
first.start()
second.start()
first.join()
second.join()
print("count =", count)
