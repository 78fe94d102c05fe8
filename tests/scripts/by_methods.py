# bytes/bytearray methods and the codecs
s = b'  Hello, World  '
print(s.strip(), s.lstrip(), s.rstrip(), b'xxhixx'.strip(b'x'), b'abc'.strip(bytearray(b'ac')))
print(b'a b  c'.split(), b'a,b,,c'.split(b','), b'a,b,c'.split(b',', 1), b'a,b,c'.rsplit(b',', 1), b'  a b c  '.rsplit(None, 1))
print(b' a  b '.split(maxsplit=1), b''.split(), b''.split(b','), b'a\nb\r\nc\r'.splitlines(), b'a\nb'.splitlines(True))
print(b'-'.join([b'a', b'b', bytearray(b'c')]), b''.join([]), bytearray(b', ').join((b'x', b'y')))
print(b'hello'.startswith(b'he'), b'hello'.endswith((b'x', b'lo')), b'hello'.startswith(b'l', 2), b'hello'.endswith(b'l', 0, 4))
print(b'hello'.find(b'l'), b'hello'.rfind(b'l'), b'hello'.find(b'z'), b'hello'.find(108), b'hello'.index(b'e'), b'hello'.rindex(b'l'), b'hello'.find(b'l', 3, 4))
print(b'banana'.count(b'a'), b'banana'.count(b'an'), b'banana'.count(97), b'aaa'.count(b''), b'banana'.replace(b'a', b'o'), b'banana'.replace(b'a', b'', 2), b'ab'.replace(b'', b'-'))
print(b'Hello World'.upper(), b'Hello World'.lower(), b'Hello World'.swapcase(), b'hello world'.capitalize(), b'hello wORLD 3x'.title())
print(b'123'.isdigit(), b'12a'.isdigit(), b'abc'.isalpha(), b'ab1'.isalnum(), b' \t\n'.isspace(), b''.isspace(), b'ABC'.isupper(), b'abc1'.islower(), b'Ab'.isupper(), b'\x80'.isascii())
print(b'a=b=c'.partition(b'='), b'a=b=c'.rpartition(b'='), b'abc'.partition(b'x'), b'abc'.rpartition(b'x'))
print(b'42'.zfill(5), b'-42'.zfill(5), b'abc'.center(9, b'*'), b'abc'.center(8), b'ab'.ljust(5, b'.'), b'ab'.rjust(5), b'a\tb'.expandtabs(4))
print(b'prefix-x'.removeprefix(b'prefix-'), b'x.py'.removesuffix(b'.py'), b'abc'.removeprefix(b'z'))
print('héllo €'.encode(), 'héllo'.encode('latin-1'), 'abc'.encode('ascii'), 'é€'.encode('ascii', 'replace'), 'aé€b'.encode('ascii', 'ignore'))
print(b'h\xc3\xa9llo'.decode(), b'h\xe9llo'.decode('latin-1'), b'abc'.decode('ascii'), b'a\xff\xfeb'.decode('utf-8', 'replace'), b'a\xffb'.decode('utf-8', 'ignore'))
print(b'\xe2\x82'.decode('utf-8', 'replace'), b'x\xf0\x9f\x98\x80y'.decode(), 'x😀'.encode('utf-8'), b'abc'.decode(encoding='UTF8'), str(b'ab', 'ascii'))
ba = bytearray(b'Mixed Case')
print(ba.upper(), ba.split(), ba.find(b'C'), ba.replace(b'e', b'E'), ba.decode(), ba.hex(), bytearray.fromhex('41 42'))
cases = ["b'\\xff'.decode()", "b'a\\xc3'.decode()", "b'\\xe2\\x82x'.decode()", "b'\\xe2\\x82'.decode()", "b'ab\\x80'.decode('ascii')",
         "'é'.encode('ascii')", "'aé€'.encode('latin-1')", "'ab€€c'.encode('ascii')", "b'x'.decode('nope')",
         "b'\\xed\\xa0\\x80'.decode()", "b'\\xf5'.decode()", "'a'.encode(5)", "b'a'.decode(errors='bogus')",
         "b'\\xff'.decode(errors='bogus')", "b'abc'.find('a')", "b'abc'.index(b'z')", "b'abc'.split('b')",
         "b'abc'.split(b'')", "b'a'.join(['b'])", "b'a'.startswith('a')", "b'abc'.strip('a')", "b'a'.center(5, 'x')",
         "b'a'.center(5, b'xy')", "b'a'.partition(b'')", "b'abc'.count(256)", "b'abc'.replace('a', 'b')"]
for c in cases:
    try:
        print(c, '->', eval(c))
    except Exception as e:
        print(c, '->', type(e).__name__, e)
