class Interrupted(BaseException):
    pass
print("start")
raise Interrupted("stopped by user")
