class K:
    x = 1
for code in ["K().y", "K.y", "(5).y", "'s'.y", "[].y", "None.y", "len.y", "K().x.y"]:
    try:
        eval(code)
    except AttributeError as e:
        print(f"{code:10} AttributeError: {e}")
try:
    (1).real = 5
except AttributeError as e:
    print("AttributeError:", e)
