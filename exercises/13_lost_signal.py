# title: The lost wake-up call
# teaches: an Event is a flag, not a count: a set() that comes just before a
#   clear() is wiped out, and a thread waiting for it waits forever
# goal: deadlock
# grain: op
# budget: 1500
# watch: letters, delivered, mail.is_set()
# hint: the postman sets the flag after each letter; the clerk empties the box,
#   then lowers the flag and waits for it to go up again
# hint: what if a letter arrives after the clerk looked in the box but before
#   the clerk lowered the flag?
# hint: the clerk should clear() first and look in the box after
import threading

letters = []
delivered = []
mail = threading.Event()


def clerk():
    while len(delivered) < 2:
        mail.wait()
        while letters:
            delivered.append(letters.pop(0))
        mail.clear()
    print("delivered", delivered)


def postman():
    for letter in ["bill", "postcard"]:
        letters.append(letter)
        mail.set()


office = threading.Thread(target=clerk)
rounds = threading.Thread(target=postman)
office.start()
rounds.start()
office.join()
rounds.join()
