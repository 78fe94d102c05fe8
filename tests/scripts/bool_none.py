print(True + True, True * 3, False - 1, True / 2, True and False, True or False, not True)
print(None is None, None == None, None is not None, bool(None), repr(None), str(True))
print(True & False, True | False, True ^ True, type(True & 1).__name__, isinstance(True, int))
print(0 or "x", "" or [], [] and 1, 1 and 2, None or 0)
