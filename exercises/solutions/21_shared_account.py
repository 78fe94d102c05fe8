# title: Fix it: one account, two cards
# teaches: `self.balance -= amount` reads the attribute, subtracts and writes
#   it back; when two threads call the method at once, the check and the
#   update of one payment can have the other payment in between
# goal: fix account.balance == 40 and sorted(account.history) == [30, 30]
# grain: op
# budget: 800
# watch: account.balance, account.history
# hint: two cards pay 30 each from the same account of 100: whatever the order,
#   40 must be left and both payments must be in the history
# hint: LOAD_ATTR balance and STORE_ATTR balance are separate steps, and the
#   check `amount > self.balance` is a read of its own
# hint: an Account can protect itself: what would it need, made in
#   __init__, to let only one payment at a time look at the balance?
#
# The fix: the account owns a lock, and pay() holds it from the check to the
# last update, so no other payment can come between them.
import threading


class Account:
    def __init__(self, balance):
        self.balance = balance
        self.history = []
        self.lock = threading.Lock()

    def pay(self, amount):
        with self.lock:
            if amount > self.balance:
                return False
            self.balance -= amount
            self.history.append(amount)
            return True


account = Account(100)


def card(name, amount):
    if account.pay(amount):
        print(name, "paid", amount)
    else:
        print(name, "declined")


debit = threading.Thread(target=card, args=("debit card", 30))
credit = threading.Thread(target=card, args=("credit card", 30))
debit.start()
credit.start()
debit.join()
credit.join()
print("balance:", account.balance, "history:", account.history)
