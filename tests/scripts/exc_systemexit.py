import sys
print("before")
try:
    sys.exit(3)
except SystemExit as e:
    print("caught SystemExit", e.code)
sys.exit(4)
