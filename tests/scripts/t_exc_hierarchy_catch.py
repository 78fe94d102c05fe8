errors = [ZeroDivisionError(), OverflowError(), KeyError("k"), IndexError(), ValueError(), TypeError(), UnicodeDecodeError if False else ValueError("u")]
for err in errors:
    try:
        raise err
    except ArithmeticError:
        print(type(err).__name__, "is ArithmeticError")
    except LookupError:
        print(type(err).__name__, "is LookupError")
    except Exception as e:
        print(type(err).__name__, "is Exception:", repr(e))
try:
    raise KeyboardInterrupt
except Exception:
    print("not here")
except BaseException as e:
    print("BaseException:", type(e).__name__)
try:
    [][1]
except (KeyError, IndexError) as e:
    print("tuple catch", type(e).__name__)
try:
    try:
        int("x")
    except ValueError:
        raise
except Exception as e:
    print("reraised", type(e).__name__, e)
