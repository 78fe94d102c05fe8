"""concurrent.futures -- run calls in a pool of threads or processes, collect their results.

A Future is a result that is not there yet: a condition variable, a state and, when
finished, a value or an exception.  ThreadPoolExecutor feeds submitted calls through
a queue to worker threads, which run them and complete their futures.
"""
import _thread
import os
import queue
import threading
import time as _time

FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"

_counter_lock = threading.Lock()   # ThreadPoolExecutor._counter: executors made in two threads at once
_counter_lock._gilt_race_exempt()

_PENDING, _RUNNING, _CANCELLED, _FINISHED = "PENDING", "RUNNING", "CANCELLED", "FINISHED"


class CancelledError(Exception):
    pass


class TimeoutError(Exception):
    pass


class Future:
    def __init__(self):
        self._condition = threading.Condition()
        self._condition._gilt_what = "the Future's result"
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._callbacks = []
        self._waiters = []

    def __repr__(self):
        with self._condition:
            if self._state == _FINISHED:
                if self._exception is not None:
                    return f"<Future at {hex(id(self))} state=finished raised {type(self._exception).__name__}>"
                return f"<Future at {hex(id(self))} state=finished returned {type(self._result).__name__}>"
            return f"<Future at {hex(id(self))} state={self._state.lower()}>"

    def cancel(self):
        with self._condition:
            if self._state in (_RUNNING, _FINISHED):
                return False
            if self._state == _CANCELLED:
                return True
            self._state = _CANCELLED
            self._condition.notify_all()
        self._finish()
        return True

    def cancelled(self):
        return self._state == _CANCELLED

    def running(self):
        return self._state == _RUNNING

    def done(self):
        if self._state in (_CANCELLED, _FINISHED):
            _thread._race_acquire(self)   # gilt --race: the task's end happens before
            return True
        return False

    def _wait_done(self, timeout):
        with self._condition:
            if not self._condition.wait_for(self.done, timeout):
                raise TimeoutError()
            if self._state == _CANCELLED:
                raise CancelledError()

    def result(self, timeout=None):
        self._wait_done(timeout)
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self, timeout=None):
        self._wait_done(timeout)
        return self._exception

    def add_done_callback(self, fn):
        with self._condition:
            if not self.done():
                self._callbacks.append(fn)
                return
        fn(self)

    def set_running_or_notify_cancel(self):
        with self._condition:
            if self._state == _CANCELLED:
                return False
            self._state = _RUNNING
            return True

    def set_result(self, result):
        with self._condition:
            self._result = result
            _thread._race_release(self)
            self._state = _FINISHED
            self._condition.notify_all()
        self._finish()

    def set_exception(self, exception):
        with self._condition:
            self._exception = exception
            _thread._race_release(self)
            self._state = _FINISHED
            self._condition.notify_all()
        self._finish()

    def _finish(self):
        for waiter in list(self._waiters):
            waiter.set()
        for fn in self._callbacks:
            try:
                fn(self)
            except Exception as e:
                print("exception calling callback for", self, repr(e))
        self._callbacks = []


