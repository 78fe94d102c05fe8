# json.loads / json.load: values, hooks and the decoder's exact errors.
import json

class Source:
    """Anything with .read works as load()'s file."""
    def __init__(self, text):
        self.text = text
    def read(self):
        return self.text

print(json.loads('{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "d"}, "e": []}'))
print(json.loads('  [ 1 , 2 ,\n 3 ]  '), json.loads('"x"'), json.loads('12'), json.loads('-0'), json.loads(' 1.0e+2 '))
print(json.loads('[0, -0.0, 1E5, 1e-5, 12345678901234567890123, 0.1]'))
print(json.loads('[NaN, Infinity, -Infinity]'))
print(json.loads('"esc: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\u20ac \\ud83d\\ude00"'))
print(json.loads('"caf\u00e9 \u2211 \U0001f600"'), json.loads('{"\u00e9": "\u00e9"}'))
print(json.loads('{"a": 1, "a": 2}'))
print(json.load(Source('{"from": "load"}')))
print(json.loads('{"x": 1.5}', parse_float=lambda s: "float:" + s))
print(json.loads('[1, 22]', parse_int=lambda s: int(s) * 10))
print(json.loads('{"k": {"n": 1}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"b": 1, "a": 2}', object_pairs_hook=list))
print(json.loads('[NaN]', parse_constant=lambda s: "const:" + s))
print(json.loads('"tab\there"', strict=False))
doc = {"list": [1, 2, {"x": None}], "s": "t\u00e9\nst", "f": 0.5}
print(json.loads(json.dumps(doc)) == doc, json.loads(json.dumps(doc, indent=3)) == doc)
print(json.JSONDecoder().raw_decode('[1] tail'))

print(issubclass(json.JSONDecodeError, ValueError))
from json.decoder import JSONDecodeError, JSONDecoder
from json.encoder import JSONEncoder
print(JSONDecodeError is json.JSONDecodeError, JSONDecoder, JSONEncoder, JSONDecodeError)
cases = ['', '   ', 'x', '[1, 2', '[1 2]', '{"a" 1}', '{"a": 1 "b": 2}', '{a: 1}', "{'a': 1}",
         '{"a": 1,}', '[1,]', '[', '{', '{"a":', '"abc', '"ab\\', '"a\\x"', '"\\u12"', '"\\uzzzz"',
         '"a\tb"', '"line\nbreak"', '[1] 2', '{} {}', '1 2', 'nul', 'tru', '-', '-x', '01', '1.', '.5',
         '1e', '[1, 2]\n\n  x', '\n\n  {"a": [1,\n  ]}', '[-]', '"\u00e9" x', '["\u00e9\u00e9", x]',
         '{"\U0001f600": 1, 2: 3}']
for text in cases:
    try:
        print(repr(json.loads(text)))
    except json.JSONDecodeError as e:
        print(repr(text), "->", type(e).__name__, e, "|", e.msg, e.pos, e.lineno, e.colno, e.doc == text)
for bad in [None, 1, ["[]"]]:
    try:
        json.loads(bad)
    except TypeError as e:
        print(type(e).__name__, e)
err = json.JSONDecodeError("Expecting value", "\n\nabc", 3)
print(err, err.lineno, err.colno, err.args)
raise json.JSONDecodeError("Expecting value", "", 0)
