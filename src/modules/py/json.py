"""json -- JSON text to Python values and back (RFC 8259), as CPython's json module.

Encoding walks the value recursively and collects the output in a list of pieces,
joined once at the end.  Decoding is a recursive-descent scanner over the text: each
_scan_* function takes the position where a value starts and returns the value and
the position after it.  Strings are cut out in whole runs between quotes and
backslashes (str.find), not a character at a time.

gilt stores strings as UTF-8, so indexing a string that holds any non-ASCII
character costs time proportional to the index.  A scanner indexes a lot, so
loads() first rewrites such a document into an ASCII one, each non-ASCII character
as a \\uXXXX escape (which decodes to the same character inside a string, and is an
error outside one just as the character was), and maps error positions back.

Nothing here keeps state between calls: threads may encode and decode at once.
"""
import math as _math

__all__ = ['dump', 'dumps', 'load', 'loads', 'JSONDecodeError', 'JSONDecoder', 'JSONEncoder']


# ====================================================================================
# Errors
# ====================================================================================

class JSONDecodeError(ValueError):
    """What loads() raises for bad JSON: msg, the document, pos, lineno and colno."""
    __module__ = 'json.decoder'

    def __init__(self, msg, doc, pos):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        ValueError.__init__(self, '%s: line %d column %d (char %d)' % (msg, lineno, colno, pos))
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno


# ====================================================================================
# Encoding
# ====================================================================================

