import _helper_mod
from _helper_mod import greet, VALUE as V
import _helper_mod as hm
print(_helper_mod.VALUE, V, greet("you"), hm is _helper_mod, _helper_mod.__name__)
print(hm.Counter().inc(), hm.Counter().inc())
try:
    import no_such_module_anywhere
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
try:
    from _helper_mod import missing_name
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
