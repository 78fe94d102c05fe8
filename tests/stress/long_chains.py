# Freeing a long chain -- each object holding the only reference to the next -- must
# not recurse once per link and overflow the C stack.  A list nested a million deep
# is a few megabytes of data and CPython frees it; so are tuples, dicts, frozensets
# nested as deep, and a hundred thousand linked instances (through attributes or
# their __dict__), sets, closures and generators.  Built and dropped by the main
# thread (8 MB of stack); after each the live objects are back where they were.
import os
import gilt
from _chains import *

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
DEEP = max(20000, int(1000000 * SCALE))
LINKS = max(20000, int(100000 * SCALE))

for build, n in ((build_list, DEEP), (build_tuple, DEEP), (build_dict, DEEP), (build_frozenset, DEEP),
                 (build_nodes, LINKS), (build_attr_dicts, LINKS), (build_sets, LINKS),
                 (build_closures, LINKS), (build_generators, LINKS), (build_started_generators, LINKS)):
    before = gilt._live_objects()
    build_and_drop(build, n)
    check_settled(before, "%s(%d)" % (build.__name__, n))

# the loops students write, at module level
before = gilt._live_objects()
head = None
for i in range(LINKS):
    head = Node(head)
head = None
x = []
for _ in range(DEEP):
    x = [x]
del x
check_settled(before, "module-level chains")
print("ok")
