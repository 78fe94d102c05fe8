# help() on functions: the signature read off the code (defaults, *args, keyword-only,
# positional-only, **kwargs), the docstring without its indentation, CPython's layout.
def greet(name, greeting="hello", *args, sep=" ", **kw):
    """Say hello to someone.

    Returns the greeting as a string.
    """
    return greeting + sep + name


def nodoc(x):
    return x


def only(a, b=2, /, c=3, *, d, e=None):
    "One line."


class Box:
    def open(self, force=False):
        """Open the box."""


help(greet)
help(nodoc)
help(only)
help(Box().open)
help(Box.open)
print(help(nodoc) is None)
