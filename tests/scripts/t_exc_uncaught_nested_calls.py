class Account:
    def __init__(self, balance):
        self.balance = balance
    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError(f"insufficient funds: {self.balance} < {amount}")
        self.balance -= amount
def transfer(a, b, amount):
    a.withdraw(amount)
    b.balance += amount
x, y = Account(10), Account(0)
transfer(x, y, 5)
print(x.balance, y.balance)
transfer(x, y, 50)
