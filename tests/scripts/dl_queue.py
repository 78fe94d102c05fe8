# The producer forgot to put the end marker: the consumer waits for an item forever
# while the main thread joins it.  gilt reports what each thread waits for.
import threading
import queue

q = queue.Queue()

def consumer():
    while True:
        item = q.get()
        if item is None:
            break
        print("got", item)

t = threading.Thread(target=consumer, name="consumer")
t.start()
for i in range(3):
    q.put(i)
t.join()