class ThreadPoolExecutor:
    # Each executor made without a thread_name_prefix takes the next number, as in
    # CPython: ThreadPoolExecutor-0_0, ThreadPoolExecutor-1_0, ...  (An id() would
    # collide: two executors alive at once could share its last digits.)
    _counter = 0

    def __init__(self, max_workers=None, thread_name_prefix=""):
        if max_workers is None:
            max_workers = min(32, (os.cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        self._max_workers = max_workers
        self._work = queue.SimpleQueue()
        self._threads = []
        self._shutdown = False
        self._lock = threading.Lock()
        self._idle = threading.Semaphore(0)
        # gilt --race: the pool's bookkeeping makes no edges between tasks; a task
        # starts after its submit (the work queue) and ends before its result
        self._lock._gilt_race_exempt()
        self._idle._cond._lock._gilt_race_exempt()
        self._idle._cond._race_exempt = True
        if not thread_name_prefix:
            with _counter_lock:
                thread_name_prefix = f"ThreadPoolExecutor-{ThreadPoolExecutor._counter}"
                ThreadPoolExecutor._counter += 1
        self._prefix = thread_name_prefix

    def submit(self, fn, /, *args, **kwargs):
        with self._lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future = Future()
            self._work.put((future, fn, args, kwargs))
            self._adjust_thread_count()
            return future

    def _adjust_thread_count(self):
        if self._idle.acquire(timeout=0):
            return
        if len(self._threads) < self._max_workers:
            t = threading.Thread(target=self._worker, name=f"{self._prefix}_{len(self._threads)}")
            t.daemon = True
            t.start()
            self._threads.append(t)

    def _worker(self):
        while True:
            item = self._work.get()
            if item is None:
                self._work.put(None)
                return
            future, fn, args, kwargs = item
            if future.set_running_or_notify_cancel():
                try:
                    result = fn(*args, **kwargs)
                except BaseException as e:
                    future.set_exception(e)
                else:
                    future.set_result(result)
            del item, future
            self._idle.release()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        futures = [self.submit(fn, *args) for args in zip(*iterables)]

        def results():
            for f in futures:
                yield f.result(timeout)
        return results()

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._lock:
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        item = self._work.get_nowait()
                    except queue.Empty:
                        break
                    if item is not None:
                        item[0].cancel()
            self._work.put(None)
        if wait:
            for t in self._threads:
                t.join()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown(wait=True)
        return False


def as_completed(fs, timeout=None):
    """Yield futures as they finish."""
    fs = list(dict.fromkeys(fs))
    end = None if timeout is None else _time.monotonic() + timeout
    done_event = threading.Event()
    for f in fs:
        f._waiters.append(done_event)
    try:
        pending = list(fs)
        while pending:
            finished = [f for f in pending if f.done()]
            for f in finished:
                pending.remove(f)
                yield f
            if not pending:
                break
            left = None if end is None else end - _time.monotonic()
            if left is not None and left <= 0:
                raise TimeoutError(f"{len(pending)} (of {len(fs)}) futures unfinished")
            done_event.wait(left)
            done_event.clear()
    finally:
        for f in fs:
            if done_event in f._waiters:
                f._waiters.remove(done_event)


class DoneAndNotDoneFutures:
    def __init__(self, done, not_done):
        self.done = done
        self.not_done = not_done

    def __iter__(self):
        return iter((self.done, self.not_done))


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    """Wait for futures; returns (done, not_done) as sets."""
    fs = set(fs)
    end = None if timeout is None else _time.monotonic() + timeout
    event = threading.Event()
    for f in fs:
        f._waiters.append(event)
    try:
        while True:
            done = {f for f in fs if f.done()}
            if return_when == FIRST_COMPLETED and done:
                break
            if return_when == FIRST_EXCEPTION and any(f.exception(0) is not None for f in done if not f.cancelled()):
                break
            if len(done) == len(fs):
                break
            left = None if end is None else end - _time.monotonic()
            if left is not None and left <= 0:
                break
            event.wait(left)
            event.clear()
        return DoneAndNotDoneFutures(done, fs - done)
    finally:
        for f in fs:
            if event in f._waiters:
                f._waiters.remove(event)


# ---- ProcessPoolExecutor ----

class BrokenExecutor(RuntimeError):
    pass


class _RemoteTraceback(Exception):
    """A worker's traceback text: the __cause__ of the exception result() raises."""
    __module__ = "concurrent.futures.process"

    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


class BrokenProcessPool(BrokenExecutor):
    """A worker process died: the pool can run nothing more."""
    __module__ = "concurrent.futures.process"


class ProcessPoolExecutor:
    """Calls run in worker processes (forks of this one), fed by multiprocessing's
    engine: each submit is one job; map cuts its inputs into chunks of chunksize.
    A worker that dies breaks the pool, as in CPython: every future not done gets
    BrokenProcessPool."""

    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=()):
        import multiprocessing
        if max_workers is None:
            max_workers = os.cpu_count() or 1
        elif max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers
        self._shutdown = False
        self._broken = None
        self._lock = threading.Lock()
        self._engine = multiprocessing._Engine(max_workers, "ForkProcess", initializer, initargs,
                                               self._worker_died)

    def _worker_died(self, engine, worker, code, job):
        self._broken = ("A process in the process pool was terminated abruptly while the "
                        "future was running or pending.")
        engine.fail_all(BrokenProcessPool(self._broken))
        engine.terminate()

    def _submit_job(self, fn, items, mode, kwargs):
        with self._lock:
            if self._broken:
                raise BrokenProcessPool(self._broken)
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future = Future()

            def done(ok, value):
                if not future.set_running_or_notify_cancel():
                    return
                if ok:
                    future.set_result(value)
                    return
                cause = value.__cause__
                if cause is not None and type(cause).__name__ == "RemoteTraceback":
                    value.__cause__ = _RemoteTraceback(cause.tb)
                future.set_exception(value)
            try:
                self._engine.submit(fn, items, mode, kwargs, done)
            except Exception as e:          # it cannot be sent (a lambda): the future says so
                if future.set_running_or_notify_cancel():
                    future.set_exception(e)
            return future

    def submit(self, fn, /, *args, **kwargs):
        return self._submit_job(fn, [args], "apply", kwargs)

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        items = list(zip(*iterables))
        futures = [self._submit_job(fn, items[i:i + chunksize], "star", {})
                   for i in range(0, len(items), chunksize)]
        deadline = None if timeout is None else _time.monotonic() + timeout

        def results():
            for f in futures:
                left = None if deadline is None else deadline - _time.monotonic()
                yield from f.result(left)
        return results()

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._lock:
            self._shutdown = True
        if cancel_futures:
            with self._engine._lock:
                dropped = [self._engine._done.pop(job_id) for job_id, _ in self._engine._pending]
                self._engine._pending.clear()
            for done in dropped:
                done(False, CancelledError())
        self._engine.close()
        if wait:
            self._engine.join()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown(wait=True)
        return False
