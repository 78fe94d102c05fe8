class InsufficientFunds(Exception):
    pass
class Account:
    next_id = 1
    def __init__(self, owner, balance=0):
        self.id = Account.next_id
        Account.next_id += 1
        self.owner = owner
        self._balance = balance
        self.history = []
    @property
    def balance(self):
        return self._balance
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self._balance += amount
        self.history.append(("deposit", amount))
    def withdraw(self, amount):
        if amount > self._balance:
            raise InsufficientFunds(f"{self.owner} has {self._balance}, needs {amount}")
        self._balance -= amount
        self.history.append(("withdraw", amount))
    def __repr__(self):
        return f"Account#{self.id}({self.owner}, {self._balance})"
accounts = [Account("ann", 100), Account("bob"), Account("cy", 50)]
accounts[1].deposit(30)
for acct, amt in [(accounts[0], 70), (accounts[1], 40), (accounts[2], 50)]:
    try:
        acct.withdraw(amt)
    except InsufficientFunds as e:
        print("refused:", e)
print(accounts, sum(a.balance for a in accounts))
print(accounts[0].history, max(accounts, key=lambda a: a.balance))
try:
    accounts[2].deposit(-5)
except ValueError as e:
    print("ValueError:", e)
