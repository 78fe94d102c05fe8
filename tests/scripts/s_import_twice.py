import _helper_mod
import _helper_mod as again
from _helper_mod import VALUE
import sys
print(again is _helper_mod, VALUE, "_helper_mod" in sys.modules)
import math, random as rnd, time
print(math.sqrt(4), type(rnd).__name__, time.__name__)
