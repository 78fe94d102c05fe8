# an uncaught UnicodeDecodeError: its traceback
data = bytearray(b'ok \xff')
print(data.decode('latin-1'))
print(data.decode())
