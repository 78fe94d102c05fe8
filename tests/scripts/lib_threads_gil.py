# The data modules under threads, GIL on (lib_threads_gil.opts; the body is in
# _lib_threads_body.py).
import _lib_threads_body
