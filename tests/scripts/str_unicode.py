s = "héllo wörld ☃ 日本"
print(len(s), s[1], s[-1], s[-2:], s[6:11], s.upper(), s[::-1])
print(ord("é"), chr(233), chr(9731), ord("日"), "日本".encode if False else "ok")
print([c for c in "añb"], "ñ" in s, s.find("ö"), s.index("☃"), s.count("l"))
print(repr("naïve"), "café".center(8, "·"), len("👍"), "👍"[0] == "👍")
print(sorted("bañco"), "Straße".lower(), "ÉCOLE".lower(), "über".title())
