# title: Fix it: money in flight
# teaches: an invariant over two objects (the bank's total) is broken while a
#   transfer is halfway done, and a lock on each object alone does not stop
#   another thread from looking at that moment
# goal: fix audits == [200] and alice.balance + bob.balance == 200
# grain: op
# budget: 2000
# watch: alice.balance, bob.balance, audits
# hint: the bank holds 200; transfers move money and make none, so every audit
#   must count 200
# hint: each account is locked while it changes -- but between the two
#   changes, the money is in no account at all
# hint: once a transfer holds both locks, look at the two transfers together:
#   alice to bob and bob to alice -- in which order do they lock?
import threading


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = threading.Lock()


alice = Account("alice", 100)
bob = Account("bob", 100)
audits = []


def transfer(source, target, amount):
    with source.lock:
        source.balance -= amount
    with target.lock:
        target.balance += amount


def audit():
    with alice.lock:
        with bob.lock:
            audits.append(alice.balance + bob.balance)


rent = threading.Thread(target=transfer, args=(alice, bob, 30))
auditor = threading.Thread(target=audit)
rent.start()
auditor.start()
transfer(bob, alice, 10)          # the main thread pays a refund meanwhile
rent.join()
auditor.join()
print("audits:", audits, "alice:", alice.balance, "bob:", bob.balance)
