class OnlyRepr:
    def __repr__(self):
        return "<OnlyRepr>"
class OnlyStr:
    def __str__(self):
        return "only-str"
class Both:
    def __repr__(self):
        return "Both.repr"
    def __str__(self):
        return "Both.str"
for o in (OnlyRepr(), Both()):
    print(str(o), repr(o), f"{o}", f"{o!r}", [o], "%s %r" % (o, o), "{} {!r}".format(o, o))
print(str(OnlyStr()), f"{OnlyStr()}", repr(OnlyStr()).startswith("<__main__.OnlyStr object at 0x"))
class Fmt:
    def __format__(self, spec):
        return f"Fmt[{spec}]"
print(f"{Fmt():>10}", format(Fmt(), "x"), "{:abc}".format(Fmt()))
