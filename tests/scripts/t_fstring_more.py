items = [("apple", 1.5, 3), ("banana", 0.25, 12), ("cherry", 10.0, 1)]
print(f"{'item':<10}{'price':>8}{'qty':>5}")
for name, price, qty in items:
    print(f"{name:<10}{price:>8.2f}{qty:>5d}")
total = sum(p * q for _, p, q in items)
print(f"{'total':<10}{total:>8.2f}")
print(f"{total!r:>12}", f"{-total:+.1f}", f"{int(total):#06x}", f"{0.000123:.2e}", f"{12.0:g}", f"{1e-7:g}")
print(f"{'multi' f'line'}", f"{3 + 4 = }", f"{[x for x in range(3)]}", f"{ {1: 2} }")
nested = {"k": [10, 20]}
print(f"{nested['k'][1]}", f"{nested!r}", f'{"double"}', f"""{'triple'}""")
