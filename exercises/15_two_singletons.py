# title: There can be only one
# teaches: lazy creation, "if it does not exist yet, make it", is check-then-act
#   too: two threads can both find nothing and both make one
# goal: invariant settings[0] is settings[1]
# grain: op
# budget: 1000
# watch: _instance, Settings.made, len(settings)
# hint: get_settings() is meant to make one Settings object and hand the same
#   one to everybody
# hint: making an object takes a few steps (it runs __init__); the global is
#   only set after all of them
# hint: careful: each thread returns whatever _instance holds at the moment it
#   returns, not the object it made
import threading


class Settings:
    made = 0

    def __init__(self):
        Settings.made += 1
        self.theme = "dark"


_instance = None
settings = []


def get_settings():
    global _instance
    if _instance is None:
        _instance = Settings()
    return _instance


def worker():
    settings.append(get_settings())


a = threading.Thread(target=worker)
b = threading.Thread(target=worker)
a.start()
b.start()
a.join()
b.join()
print(Settings.made, "Settings object(s) made")
