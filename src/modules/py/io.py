"""io -- text and byte streams: open() and the file classes come from C (_io); StringIO
and BytesIO, streams kept in memory, are written here in Python.

Both keep the whole stream as one value and a position in it.  Like CPython's, they
are not meant to be shared by threads without a lock of the caller's own.
"""
from _io import UnsupportedOperation, TextIOWrapper, BufferedReader, BufferedWriter, BufferedRandom

open = open     # the built-in open(), by the same name

SEEK_SET, SEEK_CUR, SEEK_END = 0, 1, 2


class _MemoryStream:
    """What StringIO and BytesIO share: a value, a position, and the file methods.
    Subclasses set _empty ('' or b''), _newline (a newline) and _pad (a NUL, for
    writes past the end).  (No backslash escapes here: embed.sh does not double them.)"""

    def __init__(self, initial=None):
        self._value = self._empty if initial is None else self._check(initial)
        self._pos = 0
        self.closed = False

    def _open(self):
        if self.closed:
            raise ValueError(self._closed_message)

    def read(self, size=-1):
        self._open()
        end = len(self._value) if size is None or size < 0 else self._pos + size
        chunk = self._value[self._pos:end]
        self._pos += len(chunk)
        return chunk

    def readline(self, size=-1):
        self._open()
        i = self._value.find(self._newline, self._pos)
        end = len(self._value) if i < 0 else i + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        chunk = self._value[self._pos:end]
        self._pos += len(chunk)
        return chunk

    def readlines(self):
        return list(self)

    def write(self, data):
        self._open()
        data = self._check(data)
        v = self._value
        if self._pos > len(v):
            v = v + self._empty.join([self._pad] * (self._pos - len(v)))
        self._value = v[:self._pos] + data + v[self._pos + len(data):]
        self._pos += len(data)
        return len(data)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def seek(self, pos, whence=0):
        self._open()
        if whence == 1:
            pos += self._pos
        elif whence == 2:
            pos += len(self._value)
        if pos < 0:
            raise ValueError("negative seek value %d" % pos)
        self._pos = pos
        return pos

    def tell(self):
        self._open()
        return self._pos

    def getvalue(self):
        self._open()
        return self._value

    def truncate(self, size=None):
        self._open()
        size = self._pos if size is None else size
        self._value = self._value[:size]
        return size

    def close(self):
        self.closed = True

    def flush(self):
        self._open()

    def readable(self):
        self._open()
        return True

    writable = seekable = readable

    def __iter__(self):
        self._open()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def __enter__(self):
        self._open()
        return self

    def __exit__(self, *exc):
        self.close()
        return False


class StringIO(_MemoryStream):
    """A text stream in memory: io.StringIO('initial text')."""
    _empty, _newline, _pad = "", chr(10), chr(0)
    _closed_message = "I/O operation on closed file"      # (CPython's, without a period)

    def _check(self, data):
        if not isinstance(data, str):
            raise TypeError("string argument expected, got '%s'" % type(data).__name__)
        return data


class BytesIO(_MemoryStream):
    """A byte stream in memory: io.BytesIO(b'initial bytes')."""
    _empty, _newline, _pad = b"", bytes([10]), bytes([0])
    _closed_message = "I/O operation on closed file."

    def _check(self, data):
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)
        return bytes(data)

    def getbuffer(self):
        return bytearray(self._value)
