"""pydoc -- the pages help() prints: a name, a signature, a docstring.

The built-in help (src/modules/help.c) calls help() here, as CPython's calls its
pydoc.  A page is plain text, laid out as CPython's pydoc lays out its text pages,
for what gilt has:

    function, method, built-in   "Help on function f in module m:", f(a, b=2), the doc
    class                        its bases, signature, doc, then what it defines and
                                 inherits, grouped (methods, class and static methods,
                                 properties, data), each group from one class
    module                       NAME, DESCRIPTION, CLASSES, FUNCTIONS, DATA, FILE
    a str                        the module, dotted name or built-in it names
    anything else                the page of its class

Signatures are read off the code object (co_varnames, co_argcount,
co_kwonlyargcount, co_flags, __defaults__, __kwdefaults__); a built-in written in C
has none to read, and shows as f(...).  help() with no argument is a small
prompt that reads names from stdin until "q" or the end of input.
"""
import sys

_RULE = "-" * 70
# names a page never lists (pydoc's "hidden names"); and _private ones, below
_HIDDEN = {"__author__", "__builtins__", "__cached__", "__credits__", "__date__", "__doc__", "__file__",
           "__spec__", "__loader__", "__module__", "__name__", "__package__", "__path__", "__qualname__",
           "__slots__", "__version__", "__dict__", "__weakref__", "__annotations__"}


def _visible(name):
    if name in _HIDDEN:
        return False
    if name.startswith("__") and name.endswith("__"):
        return True
    return not name.startswith("_")


def _cleandoc(doc):
    """The docstring without the indentation its source gave it."""
    lines = doc.expandtabs().split("\n")
    margin = None
    for line in lines[1:]:
        text = line.lstrip()
        if text:
            indent = len(line) - len(text)
            margin = indent if margin is None else min(margin, indent)
    out = [lines[0].strip()]
    for line in lines[1:]:
        out.append(line[margin:].rstrip() if margin else line.rstrip())
    while out and not out[-1]:
        out.pop()
    while out and not out[0]:
        out.pop(0)
    return "\n".join(out)


def getdoc(obj):
    doc = getattr(obj, "__doc__", None)
    if not isinstance(doc, str):
        return ""
    if isinstance(obj, type) or callable(obj) or _is_module(obj) or isinstance(obj, property):
        return _cleandoc(doc)
    return ""


def _indent(text, prefix="    "):
    return "\n".join(prefix + line for line in text.split("\n"))


def _is_module(obj):
    return type(obj).__name__ == "module"


def _is_function(obj):
    return type(obj).__name__ == "function"


def _is_builtin(obj):
    return type(obj).__name__ == "builtin_function_or_method"


def _builtin_module(fn):
    """The module a built-in function written in C belongs to, or None for a method
    of a built-in object ([].append)."""
    owner = getattr(fn, "__self__", None)
    if owner is None:
        return getattr(fn, "__module__", None) or "builtins"
    return owner.__name__ if _is_module(owner) else None


def _unwrap_method(obj):
    """A bound method's function and whether its first argument is bound."""
    f = getattr(obj, "__func__", None)
    if f is not None and getattr(obj, "__self__", None) is not None:
        return f, True
    return obj, False


# The signatures of built-ins written in C, which have no code object to read
# them from (CPython keeps them in __text_signature__); the rest show as f(...).
_BUILTIN_SIGNATURES = {
    "abs": "(x, /)", "all": "(iterable, /)", "any": "(iterable, /)", "ascii": "(obj, /)",
    "bin": "(number, /)", "callable": "(obj, /)", "chr": "(i, /)", "delattr": "(obj, name, /)",
    "divmod": "(x, y, /)", "format": "(value, format_spec='', /)", "hasattr": "(obj, name, /)",
    "hash": "(obj, /)", "hex": "(number, /)", "id": "(obj, /)", "input": "(prompt='', /)",
    "isinstance": "(obj, class_or_tuple, /)", "issubclass": "(cls, class_or_tuple, /)",
    "len": "(obj, /)", "oct": "(number, /)", "ord": "(c, /)", "pow": "(base, exp, mod=None)",
    "print": "(*args, sep=' ', end='\\n', file=None, flush=False)", "repr": "(obj, /)",
    "round": "(number, ndigits=None)", "setattr": "(obj, name, value, /)",
    "sorted": "(iterable, /, *, key=None, reverse=False)", "sum": "(iterable, /, start=0)",
}


