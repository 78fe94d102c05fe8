# try/finally with break, continue and return in the try body and in the finally body

log = []
def note(x):
    log.append(x)

def ret_in_try():
    try:
        note("try")
        return "from try"
    finally:
        note("finally")
print(ret_in_try(), log); log.clear()

def ret_in_finally_overrides():
    try:
        return "from try"
    finally:
        return "from finally"
print(ret_in_finally_overrides())

def ret_in_finally_swallows():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
print(ret_in_finally_swallows())

def break_in_finally_swallows():
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            note(("finally", i))
            break
    return "after loop"
print(break_in_finally_swallows(), log); log.clear()

def continue_in_finally():
    out = []
    for i in range(4):
        try:
            if i == 1:
                raise ValueError("swallowed by continue")
            out.append(i)
        finally:
            note(i)
            continue
    return out
print(continue_in_finally(), log); log.clear()

def continue_in_try():
    out = []
    for i in range(4):
        try:
            if i % 2:
                continue
            out.append(i)
        finally:
            note(("fin", i))
    return out
print(continue_in_try(), log); log.clear()

def break_in_try():
    i = 0
    while True:
        try:
            i += 1
            if i == 3:
                break
        finally:
            note(i)
    return i
print(break_in_try(), log); log.clear()

def return_cancelled_by_continue():
    for i in range(3):
        try:
            return i
        finally:
            if i < 2:
                continue
    return "end"
print(return_cancelled_by_continue())

def return_cancelled_by_break():
    for i in range(3):
        try:
            return "try"
        finally:
            break
    return "after break"
print(return_cancelled_by_break())

def nested_loops():
    out = []
    for i in range(3):
        for j in range(3):
            try:
                try:
                    if j == 1:
                        continue
                    if i == 2:
                        break
                    out.append((i, j))
                finally:
                    note(("inner", i, j))
            finally:
                note(("outer", i, j))
    return out
print(nested_loops())
print(log); log.clear()

def nested_finally_order():
    try:
        try:
            return "value"
        finally:
            note("inner finally")
    finally:
        note("outer finally")
print(nested_finally_order(), log); log.clear()

def finally_runs_once_with_exception():
    count = 0
    try:
        for i in range(2):
            try:
                raise ValueError(i)
            finally:
                count += 1
    except ValueError as e:
        return count, repr(e)
print(finally_runs_once_with_exception())

def return_in_except_with_finally():
    try:
        raise IndexError("x")
    except IndexError:
        return "from except"
    finally:
        note("finally after except return")
print(return_in_except_with_finally(), log); log.clear()

def break_in_except_inside_loop():
    for i in range(3):
        try:
            raise IndexError(i)
        except IndexError:
            if i == 1:
                break
        finally:
            note(("f", i))
    return i
print(break_in_except_inside_loop(), log); log.clear()

# the exception being handled is cleared after a finally swallows it
import sys
def exc_info_after():
    for _ in range(1):
        try:
            raise KeyError("k")
        finally:
            continue
    return sys.exc_info()
print(exc_info_after())

# with statements and finally together
class CM:
    def __enter__(self):
        note("enter")
    def __exit__(self, *a):
        note("exit")
def with_and_finally():
    for i in range(2):
        try:
            with CM():
                if i == 0:
                    continue
                return "returned"
        finally:
            note(("finally", i))
print(with_and_finally(), log); log.clear()

# generators: return inside try/finally, and a finally run by close()
def gen():
    try:
        yield 1
        return "r"
    finally:
        note("gen finally")
g = gen()
next(g)
try:
    next(g)
except StopIteration as e:
    print("gen returned", e.value, log); log.clear()
g = gen()
next(g)
g.close()
print(log); log.clear()

# an exception raised inside a finally replaces the one in flight (with context)
def replaced():
    try:
        raise ValueError("first")
    finally:
        raise TypeError("second")
try:
    replaced()
except TypeError as e:
    print(repr(e), "context:", repr(e.__context__))

# uncaught: the finally ran, then the traceback
def runs_then_fails():
    try:
        for i in range(2):
            try:
                pass
            finally:
                if i == 1:
                    {}["missing"]
    finally:
        print("outer finally ran")
runs_then_fails()
