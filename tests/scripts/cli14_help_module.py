# help() on a module beside the script: NAME, DESCRIPTION, CLASSES (the tree, then
# each class), FUNCTIONS, DATA, FILE -- as CPython's pydoc prints them.
import contextlib
import io

import _cli14_helpmod

buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    help(_cli14_helpmod)
here = _cli14_helpmod.__file__.rsplit("/", 1)[0]
print(buf.getvalue().replace(here + "/", ""))
