# Early exits from finally bodies nested in with, try/except and other finally bodies.
class CM:
    def __enter__(self): print('enter'); return self
    def __exit__(self, *a): print('exit', a[0]); return False
def f1():
    try:
        return 1
    finally:
        with CM():
            return 2
def f2():
    for i in range(3):
        try:
            raise ValueError(i)
        finally:
            return i
def f3():
    while True:
        try:
            try:
                return 'a'
            finally:
                try:
                    return 'b'
                finally:
                    break
        finally:
            print('outer finally')
    return 'c'
def f4():
    for i in range(3):
        with CM():
            try:
                return i
            finally:
                if i < 2:
                    continue
    return 'end'
def f5():
    for i in range(2):
        try:
            pass
        finally:
            try:
                return i
            finally:
                continue
    return 'f5'
def f6():
    r = []
    for i in range(3):
        try:
            try:
                1/0
            except ZeroDivisionError as e:
                return e
            finally:
                r.append(i)
                continue
        finally:
            r.append('o')
    return r
for f in (f1, f2, f3, f4, f5, f6):
    print(f.__name__, f())
