# A stand-in for gilt's built-in `gilt` module, used only when an exercise runs under
# python3 (`python3 exercises/04_two_flags.py`): gilt's own module wins over this file.
# critical() marks a critical section; here it does nothing.


class _Critical:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def critical():
    return _Critical()
