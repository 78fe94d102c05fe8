# title: After you! No, after you!
# teaches: a livelock: nobody is blocked and both threads keep working, yet
#   neither gets anywhere, because they keep reacting to each other in step
# goal: livelock
# grain: line
# budget: 80
# watch: side, passed
# hint: two people meet in a corridor; whoever finds the other on the same side
#   steps to the other side and looks again
# hint: if one of them is a little faster than the other, both get past -- so
#   never let one get ahead
# hint: real programs break the dance by waiting a random while before trying
#   again (random back-off)
import threading

side = {"ann": "left", "bob": "left"}
passed = []


def walk(me, other):
    while side[me] == side[other]:                             # in the way
        side[me] = "right" if side[me] == "left" else "left"   # step aside
    passed.append(me)


ann = threading.Thread(target=walk, args=("ann", "bob"))
bob = threading.Thread(target=walk, args=("bob", "ann"))
ann.start()
bob.start()
ann.join()
bob.join()
print(passed, "got past")
