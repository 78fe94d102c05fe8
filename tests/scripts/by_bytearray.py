# bytearray: construction and mutation
a = bytearray(b'hello')
print(a, bytearray(), bytearray(3), bytearray([1, 2]), bytearray('hé', 'utf-8'), bytearray(a), len(a))
a[0] = 72
a[-1] = ord('O')
print(a, a[0], a[1:3], a[::-1], type(a[1:3]))
a.append(33); a.extend(b' ok'); a.extend([1, 2]); a.insert(0, 62); a.insert(-1, 0); a.insert(100, 9)
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(1); a.reverse(); print(a); a.reverse()
c = a.copy(); c.clear(); print(c, a)
b = bytearray(b'0123456789')
b[2:5] = b'ab'; print(b)
b[0:0] = bytearray(b'<<'); print(b)
b[::2] = b'xxxxx'; print(b)
b[1:3] = [65, 66, 67, 68]; print(b)
del b[0]; del b[2:4]; del b[::3]; print(b)
del b[::-2]; print(b)
b += b'++'; b += bytearray(b'!'); print(b)
b *= 2; print(b)
print(b + b'x', b'x' + b, b * 2 == b + b, 2 * bytearray(b'ab'), bytearray(b'%d-%s') % (1, b'z'))
print(bytearray(b'abc') == b'abc', bytearray(b'abc') < bytearray(b'abd'), b'ab' in bytearray(b'cabd'), 99 in bytearray(b'abc'))
print(list(bytearray(b'hi')), [x for x in bytearray(b'ok')], bool(bytearray()), str(bytearray(b"'")), repr(bytearray(b'a"\'')))
x = b = bytearray(b'same'); b += b'!'; print(x is b, x)
for bad in ["a.pop(50)", "bytearray().pop()", "a.remove(200)", "a.remove(7)", "a.append(256)", "a.append('x')",
            "a.__setitem__(99, 1)", "a.__setitem__(0, 300)", "a.__setitem__(0, b'x')", "a.__getitem__(99)",
            "a.__setitem__(slice(0, 5, 2), b'x')", "a.__setitem__(slice(0, 2), 5)", "a.extend(5)", "a.extend(['a'])",
            "a.__iadd__('s')", "{bytearray(): 1}", "a.insert(0, -1)", "bytearray('x')", "a.__delitem__(100)"]:
    try:
        print(bad, '->', eval(bad))
    except Exception as e:
        print(bad, '->', type(e).__name__, e)
