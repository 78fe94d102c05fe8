def level3(x):
    return x["key"]
def level2(x):
    return level3(x) + 1
def level1(x):
    return level2(x) * 2
data = [{"key": 1}, {"nokey": 2}]
for d in data:
    print(level1(d))
