"""string -- character classes as constants, capwords, and Template.

Template does $-substitution: '$who likes $what' with who='tim' gives
'tim likes $what' from safe_substitute and KeyError('what') from substitute.
'$$' is a literal '$', and '${name}' delimits a name followed by letters.
"""

__all__ = ['ascii_letters', 'ascii_lowercase', 'ascii_uppercase', 'capwords',
           'digits', 'hexdigits', 'octdigits', 'printable', 'punctuation',
           'whitespace', 'Template']

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Split s into words (at sep), capitalize each, and join them with sep
    (one space by default)."""
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


_IDENT_START = '_' + ascii_letters
_IDENT_REST = _IDENT_START + digits


class Template:
    """A string with $name placeholders."""

    delimiter = '$'

    def __init__(self, template):
        self.template = template

    # ---- the scanner: the text as literal pieces and placeholders ----

    def _pieces(self):
        """Yield ('text', s), ('name', (name, source)), or ('invalid', position)
        in order; source is the placeholder as written ($name or ${name})."""
        t = self.template
        d = self.delimiter
        i = 0
        start = 0
        while True:
            i = t.find(d, start)
            if i < 0:
                yield 'text', t[start:]
                return
            yield 'text', t[start:i]
            j = i + len(d)
            if t.startswith(d, j):                       # $$ -> $
                yield 'text', d
                start = j + len(d)
            elif j < len(t) and t[j] in _IDENT_START:     # $name
                k = j + 1
                while k < len(t) and t[k] in _IDENT_REST:
                    k += 1
                yield 'name', (t[j:k], t[i:k])
                start = k
            elif t.startswith('{', j):                    # ${name}
                k = j + 1
                if k < len(t) and t[k] in _IDENT_START:
                    k += 1
                    while k < len(t) and t[k] in _IDENT_REST:
                        k += 1
                if k > j + 1 and t.startswith('}', k):
                    yield 'name', (t[j + 1:k], t[i:k + 1])
                    start = k + 1
                else:
                    yield 'invalid', j
                    start = j
            else:
                yield 'invalid', j
                start = j

    def _invalid(self, pos):
        lines = self.template[:pos].splitlines(keepends=True)
        if not lines:
            colno, lineno = 1, 1
        else:
            colno = pos - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError(f'Invalid placeholder in string: line {lineno}, col {colno}')

    def _mapping(self, mapping, kws):
        if mapping is None:
            return kws
        if kws:
            merged = dict(mapping)
            merged.update(kws)
            return merged
        return mapping

    def substitute(self, mapping=None, /, **kws):
        """Replace each placeholder; KeyError for a missing name, ValueError for
        a bad placeholder."""
        mapping = self._mapping(mapping, kws)
        out = []
        for kind, value in self._pieces():
            if kind == 'text':
                out.append(value)
            elif kind == 'name':
                out.append(str(mapping[value[0]]))
            else:
                self._invalid(value)
        return ''.join(out)

    def safe_substitute(self, mapping=None, /, **kws):
        """Like substitute, but leave missing names and bad placeholders as they are."""
        mapping = self._mapping(mapping, kws)
        out = []
        for kind, value in self._pieces():
            if kind == 'text':
                out.append(value)
            elif kind == 'name':
                try:
                    out.append(str(mapping[value[0]]))
                except KeyError:
                    out.append(value[1])
            else:
                out.append(self.delimiter)
        return ''.join(out)

    def get_identifiers(self):
        """The names used in the template, each once, in order."""
        ids = []
        for kind, value in self._pieces():
            if kind == 'name' and value[0] not in ids:
                ids.append(value[0])
        return ids

    def is_valid(self):
        """False if the template has a bad placeholder."""
        return all(kind != 'invalid' for kind, value in self._pieces())