def signature(fn, skip_first=False):
    """'(a, b=2, *args, c, **kw)' for a function written in Python, or None."""
    code = getattr(fn, "__code__", None)
    if code is None:
        if _is_builtin(fn) and _builtin_module(fn) == "builtins":
            return _BUILTIN_SIGNATURES.get(getattr(fn, "__name__", ""))
        return None
    names = code.co_varnames
    npos, nkw = code.co_argcount, code.co_kwonlyargcount
    posonly = getattr(code, "co_posonlyargcount", 0)
    flags = getattr(code, "co_flags", 0)
    defaults = getattr(fn, "__defaults__", None) or ()
    kwdefaults = getattr(fn, "__kwdefaults__", None) or {}
    parts = []
    first_default = npos - len(defaults)
    for i in range(npos):
        p = names[i]
        if i >= first_default:
            p += "=" + repr(defaults[i - first_default])
        parts.append(p)
        if posonly and i == posonly - 1:
            parts.append("/")
    at = npos + nkw
    if flags & 0x04:
        parts.append("*" + names[at])
        at += 1
    elif nkw:
        parts.append("*")
    for i in range(npos, npos + nkw):
        p = names[i]
        if p in kwdefaults:
            p += "=" + repr(kwdefaults[p])
        parts.append(p)
    if flags & 0x08:
        parts.append("**" + names[at])
    if skip_first and parts and parts[0] not in ("/", "*") and not parts[0].startswith("*"):
        parts.pop(0)
        if parts and parts[0] == "/":
            parts.pop(0)
    return "(" + ", ".join(parts) + ")"


# ---- routines ----

def _routine(obj, name=None, note="", skip_first=False, doc=None):
    """The lines of one function's entry: its signature, then its doc, indented."""
    fn, bound = _unwrap_method(obj)
    if bound and not note and not isinstance(obj.__self__, type):
        owner = type(obj.__self__)
        note = f" method of {owner.__module__}.{owner.__qualname__} instance"
    name = name or getattr(fn, "__name__", "?")
    real = getattr(fn, "__name__", name)
    if _is_function(fn) and real == "<lambda>":
        title = name + " lambda " + (signature(fn, bound or skip_first) or "(...)")[1:-1]
    else:
        title = name + (signature(fn, bound or skip_first) or "(...)")
        if name != real and _is_function(fn):
            title = name + " = " + real + (signature(fn, bound or skip_first) or "(...)")
    title += note
    doc = doc or getdoc(fn)
    return title + ("\n" + _indent(doc) if doc else "")


def _routine_page(obj):
    fn, bound = _unwrap_method(obj)
    if _is_builtin(fn):
        mod = _builtin_module(fn)
        what = "built-in function" if mod else "built-in method"
    elif bound:
        what = "method"
        mod = getattr(fn, "__module__", None)
    else:
        what = "function"
        mod = getattr(fn, "__module__", None)
    name = getattr(fn, "__name__", "?")
    head = f"Help on {what} {name} in module {mod}:" if mod else f"Help on {what} {name}:"
    return head + "\n\n" + _routine(obj) + "\n"


# ---- classes ----

def _classname(cls, here):
    mod = getattr(cls, "__module__", None)
    if mod == here or mod is None:
        return cls.__name__
    return mod + "." + cls.__qualname__


def _kind(cls, name):
    """How cls's own attribute name is shown: method, class method, ..., data."""
    raw = cls.__dict__[name]
    t = type(raw).__name__
    if t == "staticmethod":
        return "static"
    if t == "classmethod":
        return "class"
    if t == "property":
        return "readonly" if getattr(raw, "fset", None) is None else "descriptor"
    if _is_function(raw) or _is_builtin(raw) or t in ("method_descriptor", "wrapper_descriptor"):
        return "method"
    return "data"


_SECTIONS = [("method", "Methods"), ("class", "Class methods"), ("static", "Static methods"),
             ("readonly", "Readonly properties"), ("descriptor", "Data descriptors"),
             ("data", "Data and other attributes")]


