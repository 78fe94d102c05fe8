# title: Is this name taken?
# teaches: `if name not in users:` then `users[name] = ...` is check-then-act:
#   the dict can change between the check and the act
# goal: invariant len(welcomed) == 1
# grain: op
# budget: 600
# watch: users, welcomed
# hint: two people sign up for the same user name; only the first should be
#   welcomed, the second should be told the name is taken
# hint: every dict operation is atomic on its own -- the trouble is the gap
#   between two of them
import threading

users = {}
welcomed = []


def sign_up(name, person):
    if name not in users:
        users[name] = person
        welcomed.append(person)
    else:
        print(person, "-- sorry,", name, "is taken")


ann = threading.Thread(target=sign_up, args=("ada", "Ann"))
bea = threading.Thread(target=sign_up, args=("ada", "Bea"))
ann.start()
bea.start()
ann.join()
bea.join()
print("welcomed:", welcomed, "users:", users)
