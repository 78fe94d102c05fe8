"""A helper module imported by import_sibling.py."""
VALUE = 42
def greet(who):
    return f"hello, {who}"
class Counter:
    n = 0
    def inc(self):
        Counter.n += 1
        return Counter.n
print("helper loaded", __name__)