def _entry(cls, name, kind):
    raw = cls.__dict__[name]
    if kind == "static":
        return _routine(raw.__func__, name)
    if kind == "class":
        return _routine(raw.__func__, name, " from builtins.type", skip_first=True)
    if kind == "method":
        inherited = None   # an override without a docstring shows the one it overrides
        for k in cls.__mro__[1:]:
            if not getdoc(raw) and name in k.__dict__ and getdoc(k.__dict__[name]):
                inherited = getdoc(k.__dict__[name])
                break
        return _routine(raw, name, doc=inherited)
    if kind in ("readonly", "descriptor"):
        doc = getdoc(raw)
        return name + ("\n" + _indent(doc) if doc else "")
    text = name + " = " + repr(raw)
    return text if len(text) <= 80 else text[:37] + "..." + text[-37:]


def _gives_dict(cls):
    """Does cls, a class written in Python, give its instances their __dict__ (its
    bases, being object, do not)?"""
    return cls.__module__ != "builtins" and not hasattr(cls, "__slots__") and \
        all(b is object for b in cls.__bases__)


def _class_body(cls, here):
    lines = []
    sig = None
    init = cls.__dict__.get("__init__")
    for k in cls.__mro__:
        if "__init__" in k.__dict__ and _is_function(k.__dict__["__init__"]):
            init = k.__dict__["__init__"]
            break
    if init is not None and _is_function(init):
        sig = signature(init, skip_first=True)
    if sig is not None and sig != "()":
        lines.append(cls.__name__ + sig)
    doc = getdoc(cls)
    if doc:
        if lines:
            lines.append("")
        lines.extend(doc.split("\n"))
    mro = cls.__mro__
    if len(mro) > 2:
        if lines:
            lines.append("")
        lines.append("Method resolution order:")
        lines.extend("    " + _classname(k, here) for k in mro)
    if lines:
        lines.append("")
    sections = []
    for k in mro:
        if k is object:
            continue
        own = k is cls
        groups = {}
        for name in sorted(k.__dict__):
            if not _visible(name):
                continue
            if any(name in j.__dict__ for j in mro[:mro.index(k)]):
                continue   # shown for the class that overrides it
            groups.setdefault(_kind(k, name), []).append(name)
        if _gives_dict(k):
            groups.setdefault("descriptor", []).extend(["__dict__", "__weakref__"])
        for kind, title in _SECTIONS:
            names = groups.get(kind)
            if not names:
                continue
            where = "defined here" if own else "inherited from " + _classname(k, here)
            body = [title + " " + where + ":", ""]
            entries = []
            for n in names:
                if n == "__dict__" and n not in k.__dict__:
                    entries.append("__dict__\n    dictionary for instance variables")
                elif n == "__weakref__" and n not in k.__dict__:
                    entries.append("__weakref__\n    list of weak references to the object")
                else:
                    entries.append(_entry(k, n, kind))
            body.append("\n\n".join(entries))
            sections.append("\n".join(body))
    text = ("\n".join(lines) + "\n" if lines else "") + ("\n\n" + _RULE + "\n").join(sections)
    if not text:
        return ""
    return "\n".join(" |  " + line if line else " |  " for line in text.split("\n"))


def _class_page(cls, here=None):
    here = here or cls.__module__
    bases = ", ".join(_classname(b, here) if b is not object else "builtins.object" for b in cls.__bases__)
    head = "class " + cls.__name__ + ("(" + bases + ")" if bases else "")
    body = _class_body(cls, here)
    return head + ("\n" + body if body else "")


# ---- modules ----

def _class_tree(classes, here):
    """The module's classes under their first bases, as an indented tree:

        builtins.object
            Tally
            Flock
                BigFlock
    """
    lines = []

    def grow(cls, depth):
        lines.append("    " * depth + _classname(cls, here) + _bases_note(cls, here, classes))
        for c in classes:
            if c.__bases__ and c.__bases__[0] is cls:
                grow(c, depth + 1)

    roots = []
    for c in classes:
        base = c.__bases__[0] if c.__bases__ else object
        if base not in classes and base not in roots:
            roots.append(base)
    for r in roots:
        lines.append(_classname(r, here) if r is not object else "builtins.object")
        for c in classes:
            if (c.__bases__[0] if c.__bases__ else object) is r:
                grow(c, 1)
    return "\n".join(lines)


def _bases_note(cls, here, classes):
    """(Base1, Base2) after a class with several bases, in the tree."""
    if len(cls.__bases__) < 2:
        return ""
    return "(" + ", ".join(_classname(b, here) for b in cls.__bases__) + ")"


