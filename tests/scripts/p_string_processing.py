def is_palindrome(s):
    clean = [c.lower() for c in s if c.isalnum()]
    return clean == clean[::-1]
print([is_palindrome(s) for s in ["A man, a plan, a canal: Panama", "hello", "racecar", ""]])
def caesar(s, k):
    out = []
    for c in s:
        if c.isalpha():
            base = ord("A") if c.isupper() else ord("a")
            out.append(chr((ord(c) - base + k) % 26 + base))
        else:
            out.append(c)
    return "".join(out)
enc = caesar("Hello, World!", 3)
print(enc, caesar(enc, -3))
def rle(s):
    out, i = [], 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        out.append(f"{j - i}{s[i]}")
        i = j
    return "".join(out)
print(rle("aaabccddddd"), rle(""), rle("x"))
print(sorted(set("the quick brown fox".replace(" ", ""))), "".join(reversed("stressed")))
anagrams = {}
for w in ["listen", "silent", "enlist", "google", "gooegl", "cat", "act"]:
    anagrams.setdefault("".join(sorted(w)), []).append(w)
print(sorted(anagrams.values()))
