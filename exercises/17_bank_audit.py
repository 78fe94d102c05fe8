# title: The auditor's sum
# teaches: locking each account in turn keeps each balance right, but a total
#   over two accounts is only right if nothing moves between the two reads
# goal: invariant audits == [200]
# grain: op
# budget: 2000
# watch: alice.balance, bob.balance, audits
# hint: the bank holds 200 in all, and a transfer moves money without making or
#   losing any -- yet the auditor can count a different total
# hint: the transfer is careful: it holds both locks, taken in one fixed order,
#   while it moves the money; the auditor holds one lock at a time
# hint: to fix it, the auditor too must hold both locks at once, in the same
#   order
import threading


class Account:
    def __init__(self, number, balance):
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


alice = Account(1, 100)
bob = Account(2, 100)
audits = []


def transfer(source, target, amount):
    # both locks, always the lower-numbered account's first
    first, second = sorted([source, target], key=lambda account: account.number)
    with first.lock:
        with second.lock:
            source.balance -= amount
            target.balance += amount


def audit():
    total = 0
    for account in [alice, bob]:
        with account.lock:
            total += account.balance
    audits.append(total)


payment = threading.Thread(target=transfer, args=(alice, bob, 30))
auditor = threading.Thread(target=audit)
payment.start()
auditor.start()
payment.join()
auditor.join()
print("audited:", audits, "alice", alice.balance, "bob", bob.balance)
