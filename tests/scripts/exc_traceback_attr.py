class C:
    pass
obj = C()
print(obj.missing)
