# int.to_bytes and int.from_bytes
print((1024).to_bytes(2, 'big'), (1024).to_bytes(2, 'little'), (5).to_bytes(), (255).to_bytes(1), (0).to_bytes(0))
print((-1).to_bytes(2, 'little', signed=True), (-128).to_bytes(1, signed=True), (127).to_bytes(1, signed=True), (-129).to_bytes(2, signed=True))
print((2**70).to_bytes(9, 'big'), (-(2**70)).to_bytes(10, 'little', signed=True), (2**64 - 1).to_bytes(8, 'big'))
print(int.from_bytes(b'\xff\xfe', 'big', signed=True), int.from_bytes([1, 0]), int.from_bytes(b'\x01\x00', 'little'), int.from_bytes(b''), int.from_bytes(b'\x80', signed=True))
print(int.from_bytes(bytearray(b'\xff' * 12)), int.from_bytes(b'\xff' * 12, signed=True), int.from_bytes(b'\x00\x80', 'little', signed=True))
for v in [0, 1, -1, 127, -128, 255, 2**31, -2**31, 2**63 - 1, -2**63, 2**100, -2**100 + 7]:
    for signed in (False, True):
        if v < 0 and not signed:
            continue
        n = (v.bit_length() + 8) // 8
        assert int.from_bytes(v.to_bytes(n, 'big', signed=signed), 'big', signed=signed) == v, v
        assert int.from_bytes(v.to_bytes(n, 'little', signed=signed), 'little', signed=signed) == v, v
print('round trips ok')
for bad in ["(256).to_bytes(1)", "(-1).to_bytes(1)", "(128).to_bytes(1, signed=True)", "(-129).to_bytes(1, signed=True)",
            "(1).to_bytes(-1)", "(1).to_bytes(1, 'middle')", "int.from_bytes(b'a', 'x')", "int.from_bytes('ab')",
            "(1).to_bytes(0)", "int.from_bytes([256])"]:
    try:
        print(bad, '->', eval(bad))
    except Exception as e:
        print(bad, '->', type(e).__name__, e)
