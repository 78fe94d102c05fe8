# title: Who goes first?
# teaches: you are the scheduler: a thread runs only when you pick it, so
#   "started first" does not mean "runs first"
# goal: invariant said == ["hello", "world"]
# grain: op
# budget: 200
# watch: said
# hint: the threads are T1 and T2, in the order main starts them; main is T0
# hint: a started thread waits until you pick it -- nothing forces you to pick T1
#   before T2
import threading

said = []


def say(word):
    said.append(word)
    print(word)


hello = threading.Thread(target=say, args=("hello",))
world = threading.Thread(target=say, args=("world",))
hello.start()
world.start()
hello.join()
world.join()
print(" ".join(said))
