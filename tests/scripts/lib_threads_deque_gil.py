# lib_threads_deque with the GIL on (lib_threads_deque_gil.opts)
import lib_threads_deque
