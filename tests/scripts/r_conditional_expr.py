for v in (-5, 0, 5):
    print(v, "negative" if v < 0 else "zero" if v == 0 else "positive")
xs = [1, 2, 3, 4]
print([("even" if x % 2 == 0 else "odd") for x in xs], (lambda n: "big" if n > 2 else "small")(3))
print(max(xs) if xs else None, min([]) if [] else "empty")
