def f():
    try:
        raise ValueError("first")
    except ValueError:
        try:
            raise KeyError("second")
        except KeyError:
            pass
        print("inside handler", __import__("sys").exc_info()[1])
    print("after", __import__("sys").exc_info())
f()
def g():
    try:
        yield 1
        raise IndexError("from gen")
    except IndexError as e:
        yield "caught " + str(e)
print(list(g()))
