# A return in a try body whose finally body leaves through break or continue:
# the finally wins, the pending return value is dropped, and the function goes on.

def cont_for():
    for i in range(3):
        try:
            return i
        finally:
            continue
    return 'done'

def break_for():
    for i in range(3):
        try:
            return i
        finally:
            break
    return 'broke'

def cont_while():
    i = 0
    while i < 3:
        i += 1
        try:
            return [i] * 3          # a heap object as the dropped value
        finally:
            continue
    return 'while done', i

def break_while():
    while True:
        try:
            return {'k': 'v'}
        finally:
            break
    return 'while broke'

def with_inside():
    class CM:
        def __init__(self, log):
            self.log = log
        def __enter__(self):
            self.log.append('enter')
            return self
        def __exit__(self, *a):
            self.log.append('exit')
            return False
    log = []
    for i in range(2):
        try:
            with CM(log):
                return 'from with'
        finally:
            continue
    return log

def nested_finally():
    log = []
    for i in range(2):
        try:
            try:
                return 'inner'
            finally:
                log.append(('inner finally', i))
        finally:
            log.append(('outer finally', i))
            continue
    return log

def nested_finally_inner_continue():
    log = []
    for i in range(2):
        try:
            try:
                return 'inner'
            finally:
                log.append(('inner', i))
                continue
        finally:
            log.append(('outer', i))
    return log

def return_in_finally_replaces():
    for i in range(3):
        try:
            return 'body'
        finally:
            if i == 0:
                continue
            return 'finally', i

def try_except_else_inside():
    log = []
    for i in range(4):
        try:
            try:
                if i % 2:
                    raise ValueError(i)
            except ValueError as e:
                log.append(('except', e.args[0]))
                return 'from except'
            else:
                log.append(('else', i))
                return 'from else'
        finally:
            continue
    return log

def exception_path():
    log = []
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            log.append(i)
            continue
    return log

def gen():
    for i in range(3):
        try:
            yield i
            return 'gen return'
        finally:
            continue
    yield 'after loop'

def gen_break():
    while True:
        try:
            yield 1
            return 'x'
        finally:
            break
    yield 'gen broke'

def in_handler():
    for i in range(2):
        try:
            raise ValueError
        except ValueError:
            try:
                return 'handler'
            finally:
                continue
    return 'handler loop done'

def nested_loops():
    out = []
    for i in range(2):
        for j in range(2):
            try:
                return i, j
            finally:
                if j == 0:
                    continue
                break
        out.append(i)
    return out

def then_raises():
    for i in range(2):
        try:
            return i
        finally:
            continue
    raise RuntimeError('after the loop')

print(cont_for())
print(break_for())
print(cont_while())
print(break_while())
print(with_inside())
print(nested_finally())
print(nested_finally_inner_continue())
print(return_in_finally_replaces())
print(try_except_else_inside())
print(exception_path())
print(list(gen()))
print(list(gen_break()))
print(in_handler())
print(nested_loops())
try:
    then_raises()
except RuntimeError as e:
    print('caught', e)

# the value stack does not grow: many calls in a loop
total = 0
for k in range(100000):
    if cont_for() == 'done' and break_for() == 'broke':
        total += 1
print(total)
n = 0
for k in range(20000):
    n += len(with_inside()) + len(nested_finally()) + len(try_except_else_inside())
print(n)
