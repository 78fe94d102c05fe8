# collections.UserDict, UserList and UserString: wrappers meant to be subclassed
from collections import UserDict, UserList, UserString

class LowerDict(UserDict):
    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), value)
d = LowerDict({'A': 1}, B=2)
d['C'] = 3; d.update({'D': 4})
print(d, len(d), 'a' in d, d['b'], d.get('z', 0), list(d), sorted(d.items()), d == {'a': 1, 'b': 2, 'c': 3, 'd': 4})
print(d.pop('a'), d.setdefault('E', 5), d.popitem(), d.copy(), type(d.copy()).__name__, isinstance(d, UserDict))
try:
    d['missing']
except KeyError as e:
    print('KeyError', e)
class Defaulting(UserDict):
    def __missing__(self, key):
        return key * 2
print(Defaulting()['ab'], UserDict.fromkeys('xy', 0), UserDict(a=1) | {'b': 2})

class Stack(UserList):
    def push(self, x):
        self.append(x)
s = Stack([1, 2]); s.push(3); s.extend(Stack([4])); s += [5]
print(s, len(s), s[0], s[1:3], type(s[1:3]).__name__, s.pop(), s + [9], [0] + s, s * 2, 3 in s)
s.insert(0, 'x'); s.remove('x'); s.reverse(); s.sort(); print(s, s.index(3), s.count(1), s == [1, 2, 3, 4], s < [9])
del s[0]; s[0] = 'two'; print(s, list(reversed(s)), s.copy(), UserList(), UserList('ab'))

class Shout(UserString):
    def shout(self):
        return self.upper() + '!'
t = Shout('hello')
print(t, repr(t), t.shout(), len(t), t[1:3], t + ' there', 'oh ' + t, t * 2, 'ell' in t, t == 'hello')
print(t.split('l'), t.replace('l', 'L'), type(t.upper()).__name__, t.startswith('he'), str(t).title(), sorted([Shout('b'), Shout('a')]))
