# title: Fix it: the ticket counter
# teaches: `sold += 1` on a shared global is a read, an add and a write; two
#   box offices can read the same number, and one sale is never counted
# goal: fix sold == 4
# grain: op
# budget: 600
# watch: sold
# hint: run `gilt --explore` on this file and open the schedule it saves in
#   the stepper: where was each box office switched out, and what had it read?
# hint: the read (LOAD_GLOBAL sold) and the write (STORE_GLOBAL sold) of one
#   sale must not have another office's sale between them
# hint: which piece of code must run in one go, with no other office in the
#   middle -- and what in threading can make the other office wait for it?
import threading

sold = 0


def box_office(name):
    global sold
    for _ in range(2):
        sold += 1
    print(name, "closes")


north = threading.Thread(target=box_office, args=("north",))
south = threading.Thread(target=box_office, args=("south",))
north.start()
south.start()
north.join()
south.join()
print("tickets sold:", sold)
