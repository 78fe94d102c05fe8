# title: Fix it: the last seat
# teaches: `if seat not in booked:` then `booked[seat] = ...` is check-then-act;
#   each dict operation is atomic, but the pair of them is not
# goal: fix len(tickets) == 1 and tickets[0] == booked["12A"]
# grain: op
# budget: 800
# watch: booked, tickets
# hint: two travellers try to book seat 12A; exactly one may get a ticket, and
#   it must be the one whose name is on the seat
# hint: what can happen to the dict between `not in` and the store?
# hint: a lock held only around the store does not help: the decision was made
#   before it was taken
import threading

booked = {}
tickets = []


def book(seat, name):
    if seat not in booked:
        booked[seat] = name
        tickets.append(name)
        print(name, "has seat", seat)
    else:
        print(name, "is told", seat, "is taken")


ann = threading.Thread(target=book, args=("12A", "Ann"))
raj = threading.Thread(target=book, args=("12A", "Raj"))
ann.start()
raj.start()
ann.join()
raj.join()
print("tickets:", tickets, "seat 12A:", booked["12A"])
