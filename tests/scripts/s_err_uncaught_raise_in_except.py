try:
    int("abc")
except ValueError as exc:
    raise TypeError("wrong type") from None
