samples = ["plain", "with 'single'", 'with "double"', "both ' and \"", "new\nline", "tab\there", "back\\slash",
           "\x00nul", "bell\a", "uni é ☃", "\u200b zero width", "\r\n"]
for s in samples:
    print(repr(s), len(s))
print("skip named escapes", "\101\102", "\x41", "\u0041\U00000042")
print(r"\n raw", r"C:\path\to", len(r"\t"), "a\
b")
