# open(): text and binary modes, reading, writing, errors; files only under /tmp
import os, io
p = '/tmp/gilt_file_basics_%d.txt' % os.getpid()
f = open(p, 'w')
print(f.write('héllo\nworld\n'), f.name == p, f.mode, f.closed, f.writable(), f.readable())
f.writelines(['a\n', 'b\n'])
print('x', 1, file=f, flush=True)
f.close()
print(f.closed)
f.close()
with open(p) as f:
    print(repr(f.readline()), repr(f.read(3)), repr(f.read()), repr(f.read()), repr(f.readline()))
with open(p) as f:
    print(list(f))
with open(p, encoding='utf-8') as f:
    print([len(line) for line in f], f.encoding)
with open(p, 'rb') as f:
    print(f.read(4), f.tell(), f.seek(0), f.readline(), f.readlines(), type(f).__name__, f.mode)
with open(p, 'a') as f:
    f.write('end')
with open(p, 'r+') as f:
    print(f.read(2), f.seek(0), f.write('H'), f.seek(0, 2), f.tell())
print(open(p).readlines())
with open(p, 'wb') as f:
    print(f.write(b'\x00\xffbin'), f.write(bytearray(b'!')), type(f).__name__)
with open(p, 'rb') as f:
    print(f.read())
with open(p, 'w', encoding='latin-1') as f:
    f.write('é')
print(open(p, 'rb').read(), open(p, encoding='latin-1').read())
r = repr(open(p)).replace(p, 'P')
print(r)
print(repr(open(p, 'rb')).replace(p, 'P'), repr(open(p, 'ab')).replace(p, 'P'), repr(open(p, 'r+b')).replace(p, 'P'))
missing = '/tmp/gilt_no_such_file_%d' % os.getpid()
cases = [lambda: open(missing), lambda: open(p, 'x'), lambda: open('/tmp'), lambda: open(p, 'q'), lambda: open(p, 'rw'),
         lambda: open(p, 'rb', encoding='utf-8'), lambda: open(p, encoding='nope'), lambda: open(5.5)]
for c in cases:
    try:
        c()
    except (OSError, ValueError, TypeError, LookupError) as e:
        print(type(e).__name__, str(e).replace(missing, 'MISSING').replace(p, 'P'))
try:
    open(missing)
except FileNotFoundError as e:
    print(e.errno, e.strerror, e.filename == missing, isinstance(e, OSError))
f = open(p)
f.close()
for op in [f.read, f.readline, lambda: f.write('x'), f.tell, lambda: next(iter(f))]:
    try:
        op()
    except ValueError as e:
        print(type(e).__name__, e)
f = open(p, 'w')
for op in [f.read, f.readline]:
    try:
        op()
    except io.UnsupportedOperation as e:
        print(type(e).__name__, e, isinstance(e, OSError))
try:
    f.write(b'x')
except TypeError as e:
    print(type(e).__name__, e)
f.close()
f = open(p, 'rb')
try:
    f.write(b'x')
except OSError as e:
    print(type(e).__name__, e)
f.close()
os.remove(p)
print("removed")
# a file dropped while open is closed (and flushed) by its finalizer
q = '/tmp/gilt_file_final_%d.txt' % os.getpid()
g = open(q, 'w')
g.write('flushed by the finalizer')
del g
print(open(q).read())
os.remove(q)
for c in ["str('a', 'utf-8')", "str(5, 'utf-8')", "str(b'ab', encoding='ascii')", "str(bytearray(b'\\xe9'), 'latin-1')"]:
    try:
        print(c, '->', eval(c))
    except Exception as e:
        print(c, '->', type(e).__name__, e)
# universal newlines: text reads see "\r\n" and "\r" as "\n"; binary reads see them as they are
q = '/tmp/gilt_file_newlines_%d.txt' % os.getpid()
with open(q, 'wb') as g:
    g.write(b'one\r\ntwo\rthree\nfour\r\n')
with open(q) as g:
    print(repr(g.read()))
with open(q) as g:
    print(g.readlines())
with open(q) as g:
    print(repr(g.read(5)), repr(g.readline()), repr(g.read(2)))
with open(q, 'rb') as g:
    print(g.readlines())
os.remove(q)