def _module_page(mod):
    name = mod.__name__
    doc = getdoc(mod)
    out = ["NAME", "    " + name + (" - " + doc.split("\n")[0] if doc else "")]
    rest = doc.split("\n", 1)[1].strip("\n") if doc and "\n" in doc else ""
    if rest:
        out += ["", "DESCRIPTION", _indent(rest)]
    items = [(n, getattr(mod, n)) for n in sorted(dir(mod)) if _visible(n)]
    public = getattr(mod, "__all__", None)

    def own(v):
        return getattr(v, "__module__", name) == name or public is not None

    classes = [(n, v) for n, v in items if isinstance(v, type) and own(v)]
    funcs = [(n, v) for n, v in items if (_is_function(v) or _is_builtin(v)) and own(v)]
    data = [(n, v) for n, v in items if not isinstance(v, type) and not callable(v) and not _is_module(v)]
    if public is not None:
        classes = [(n, v) for n, v in classes if n in public]
        funcs = [(n, v) for n, v in funcs if n in public]
        data = [(n, v) for n, v in data if n in public]
    if classes:
        tree = _class_tree([v for n, v in classes], name)
        out += ["", "CLASSES", _indent(tree) + "\n    \n" +
                "\n\n".join(_indent(_class_page(v, name)) for n, v in classes)]
    if funcs:
        out += ["", "FUNCTIONS", "\n\n".join(_indent(_routine(v, n)) for n, v in funcs)]
    if data:
        lines = []
        for n, v in data:
            text = n + " = " + repr(v)
            lines.append("    " + (text if len(text) <= 70 else text[:33] + "..." + text[-33:]))
        out += ["", "DATA", "\n".join(lines)]
    file = getattr(mod, "__file__", None)
    out += ["", "FILE", "    " + (file if file else "(built-in)")]
    return "Help on module " + name + ":\n\n" + "\n".join(out) + "\n\n"


# ---- names ----

def locate(path):
    """The object a dotted name stands for, or None: a module, an attribute of one, or
    a built-in."""
    import builtins
    parts = path.split(".")
    obj = None
    for i in range(len(parts), 0, -1):
        try:
            obj = __import__(".".join(parts[:i]))
        except ImportError:
            continue
        for p in parts[1:i]:
            obj = getattr(obj, p)
        parts = parts[i:]
        break
    else:
        if not hasattr(builtins, parts[0]):
            return None
        obj = getattr(builtins, parts[0])
        parts = parts[1:]
    for p in parts:
        if not hasattr(obj, p):
            return None
        obj = getattr(obj, p)
    return obj


def render_doc(thing):
    if isinstance(thing, str):
        found = locate(thing)
        if found is None:
            raise ImportError(f"No Python documentation found for {thing!r}.\n"
                              "Use help() to get the interactive help utility.\n"
                              "Use help(str) for help on the str class.")
        thing = found
    if _is_module(thing):
        return _module_page(thing)
    if isinstance(thing, type):
        return f"Help on class {thing.__name__} in module {thing.__module__}:\n\n" + _class_page(thing) + "\n"
    if _is_function(thing) or _is_builtin(thing) or hasattr(thing, "__func__"):
        return _routine_page(thing)
    if isinstance(thing, (property, staticmethod, classmethod)):
        return _routine_page(thing.__func__) if hasattr(thing, "__func__") else getdoc(thing) + "\n"
    cls = type(thing)
    where = f" in module {cls.__module__}" if cls.__module__ != "builtins" else ""
    return f"Help on {cls.__name__}{where} object:\n\n" + _class_page(cls) + "\n"


def doc(thing):
    try:
        sys.stdout.write(render_doc(thing) + "\n")
    except ImportError as e:
        print(str(e) + "\n")


# ---- help() ----

_WELCOME = """\
Welcome to gilt's help.  Type the name of a module, a built-in or a dotted name
(threading.Lock, math.sqrt) to read about it; "q" or the end of input leaves.
"""
_BYE = """
Leaving help.  help(object) prints the help on one object directly, and
help("name") is the same as typing the name at the help> prompt.
"""


def _interact():
    sys.stdout.write(_WELCOME + "\n")
    while True:
        try:
            request = input("help> ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if request in ("q", "quit"):
            break
        if request:
            doc(request)
    sys.stdout.write(_BYE)


def help(*args):
    if len(args) > 1:
        raise TypeError(f"help() takes at most 1 argument ({len(args)} given)")
    if not args:
        _interact()
    else:
        doc(args[0])
