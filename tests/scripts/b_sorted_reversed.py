data = [5, 2, 8, 1, 9]
print(sorted(data), sorted(data, reverse=True), list(reversed(data)), data)
print(sorted("Banana"), sorted({"b": 1, "a": 2}.items(), key=lambda kv: kv[1]), sorted([], reverse=True))
print(sorted([3, 1, 2], key=None), list(reversed([])), sorted(["10", "9", "100"], key=int), sorted([-3, 2, -1], key=abs))
class R:
    def __reversed__(self):
        return iter("cba")
print(list(reversed(R())))
