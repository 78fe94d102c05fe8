def load():
    try:
        return {}["settings"]
    except KeyError:
        raise RuntimeError("settings missing")
try:
    load()
except RuntimeError as e:
    raise SystemError("startup failed") from e
