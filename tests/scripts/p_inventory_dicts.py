inventory = {"apples": 10, "pears": 3, "plums": 0}
orders = [("apples", 4), ("pears", 5), ("kiwis", 1), ("plums", 0)]
for item, qty in orders:
    have = inventory.get(item)
    if have is None:
        print(f"{item}: unknown item")
    elif have < qty:
        print(f"{item}: only {have} left, wanted {qty}")
    else:
        inventory[item] = have - qty
        print(f"{item}: shipped {qty}, {inventory[item]} left")
restock = {k: v + 10 for k, v in inventory.items() if v < 5}
inventory.update(restock)
print(inventory, sorted(inventory, key=inventory.get), sum(inventory.values()))
print({k: ("low" if v < 10 else "ok") for k, v in inventory.items()})
