"""multiprocessing.pool -- the names CPython keeps here; the code is in multiprocessing."""
from multiprocessing import Pool, ApplyResult, AsyncResult, MapResult, RemoteTraceback, MaybeEncodingError
