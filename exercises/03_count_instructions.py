# title: The lost update, one instruction at a time
# teaches: at instruction grain you can stop a thread between the read
#   (LOAD_ATTR hits) and the write (STORE_ATTR hits) of `self.hits += 1`
# goal: invariant page.hits == 4
# grain: op
# budget: 500
# watch: page.hits
# hint: each visitor adds one twice; to lose an update, two threads must read the
#   same value of hits before either writes it back
# hint: the read is LOAD_ATTR hits, the write is STORE_ATTR hits; everything
#   between them is private to the thread
import threading


class Page:
    def __init__(self):
        self.hits = 0

    def visit(self):
        self.hits += 1


page = Page()


def visitor():
    for _ in range(2):
        page.visit()


a = threading.Thread(target=visitor)
b = threading.Thread(target=visitor)
a.start()
b.start()
a.join()
b.join()
print("hits:", page.hits)
