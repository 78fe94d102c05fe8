# bytes: literals, indexing, slicing, operators, repr, hashing, constructors
b = b'hello'
print(b, B"x", rb'\x41\n', br'a\b', b'a' b'b' b"c")
print(b'\x00\x7f\x80\xff', b'\t\n\r\\', b"it's", b'say "hi"', b'both \' and "')
print(b'\101\102\7', b'\u1234', b'\N{x}', b'''tri
ple''')
print(b[0], b[-1], b[1:3], b[::-1], b[::2], b[10:], b[:])
print(len(b), b + b' world', b * 2, 3 * b'ab', b * 0, b * -1)
print(104 in b, b'ell' in b, b'' in b, b'xyz' in b, 0 in b)
print(b == b'hello', b != b'hello', b < b'help', b'a' < b'ab', b'b' > b'abc', b <= b, b >= b'z')
print(b == 'hello', b == bytearray(b'hello'), bytearray(b'hello') == b)
print(hash(b'abc') == hash(b'abc'), hash(b'') == hash(b''), {b'k': 1}[b'k'])
print(bool(b''), bool(b'\x00'), not b'')
print(list(b'abc'), sorted(b'cab'), sum(b'abc'), max(b'abc'), min(b'abc'))
print([x for x in b'hi'], tuple(b'hi'), set(b'aa'))
print(bytes(), bytes(3), bytes([65, 66, 67]), bytes(range(5)), bytes('héllo', 'utf-8'), bytes(b'ab'))
print(bytes(bytearray(b'xy')), bytes((1, 2)), bytes(x for x in (97, 98)))
print(str(b'abc'), repr(b'abc'), f'{b!r}', f'{b}', '%s' % b'a', '%r' % b'q')
print(isinstance(b, bytes), type(b), type(b) is bytes, type(bytearray()))
print(ord(b'a'[0:1]), b'abc'[1:2], chr(b'A'[0]))
c = b'const'
d = b'const'
print(c == d, c is not None)
print(bytes.fromhex('de ad BE EF'), bytes.fromhex(''), b'\xde\xad'.hex(), b'abc'.hex(':'), b'abcdef'.hex('-', 2), b'abcde'.hex('.', -2))
print(b'%d %s %x %c %b' % (5, b'bee', 255, 65, b'zz'), b'%5s|%-5s|' % (b'ab', b'cd'), b'%c' % b'q', b'%r %a' % (b'x', 'é'))
print(b'%(a)s-%(b)d' % {b'a': b'A', b'b': 2}, b'100%%' % (), b'%05d %.2f %X' % (42, 3.14159, 255))
k = 'x'
for bad in ["bytes(-1)", "bytes([256])", "bytes([-1])", "bytes(['a'])", "bytes('abc')", "bytes(1.5)",
            "b'a' + 'b'", "'a' + b'b'", "b'abc'[5]", "b'abc'[k]", "hash(bytearray())", "'a' in b'abc'",
            "b'%s' % 'str'", "b'%d' % b'x'", "b'%c' % 300", "b'%s %s' % (b'a',)", "b'%s' % (b'a', b'b')",
            "bytes.fromhex('zz')", "bytes.fromhex('a')", "bytes.fromhex(b'ab')", "bytes('a', 'nope')",
            "bytes(3, 'utf-8')", "b'ab'.hex('::')", "b'abc' < 'abc'", "b'%y' % 1", "bytes(b'x', 'ascii')"]:
    try:
        print(bad, '->', eval(bad))
    except Exception as e:
        print(bad, '->', type(e).__name__, e)
