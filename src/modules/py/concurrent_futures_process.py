"""concurrent.futures.process -- the names CPython keeps here; the code is in concurrent.futures."""
from concurrent.futures import ProcessPoolExecutor, BrokenProcessPool, _RemoteTraceback
