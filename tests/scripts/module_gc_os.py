import gc, os
print(gc.isenabled()); gc.disable(); print(gc.isenabled()); gc.enable(); print(gc.isenabled())
print(type(gc.collect()).__name__, len(gc.get_threshold()), len(gc.get_count()))
print(os.cpu_count() >= 1, os.getpid() > 0, "PATH" in os.environ, os.getenv("GILT_SURELY_UNSET_VAR", "dflt"))
