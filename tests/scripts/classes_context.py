class Resource:
    def __init__(self, name, log):
        self.name = name
        self.log = log
    def __enter__(self):
        self.log.append("enter " + self.name)
        return self
    def __exit__(self, et, ev, tb):
        self.log.append(f"exit {self.name} {et.__name__ if et else None}")
        return self.name == "swallow"
log = []
with Resource("a", log) as r, Resource("b", log):
    log.append("body " + r.name)
print(log)
log = []
with Resource("swallow", log):
    raise ValueError("hidden")
print(log)
log = []
try:
    with Resource("x", log):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e), log)
def early():
    with Resource("r", log):
        return "returned"
log = []; print(early(), log)
for i in range(3):
    with Resource(str(i), log):
        if i == 1:
            break
print(log)
