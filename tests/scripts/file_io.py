# the io module: StringIO, BytesIO, io.open, io.UnsupportedOperation
import io
s = io.StringIO('first\nsecond\nthird')
print(repr(s.readline()), s.tell(), repr(s.read(3)), repr(s.readline()), repr(s.read()), repr(s.read()))
s.seek(0)
print(list(s), s.getvalue())
s = io.StringIO()
print(s.write('hello '), s.write('world'), s.getvalue(), s.tell())
s.seek(0)
s.write('J')
print(s.getvalue(), s.readlines())
print('via print', 42, file=s)
print(repr(s.getvalue()))
with io.StringIO('a\nb\n') as t:
    print([line.strip() for line in t])
print(t.closed)
try:
    t.read()
except ValueError as e:
    print(type(e).__name__, e)
try:
    io.StringIO().write(b'x')
except TypeError as e:
    print(type(e).__name__, e)
b = io.BytesIO(b'ab\ncd')
print(b.readline(), b.read(), b.getvalue())
b = io.BytesIO()
print(b.write(b'xy'), b.write(bytearray(b'z')), b.getvalue(), b.seek(1), b.read())
try:
    b.write('str')
except TypeError as e:
    print(type(e).__name__, e)
print(io.open is open, issubclass(io.UnsupportedOperation, OSError), io.TextIOWrapper.__name__)
