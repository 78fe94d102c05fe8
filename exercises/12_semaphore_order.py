# title: Waiting with the door locked
# teaches: with a bounded buffer, wait for the semaphore first and take the
#   mutex second; waiting while holding the mutex keeps out the very thread
#   that would end the wait
# goal: deadlock
# grain: op
# budget: 1500
# watch: buffer, items._value, spaces._value, mutex.locked()
# hint: spaces counts the free places in the buffer, items the filled ones;
#   acquire() on a semaphore at 0 waits until someone calls release()
# hint: compare the order of acquires in put() and in take()
import threading

buffer = []
mutex = threading.Lock()
spaces = threading.Semaphore(2)   # free places in the buffer
items = threading.Semaphore(0)    # filled places


def put(thing):
    spaces.acquire()
    with mutex:
        buffer.append(thing)
    items.release()


def take():
    with mutex:
        items.acquire()
        thing = buffer.pop(0)
    spaces.release()
    return thing


def producer():
    for thing in ["bread", "milk"]:
        put(thing)


def consumer():
    for _ in range(2):
        print("took", take())


baker = threading.Thread(target=producer)
shopper = threading.Thread(target=consumer)
baker.start()
shopper.start()
baker.join()
shopper.join()
