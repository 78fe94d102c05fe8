import random
def roll_dice(n, seed):
    rng = random.Random(seed)
    return [rng.randint(1, 6) for _ in range(n)]
print(roll_dice(10, 1), roll_dice(10, 1) == roll_dice(10, 1), roll_dice(5, 2))
random.seed(99)
deck = [f"{r}{s}" for s in "SHDC" for r in "A23456789TJQK"]
random.shuffle(deck)
print(deck[:8], random.choice(deck), random.sample(deck, 3))
random.seed(2024)
walk = [0]
for _ in range(20):
    walk.append(walk[-1] + random.choice([-1, 1]))
print(walk, max(walk), min(walk))
print([round(random.random(), 4) for _ in range(5)], random.randrange(0, 100, 7))
