# title: Fix it: the lazy config
# teaches: lazy initialisation ("load it the first time somebody asks") is
#   check-then-act, and this one hands out the object before it is filled in
# goal: fix loads == 1 and ports == [5432, 5432]
# grain: op
# budget: 1000
# watch: _config, loads, ports
# hint: two workers ask for the configuration at the same time; it should be
#   loaded once, and both should see the port
# hint: there are two ways to go wrong here: the config can be loaded twice,
#   and a worker can get a config that is not filled in yet -- find both
# hint: reading _config outside the lock to skip the lock when it is already
#   loaded ("double-checked locking") is still a data race; `gilt --race`
#   will tell you so
import threading

_config = None
loads = 0
ports = []
ports_lock = threading.Lock()


def get_config():
    global _config, loads
    if _config is None:
        _config = {}
        loads += 1
        _config["host"] = "db.example.org"
        _config["port"] = 5432
    return _config


def worker():
    port = get_config()["port"]
    with ports_lock:
        ports.append(port)


a = threading.Thread(target=worker)
b = threading.Thread(target=worker)
a.start()
b.start()
a.join()
b.join()
print("loaded", loads, "time(s); ports seen:", ports)
