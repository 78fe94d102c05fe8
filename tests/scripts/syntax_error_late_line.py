print("this line is fine")
def ok():
    return 1
x = [1, 2, 3
