class Cfg:
    pass
c = Cfg()
for k, v in {"host": "x", "port": 80}.items():
    setattr(c, k, v)
print(getattr(c, "host"), getattr(c, "port"), getattr(c, "missing", None), hasattr(c, "port"))
delattr(c, "port"); print(hasattr(c, "port"))
try:
    getattr(c, "port")
except AttributeError as e:
    print("AttributeError:", e)
print(getattr([], "append").__name__, getattr("s", "upper")())
