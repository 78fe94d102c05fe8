# _chains.py -- builders of long chains for long_chains.py and long_chains_threads.py
# (run.sh skips files that start with "_").  Each builder makes n links, each link
# holding the only reference to the one before it, and returns the head.
import gilt

class Node:
    def __init__(self, next):
        self.next = next

class Holder:
    # a set cannot hold a set: the chain runs set -> Holder -> set -> ...
    def __init__(self, inner):
        self.inner = inner
    def __hash__(self):
        return 1
    def __eq__(self, other):
        return self is other

def gen(prev):
    yield prev

def closure(f):
    return lambda: f

def build_list(n):
    x = []
    for _ in range(n):
        x = [x]
    return x

def build_tuple(n):
    x = ()
    for _ in range(n):
        x = (x, "t")
    return x

def build_dict(n):
    x = {}
    for _ in range(n):
        x = {"next": x}
    return x

def build_frozenset(n):
    x = frozenset()
    for _ in range(n):
        x = frozenset([x])
    return x

def build_sets(n):
    x = set()
    for _ in range(n):
        x = {Holder(x)}
    return x

def build_nodes(n):
    head = None
    for _ in range(n):
        head = Node(head)
    return head

def build_attr_dicts(n):
    # through each instance's __dict__, written directly
    head = Node(None)
    for _ in range(n):
        nxt = Node(None)
        nxt.__dict__["prev"] = head
        head = nxt
    return head

def build_closures(n):
    # function -> closure cell -> function -> ...
    f = None
    for _ in range(n):
        f = closure(f)
    return f

def build_generators(n):
    # a generator not yet started holds its argument in its frame
    g = None
    for _ in range(n):
        g = gen(g)
    return g

def build_started_generators(n):
    # suspended at the yield: freeing one closes it (runs its frame to the end)
    g = None
    for _ in range(n):
        g2 = gen(g)
        assert next(g2) is g
        g = g2
    return g

def build_and_drop(build, n):
    x = build(n)
    del x

def check_settled(before, what):
    # a few objects of the test's own come and go -- among them the last references
    # a joined thread held (its target, its arguments, its Thread), which its OS
    # thread drops after join() has returned, so they may go during the next
    # measurement: a few dozen either way.  A chain left alive would be thousands,
    # and a chain freed twice would count thousands more frees than allocations.
    left = gilt._live_objects() - before
    assert -100 < left < 200, "%s: %d objects left" % (what, left)
