# title: The guest nobody greeted
# teaches: a for loop over a list walks it by position; removing an item the
#   loop has already passed shifts the rest down, and the loop skips one
# goal: invariant all(guest in greeted for guest in guests)
# grain: op
# budget: 1500
# watch: guests, greeted
# hint: the host greets every guest on the list; meanwhile one guest leaves --
#   that is harmless before the host reaches cid, and after the host is done
# hint: the loop remembers only a position in the list, not which guest it
#   is at
import threading

guests = ["ann", "bob", "cid", "dee"]
greeted = []


def host():
    for guest in guests:
        greeted.append(guest)


def leaving():
    guests.remove("cid")


greeter = threading.Thread(target=host)
goodbye = threading.Thread(target=leaving)
greeter.start()
goodbye.start()
greeter.join()
goodbye.join()
print("greeted", greeted, "still here", guests)
