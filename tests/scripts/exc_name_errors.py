def f():
    print(x)
    x = 1
try:
    f()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
try:
    undefined_thing
except NameError as e:
    print("NameError:", e)
try:
    del undefined_other
except NameError as e:
    print("NameError:", e)
y = 1
del y
try:
    y
except NameError as e:
    print("NameError:", e)
