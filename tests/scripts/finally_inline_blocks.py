# An early exit runs a copy of each enclosing finally body; the blocks that copy
# opens (a loop, a try) must not disturb the blocks the rest of the try body is
# still compiled in.

class CM:
    def __init__(self, log):
        self.log = log
    def __enter__(self):
        self.log.append('enter')
        return self
    def __exit__(self, *exc):
        self.log.append('exit')
        return False

def f(flag, log):
    for i in range(3):
        try:
            with CM(log):
                if flag:
                    return 'returned'
                if i == 1:
                    break
                log.append(('body', i))
        finally:
            for j in range(1):
                try:
                    log.append(('finally', i, j))
                except ValueError:
                    pass
    return 'fell out'

for flag in (False, True):
    log = []
    print(f(flag, log))
    print(log)

def g(n):
    while n:
        n -= 1
        try:
            try:
                if n == 5:
                    return 'five'
                if n == 2:
                    continue
            finally:
                while False:
                    pass
                with CM([]):
                    pass
        except ZeroDivisionError:
            pass
        finally:
            if n == 3:
                return 'three from finally'
    return 'zero'

print(g(8), g(5), g(4), g(2), g(0))
for k in range(50000):
    g(8)
    f(True, [])
print('ok')
