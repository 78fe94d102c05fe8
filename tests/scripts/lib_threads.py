# The data modules under threads, GIL off (the body is in _lib_threads_body.py).
import _lib_threads_body
