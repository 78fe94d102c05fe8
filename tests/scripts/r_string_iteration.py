word = "Mississippi"
print([c for c in word], {c: word.count(c) for c in sorted(set(word))})
print("".join(c.upper() if i % 2 else c for i, c in enumerate(word)))
for i, c in enumerate("héllo"):
    print(i, c, ord(c))
vowels = sum(1 for c in "Programming Language" if c.lower() in "aeiou")
print(vowels, list(reversed("abc")), "".join(sorted("dcba")), list(zip("ab", "xyz")))