_ESCAPES = {'\\': '\\\\', '"': '\\"', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t'}
for _i in range(0x20):
    _ESCAPES.setdefault(chr(_i), '\\u%04x' % _i)
del _i


def _escape_char(c):
    """One character of a string, escaped for ensure_ascii output."""
    e = _ESCAPES.get(c)
    if e is not None:
        return e
    n = ord(c)
    if n < 0x7f:
        return c
    if n < 0x10000:
        return '\\u%04x' % n
    n -= 0x10000                      # beyond the BMP: a UTF-16 surrogate pair
    return '\\u%04x\\u%04x' % (0xd800 | (n >> 10), 0xdc00 | (n & 0x3ff))


def _encode_str_ascii(s):
    if s.isascii() and s.isprintable() and '"' not in s and '\\' not in s:
        return '"' + s + '"'          # the common case: nothing to escape
    return '"' + ''.join([_escape_char(c) for c in s]) + '"'


def _encode_str(s):
    if s.isprintable() and '"' not in s and '\\' not in s:
        return '"' + s + '"'
    return '"' + ''.join([_ESCAPES.get(c, c) for c in s]) + '"'


def _float_repr(o, allow_nan):
    if o != o:
        text = 'NaN'
    elif o == _math.inf:
        text = 'Infinity'
    elif o == -_math.inf:
        text = '-Infinity'
    else:
        return float.__repr__(o)
    if not allow_nan:
        raise ValueError('Out of range float values are not JSON compliant')
    return text


class JSONEncoder:
    """The encoder dumps() uses; subclass it and override default() for new types."""
    __module__ = 'json.encoder'
    item_separator = ', '
    key_separator = ': '

    def __init__(self, *, skipkeys=False, ensure_ascii=True, check_circular=True,
                 allow_nan=True, sort_keys=False, indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        if indent is not None and not isinstance(indent, str):
            indent = ' ' * indent
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ','
        if default is not None:
            self.default = default

    def default(self, o):
        raise TypeError(f'Object of type {o.__class__.__name__} is not JSON serializable')

    def encode(self, o):
        chunks = []
        self._encode(o, chunks, 0, {} if self.check_circular else None)
        return ''.join(chunks)

    def iterencode(self, o):
        return iter([self.encode(o)])

    # one value appended to chunks; level is the indentation depth, markers the ids of
    # the containers being encoded (a container inside itself is an error)
    def _encode(self, o, chunks, level, markers):
        if isinstance(o, str):
            chunks.append(_encode_str_ascii(o) if self.ensure_ascii else _encode_str(o))
        elif o is None:
            chunks.append('null')
        elif o is True:
            chunks.append('true')
        elif o is False:
            chunks.append('false')
        elif isinstance(o, int):
            chunks.append(int.__repr__(o))
        elif isinstance(o, float):
            chunks.append(_float_repr(o, self.allow_nan))
        elif isinstance(o, (list, tuple)):
            self._encode_list(o, chunks, level, markers)
        elif isinstance(o, dict):
            self._encode_dict(o, chunks, level, markers)
        else:
            self._enter(o, markers)
            self._encode(self.default(o), chunks, level, markers)
            self._leave(o, markers)

    def _enter(self, o, markers):
        if markers is not None:
            if id(o) in markers:
                raise ValueError('Circular reference detected')
            markers[id(o)] = o

    def _leave(self, o, markers):
        if markers is not None:
            del markers[id(o)]

    def _newline(self, level):
        """The separator text before an item at this depth (None: no indentation)."""
        if self.indent is None:
            return None
        return '\n' + self.indent * level

    def _encode_list(self, lst, chunks, level, markers):
        if not lst:
            chunks.append('[]')
            return
        self._enter(lst, markers)
        inner = self._newline(level + 1)
        sep = self.item_separator if inner is None else self.item_separator + inner
        chunks.append('[' if inner is None else '[' + inner)
        first = True
        for value in lst:
            if not first:
                chunks.append(sep)
            first = False
            self._encode(value, chunks, level + 1, markers)
        chunks.append(']' if inner is None else self._newline(level) + ']')
        self._leave(lst, markers)

    def _key(self, key):
        """A dict key as JSON text, or None to skip it."""
        if isinstance(key, str):
            return _encode_str_ascii(key) if self.ensure_ascii else _encode_str(key)
        if isinstance(key, float):
            text = _float_repr(key, self.allow_nan)
        elif key is True:
            text = 'true'
        elif key is False:
            text = 'false'
        elif key is None:
            text = 'null'
        elif isinstance(key, int):
            text = int.__repr__(key)
        elif self.skipkeys:
            return None
        else:
            raise TypeError(f'keys must be str, int, float, bool or None, not {key.__class__.__name__}')
        return '"' + text + '"'

    def _encode_dict(self, dct, chunks, level, markers):
        if not dct:
            chunks.append('{}')
            return
        self._enter(dct, markers)
        inner = self._newline(level + 1)
        sep = self.item_separator if inner is None else self.item_separator + inner
        chunks.append('{' if inner is None else '{' + inner)
        items = sorted(dct.items()) if self.sort_keys else dct.items()
        first = True
        for key, value in items:
            text = self._key(key)
            if text is None:
                continue
            if not first:
                chunks.append(sep)
            first = False
            chunks.append(text)
            chunks.append(self.key_separator)
            self._encode(value, chunks, level + 1, markers)
        chunks.append('}' if inner is None else self._newline(level) + '}')
        self._leave(dct, markers)


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
          cls=None, indent=None, separators=None, default=None, sort_keys=False, **kw):
    """obj as a JSON str."""
    if cls is None:
        cls = JSONEncoder
    return cls(skipkeys=skipkeys, ensure_ascii=ensure_ascii, check_circular=check_circular,
               allow_nan=allow_nan, indent=indent, separators=separators, default=default,
               sort_keys=sort_keys, **kw).encode(obj)


def dump(obj, fp, **kw):
    """Write obj as JSON to fp (anything with a .write(str) method)."""
    fp.write(dumps(obj, **kw))


# ====================================================================================
# Decoding
# ====================================================================================

_WHITESPACE = ' \t\n\r'
_NUMBER_CHARS = frozenset('0123456789+-.eE')
_DIGITS = '0123456789'
_SIMPLE_ESCAPES = {'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
_CONSTANTS = {'NaN': _math.nan, 'Infinity': _math.inf, '-Infinity': -_math.inf}


class _Scanner:
    """One decoding: the (ASCII) text, the hooks, and how to report an error.

    The scanning functions are closures made in __init__, over the text and the
    hooks as local variables (faster in an interpreter than attributes)."""

    def __init__(self, text, original, expansions, object_hook, object_pairs_hook,
                 parse_float, parse_int, parse_constant, strict):
        self.original = original
        self.expansions = expansions        # (position in text, characters added so far)
        self.value = self._make(text, object_hook, object_pairs_hook, parse_float, parse_int,
                                parse_constant, strict)

    def error(self, msg, pos):
        """The JSONDecodeError for pos in the text, told in the original's positions."""
        lo, hi = 0, len(self.expansions)
        while lo < hi:                      # the last expansion starting before pos
            mid = (lo + hi) // 2
            if self.expansions[mid][0] < pos:
                lo = mid + 1
            else:
                hi = mid
        added = self.expansions[lo - 1][1] if lo else 0
        return JSONDecodeError(msg, self.original, pos - added)

    def _make(self, s, object_hook, object_pairs_hook, parse_float, parse_int, parse_constant, strict):
        error = self.error
        n = len(s)
        find = s.find
        startswith = s.startswith
        escapes = _SIMPLE_ESCAPES
        number_chars = '0123456789+-.eE'

        def skip_ws(pos):
            # whole runs at a time: lstrip on a bounded piece, not a character per step
            while pos < n and s[pos] in _WHITESPACE:
                piece = s[pos:pos + 64]
                rest = piece.lstrip(_WHITESPACE)
                pos += len(piece) - len(rest)
                if rest:
                    break
            return pos

        def value(pos):
            """The value starting at pos (no whitespace before it) and the end."""
            c = s[pos] if pos < n else ''
            if c == '"':
                return string(pos + 1)
            if c == '{':
                return obj(pos + 1)
            if c == '[':
                return array(pos + 1)
            if c == 'n' and startswith('null', pos):
                return None, pos + 4
            if c == 't' and startswith('true', pos):
                return True, pos + 4
            if c == 'f' and startswith('false', pos):
                return False, pos + 5
            if c == 'N' and startswith('NaN', pos):
                return parse_constant('NaN'), pos + 3
            if c == 'I' and startswith('Infinity', pos):
                return parse_constant('Infinity'), pos + 8
            if c == '-' and startswith('-Infinity', pos):
                return parse_constant('-Infinity'), pos + 9
            if c == '-' or '0' <= c <= '9':
                return number(pos)
            raise error('Expecting value', pos)

        def number(start):
            # the longest run of number characters, then the grammar checked on it:
            # -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][-+]?[0-9]+)?
            piece = s[start:start + 40]
            end = start + len(piece) - len(piece.lstrip(number_chars))
            while end == start + len(piece) and end < n:      # a very long number
                piece = s[end:end + 40]
                end += len(piece) - len(piece.lstrip(number_chars))
            text = s[start:end]
            digits = text[1:] if text[0] == '-' else text
            if digits.isdigit() and (digits[0] != '0' or len(digits) == 1):
                return parse_int(text), end                  # the common case: an int
            return number_slow(start, text)

        def number_slow(start, text):
            m = len(text)
            pos = 1 if text[0] == '-' else 0
            if pos >= m or not text[pos].isdigit():
                raise error('Expecting value', start)
            if text[pos] == '0':
                pos += 1
            else:
                while pos < m and text[pos].isdigit():
                    pos += 1
            is_float = False
            if pos + 1 < m and text[pos] == '.' and text[pos + 1].isdigit():
                is_float = True
                pos += 2
                while pos < m and text[pos].isdigit():
                    pos += 1
            if pos < m and text[pos] in 'eE':
                e = pos + 1
                if e < m and text[e] in '+-':
                    e += 1
                if e < m and text[e].isdigit():
                    is_float = True
                    pos = e + 1
                    while pos < m and text[pos].isdigit():
                        pos += 1
            text = text[:pos]
            return (parse_float(text) if is_float else parse_int(text)), start + pos

        def string(pos):
            """The string whose opening quote is just before pos, and the end."""
            begin = pos - 1
            pieces = None
            while True:
                quote = find('"', pos)
                if quote < 0:
                    raise error('Unterminated string starting at', begin)
                backslash = find('\\', pos, quote)
                end = quote if backslash < 0 else backslash
                run = s[pos:end]
                if strict and not run.isprintable():
                    for i, c in enumerate(run):
                        if c < ' ':
                            raise error('Invalid control character at', pos + i)
                if backslash < 0:
                    if pieces is None:
                        return run, quote + 1
                    pieces.append(run)
                    return ''.join(pieces), quote + 1
                if pieces is None:
                    pieces = []
                pieces.append(run)
                pos = escape(backslash, pieces, begin)

        def escape(pos, pieces, begin):
            """The escape at s[pos] == '\\': append its character, return the position after."""
            if pos + 1 >= n:
                raise error('Unterminated string starting at', begin)
            c = s[pos + 1]
            if c != 'u':
                char = escapes.get(c)
                if char is None:
                    raise error('Invalid \\escape', pos)
                pieces.append(char)
                return pos + 2
            code = hex4(pos)
            end = pos + 6
            if 0xd800 <= code <= 0xdbff and startswith('\\u', end):
                low = hex4(end)
                if 0xdc00 <= low <= 0xdfff:
                    code = 0x10000 + (((code - 0xd800) << 10) | (low - 0xdc00))
                    end += 6
            if 0xd800 <= code <= 0xdfff:
                code = 0xfffd            # gilt's strings cannot hold a lone surrogate
            pieces.append(chr(code))
            return end

        def hex4(pos):
            digits = s[pos + 2:pos + 6]
            if len(digits) == 4 and all(d in '0123456789abcdefABCDEF' for d in digits):
                return int(digits, 16)
            raise error('Invalid \\uXXXX escape', pos + 1)

        def finish_object(pairs):
            if object_pairs_hook is not None:
                return object_pairs_hook(pairs)
            result = dict(pairs)
            if object_hook is not None:
                return object_hook(result)
            return result

        def obj(pos):
            pairs = []
            if s[pos:pos + 1] in _WHITESPACE:
                pos = skip_ws(pos)
            if startswith('}', pos):
                return finish_object(pairs), pos + 1
            while True:
                if not startswith('"', pos):
                    raise error('Expecting property name enclosed in double quotes', pos)
                key, pos = string(pos + 1)
                if not startswith(':', pos):
                    pos = skip_ws(pos)
                    if not startswith(':', pos):
                        raise error("Expecting ':' delimiter", pos)
                pos += 1
                if s[pos:pos + 1] in _WHITESPACE:
                    pos = skip_ws(pos)
                v, pos = value(pos)
                pairs.append((key, v))
                c = s[pos:pos + 1]
                if c in _WHITESPACE:
                    pos = skip_ws(pos)
                    c = s[pos:pos + 1]
                if c == '}':
                    return finish_object(pairs), pos + 1
                if c != ',':
                    raise error("Expecting ',' delimiter", pos)
                pos += 1
                if s[pos:pos + 1] in _WHITESPACE:
                    pos = skip_ws(pos)

        def array(pos):
            items = []
            if s[pos:pos + 1] in _WHITESPACE:
                pos = skip_ws(pos)
            if startswith(']', pos):
                return items, pos + 1
            append = items.append
            while True:
                v, pos = value(pos)
                append(v)
                c = s[pos:pos + 1]
                if c in _WHITESPACE:
                    pos = skip_ws(pos)
                    c = s[pos:pos + 1]
                if c == ']':
                    return items, pos + 1
                if c != ',':
                    raise error("Expecting ',' delimiter", pos)
                pos += 1
                if s[pos:pos + 1] in _WHITESPACE:
                    pos = skip_ws(pos)

        return value


def _to_ascii(s):
    """s with every non-ASCII character as a \\uXXXX escape (a pair beyond the BMP),
    and the list of (position in the result, characters added before it)."""
    out = []
    expansions = []
    added = 0
    start = 0
    for i, c in enumerate(s):
        if c < '\x80':
            continue
        out.append(s[start:i] if start < i else '')
        esc = _escape_char(c)
        out.append(esc)
        added += len(esc) - 1
        expansions.append((i + added, added))
        start = i + 1
    out.append(s[start:])
    return ''.join(out), expansions


class JSONDecoder:
    """The decoder loads() uses."""
    __module__ = 'json.decoder'

    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None,
                 parse_constant=None, strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant or _CONSTANTS.__getitem__
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook

    def decode(self, s):
        value, end = self.raw_decode(s, _skip_leading_ws(s))
        end = _skip_leading_ws(s, end)
        if end != len(s):
            raise JSONDecodeError('Extra data', s, end)
        return value

    def raw_decode(self, s, idx=0):
        """The value at s[idx:] and the index in s where it ends."""
        text, expansions = (s, []) if s.isascii() else _to_ascii(s)
        sc = _Scanner(text, s, expansions, self.object_hook, self.object_pairs_hook,
                      self.parse_float, self.parse_int, self.parse_constant, self.strict)
        shift = _added_before(expansions, idx)
        value, end = sc.value(idx + shift)
        return value, end - _added_before_text(expansions, end)


def _skip_leading_ws(s, pos=0):
    n = len(s)
    if s.isascii():
        while pos < n and s[pos] in _WHITESPACE:
            pos += 1
        return pos
    stripped = s[pos:].lstrip(_WHITESPACE)
    return n - len(stripped)


def _added_before(expansions, idx):
    """Characters added by _to_ascii before position idx of the original."""
    added = 0
    for text_pos, total in expansions:
        if text_pos - total >= idx:
            break
        added = total
    return added


def _added_before_text(expansions, pos):
    """Characters added before position pos of the ASCII text."""
    added = 0
    for text_pos, total in expansions:
        if text_pos >= pos:
            break
        added = total
    return added


def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None,
          parse_constant=None, object_pairs_hook=None, **kw):
    """The Python value of the JSON text s."""
    if not isinstance(s, str):
        raise TypeError(f'the JSON object must be str, bytes or bytearray, not {s.__class__.__name__}')
    if cls is None:
        cls = JSONDecoder
    return cls(object_hook=object_hook, parse_float=parse_float, parse_int=parse_int,
               parse_constant=parse_constant, object_pairs_hook=object_pairs_hook, **kw).decode(s)


def load(fp, **kw):
    """The Python value of the JSON text read from fp (anything with .read())."""
    return loads(fp.read(), **kw)
