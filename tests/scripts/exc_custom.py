class AppError(Exception):
    pass
class DBError(AppError):
    def __init__(self, table, msg):
        super().__init__(f"{table}: {msg}")
        self.table = table
try:
    raise DBError("users", "locked")
except AppError as e:
    print(type(e).__name__, e, e.table, isinstance(e, Exception), e.args)
class Plain(Exception):
    def __str__(self):
        return "custom str"
try:
    raise Plain(1, 2)
except Plain as e:
    print(e, e.args, repr(e))
print(issubclass(DBError, AppError), issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError))
print(issubclass(RecursionError, RuntimeError), issubclass(UnboundLocalError, NameError), issubclass(KeyboardInterrupt, Exception))
try:
    raise Exception("a", 1)
except BaseException as e:
    print(e, e.args)
