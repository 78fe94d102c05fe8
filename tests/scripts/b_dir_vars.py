class Thing:
    cls_attr = 1
    def __init__(self):
        self.inst_attr = 2
    def method(self):
        pass
t = Thing()
print(vars(t), "method" in dir(t), "cls_attr" in dir(Thing), "inst_attr" in dir(t))
print([n for n in dir(t) if not n.startswith("_")])
import math
print("sqrt" in dir(math), type(vars(Thing)).__name__ if False else "ok")
