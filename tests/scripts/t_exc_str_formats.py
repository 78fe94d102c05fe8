for e in [ValueError(), ValueError("msg"), ValueError("a", "b"), KeyError("key"), KeyError(), KeyError(1, 2), Exception(None), OSError("oops")]:
    print(repr(e), "|", str(e), "|", e.args)
class E(Exception):
    def __init__(self, code):
        self.code = code
        super().__init__(f"error code {code}")
err = E(404)
print(err, repr(err), err.code, err.args)
