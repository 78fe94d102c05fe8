# title: It was not empty a moment ago
# teaches: q.empty() describes the past: between the check and q.get() another
#   thread can take the last item, and then get() waits forever
# goal: deadlock
# grain: op
# budget: 1500
# watch: tickets.qsize(), sold
# hint: both sellers check that there are tickets left before taking one
# hint: q.get() blocks while the queue is empty -- and nobody will put another
#   ticket in
# hint: the safe way: q.get_nowait() inside try/except queue.Empty
import queue
import threading

tickets = queue.Queue()
for seat in ["A1", "A2"]:
    tickets.put(seat)
sold = []


def seller():
    while not tickets.empty():
        seat = tickets.get()
        sold.append(seat)


desk1 = threading.Thread(target=seller)
desk2 = threading.Thread(target=seller)
desk1.start()
desk2.start()
desk1.join()
desk2.join()
print("sold:", sold)
