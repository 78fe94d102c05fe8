def build(depth):
    if depth == 0:
        return None
    return {"left": build(depth - 1), "right": build(depth - 1), "value": depth}
def count(t):
    if t is None:
        return 0
    return 1 + count(t["left"]) + count(t["right"])
def height(t):
    return 0 if t is None else 1 + max(height(t["left"]), height(t["right"]))
tree = build(10)
print(count(tree), height(tree))
def flatten(xs):
    out = []
    for x in xs:
        if isinstance(x, list):
            out.extend(flatten(x))
        else:
            out.append(x)
    return out
print(flatten([1, [2, [3, [4, [5]]]], 6, [[7]]]))
