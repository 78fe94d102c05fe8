class Config:
    defaults = {"debug": False}
    level = 1
    def __init__(self, **kw):
        self.settings = dict(self.defaults)
        self.settings.update(kw)
c1 = Config(debug=True)
c2 = Config()
print(c1.settings, c2.settings, Config.defaults)
c1.level = 5
print(c1.level, c2.level, Config.level)
Config.level = 9
print(c1.level, c2.level)
del c1.level
print(c1.level)
class Shared:
    items = []
    def add(self, x):
        self.items.append(x)
s1, s2 = Shared(), Shared()
s1.add(1); s2.add(2)
print(s1.items, Shared.items, s1.items is s2.items)
