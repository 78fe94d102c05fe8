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
#
# The fix: a lock for the config, held by get_config() from the check to the
# return.  The config is also built in a local dict and stored in _config only
# once it is complete -- good practice, though under the lock nobody could
# see it half done anyway.
import threading

_config = None
_config_lock = threading.Lock()
loads = 0
ports = []
ports_lock = threading.Lock()


def get_config():
    global _config, loads
    with _config_lock:
        if _config is None:
            config = {}
            loads += 1
            config["host"] = "db.example.org"
            config["port"] = 5432
            _config = config
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
