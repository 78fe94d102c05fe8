class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def __getitem__(self, idx):
        r, c = idx
        return self.rows[r][c]
    def __setitem__(self, idx, v):
        r, c = idx
        self.rows[r][c] = v
    def __matmul__(self, o):
        n = len(self.rows)
        return Matrix([[sum(self[i, k] * o[k, j] for k in range(n)) for j in range(n)] for i in range(n)])
    def __eq__(self, o):
        return self.rows == o.rows
    def __repr__(self):
        return f"Matrix({self.rows})"
m = Matrix([[1, 2], [3, 4]])
m[0, 0] = 5
print(m[0, 0], m[1, 1], m @ m, m == Matrix([[5, 2], [3, 4]]))
class Bag(dict):
    def add(self, item):
        self[item] = self.get(item, 0) + 1
        return self
b = Bag(); b.add("x").add("y").add("x")
print(b, len(b), b["x"], isinstance(b, dict), sorted(b))
class Deck(list):
    def __init__(self):
        super().__init__(range(5))
    def top(self):
        return self[-1]
dk = Deck(); dk.append(9); print(dk, dk.top(), len(dk), dk[1:3])
