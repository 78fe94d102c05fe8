names = ["bob", "Alice", "carol", "Dave", "eve", "alice"]
print(sorted(names), sorted(names, key=str.lower), sorted(names, key=len), max(names), min(names))
print("a" < "b" < "c", "abc" < "abd", "ab" < "abc", "Z" < "a", "é" > "z", "10" < "9")
print([c for c in "hello" if c in "aeiou"], "".join(sorted("sorted")), "x".isidentifier(), "2x".isidentifier())
