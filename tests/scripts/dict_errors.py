d = {"a": 1}
for code in ["d['missing']", "d[[1]]", "{}.popitem()", "d.pop('x')", "dict(1)"]:
    try:
        eval(code)
    except Exception as e:
        print(code, "->", type(e).__name__ + ":", e)
try:
    for k in d:
        d["new"] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
