# contextlib (contextmanager with exceptions, suppress, closing, nullcontext,
# redirect_stdout, ExitStack) and string (constants, capwords, Template)
import contextlib, string, sys
from contextlib import contextmanager, suppress, closing, nullcontext, redirect_stdout, ExitStack

@contextmanager
def tag(name):
    print(f'<{name}>')
    try:
        yield name.upper()
    except ValueError as e:
        print('handled in generator:', e)
    finally:
        print(f'</{name}>')

with tag('p') as t:
    print('inside', t)
with tag('b'):
    raise ValueError('swallowed')
print('after b')
try:
    with tag('i'):
        raise KeyError('passes through')
except KeyError as e:
    print('caught outside', repr(e))

@contextmanager
def no_yield():
    if False:
        yield
try:
    with no_yield():
        pass
except RuntimeError as e:
    print(type(e).__name__, e)

@contextmanager
def two_yields():
    yield 1
    yield 2
try:
    with two_yields():
        pass
except RuntimeError as e:
    print(type(e).__name__, e)

@contextmanager
def transform():
    try:
        yield
    except ZeroDivisionError:
        raise ValueError('converted')
try:
    with transform():
        1 / 0
except ValueError as e:
    print(type(e).__name__, e, type(e.__context__).__name__)

@tag('decorated')
def work():
    print('working')
work()
work()

with suppress(KeyError, IndexError):
    {}['missing']
print('suppressed')
try:
    with suppress(KeyError):
        [][1]
except IndexError as e:
    print('not suppressed:', e)

class Resource:
    def close(self):
        print('closed')
with closing(Resource()) as r:
    print('using', type(r).__name__)
with nullcontext(42) as v:
    print('null', v)
with nullcontext() as v:
    print('null', v)

class Capture:
    def __init__(self):
        self.text = ''
    def write(self, s):
        self.text += s
    def flush(self):
        pass
cap = Capture()
with redirect_stdout(cap):
    print('hidden', 1, 2)
print('captured:', repr(cap.text), sys.stdout is sys.__stdout__ if hasattr(sys, '__stdout__') else True)

with ExitStack() as stack:
    for n in ['x', 'y']:
        stack.enter_context(tag(n))
    stack.callback(print, 'callback', 'ran')
    print('body')
with ExitStack() as stack:
    stack.callback(print, 'first pushed, last run')
    stack.push(lambda *exc: print('exit sees', exc[0].__name__) or True)
    raise TypeError('stopped by the stack')
print('after stack')
stack = ExitStack(); stack.callback(print, 'closed later'); moved = stack.pop_all(); stack.close(); moved.close()

print(string.ascii_letters, string.ascii_lowercase, string.ascii_uppercase)
print(string.digits, string.hexdigits, string.octdigits)
print(repr(string.punctuation), repr(string.whitespace), len(string.printable))
print(string.capwords('hello   wide world'), string.capwords('a-b-c', '-'), string.capwords(''))
T = string.Template
s = T('$who likes $what')
print(s.substitute(who='tim', what='kung pao'), s.substitute({'who': 'ann', 'what': 'tea'}, what='cake'))
print(s.safe_substitute(who='tim'), T('${noun}ification costs $$5').substitute(noun='class'))
print(T('$a ${b} $').safe_substitute(a=1), T('x $ y').safe_substitute(), s.template, s.get_identifiers(), s.is_valid(), T('$').is_valid())
for f in [lambda: s.substitute(who='tim'), lambda: T('cost: $ 5').substitute(), lambda: T('ok\nthen ${bad').substitute(),
          lambda: T('$1').substitute()]:
    try:
        f()
    except (KeyError, ValueError) as e:
        print(type(e).__name__, e)
print(T('$x').substitute(x=[1, 2]), T('$x.$y').substitute(x=1, y=2), T('${x}y').substitute(x='X'))
