"""multiprocessing -- run Python in several processes: Process and Pool.

Why processes?  With a GIL, threads take turns; a process has its own interpreter
(and its own GIL), so CPU-bound work runs in parallel.  gilt runs threads in
parallel already when the GIL is off; this module is there so a lesson can compare
the two ways.

How it works here (fork only, as CPython's default on Linux up to 3.13):

    parent                                          worker (a fork of the parent)
    Pool(n): fork n workers, each with two pipes
    map(f, xs): cut xs into chunks, queue one job per chunk
    the manager thread: hands a job to each idle   recv a job: (f, chunk, mode, kwds)
      worker through its task pipe ------------->    run f on each item of the chunk
      waits on every result pipe (poll) <-------    send (ok, results) or (error, tb)
      completes the job's result object; a           ... until the task pipe closes
      worker that dies fails its job, and a new
      worker takes its place

Values cross the pipes as text (_gilt_pickle: dumps/loads), and a function is sent
by its module and name: the worker, being a fork, already has it.  A worker's
exception comes back with its traceback text and is raised again in the parent with
that text attached as its __cause__ (RemoteTraceback), as CPython does.

Skipped: Queue, Pipe, Manager, Lock and shared memory between processes, the spawn
and forkserver start methods, maxtasksperchild.
"""
import os
import sys
import threading
import _gilt_mp
import _gilt_pickle as _pickle

_NL = chr(10)   # (embed.sh carries no backslashes into the binary: no escapes in this file)

class ProcessError(Exception):
    pass


class TimeoutError(ProcessError):    # what AsyncResult.get(timeout) raises
    pass


def cpu_count():
    return os.cpu_count() or 1


# ---- which process am I? ----

class _ProcessInfo:
    def __init__(self, name):
        self.name = name
        self.pid = os.getpid()
        self.daemon = False

    def __repr__(self):
        if self.name == "MainProcess":
            return f"<_MainProcess name='{self.name}' parent=None started>"
        return f"<ForkProcess name='{self.name}' parent={os.getppid()} started>"


_current = _ProcessInfo("MainProcess")
_counter = [0]                  # processes made so far (names: Process-1, ForkPoolWorker-2...)
_counter_lock = threading.Lock()
_parent_fds = set()             # pipe ends this process holds for its children


def current_process():
    return _current


def _next_number():
    with _counter_lock:
        _counter[0] += 1
        return _counter[0]


def _fork(name, keep_fds):
    """Fork; in the child, close the pipe ends meant for other children (so that their
    ends see end-of-file when the parent goes) and become process `name`."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        global _current, _counter_lock
        _counter_lock = threading.Lock()        # its holder may have stayed behind
        for fd in list(_parent_fds):
            if fd not in keep_fds:
                os.close(fd)
        _parent_fds.clear()
        _current = _ProcessInfo(name)
    return pid


def _exit_child(code):
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


# ---- Process ----

class Process:
    """A function run in a child process: start(), join(), exitcode, is_alive()."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs or {})
        self._number = _next_number()
        self.name = name if name is not None else f"Process-{self._number}"
        self.daemon = bool(daemon)
        self.pid = None
        self._exitcode = None

    def run(self):
        if self._target is not None:
            self._target(*self._args, **self._kwargs)

    def start(self):
        if self.pid is not None:
            raise AssertionError("cannot start a process twice")
        pid = _fork(self.name, ())
        if pid == 0:
            _exit_child(self._bootstrap())
        self.pid = pid

    def _bootstrap(self):
        try:
            self.run()
            return 0
        except SystemExit as e:
            if e.code is None:
                return 0
            if isinstance(e.code, int):
                return e.code
            print(e.code, file=sys.stderr)
            return 1
        except BaseException as e:
            print(f"Process {self.name}:", file=sys.stderr)
            sys.stderr.write(_gilt_mp.format_exc(e))
            return 1

    def _reap(self, options):
        if self._exitcode is None and self.pid is not None:
            pid, status = os.waitpid(self.pid, options)
            if pid == self.pid:
                self._exitcode = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)

    def join(self, timeout=None):
        if self.pid is None:
            raise AssertionError("can only join a started process")
        if timeout is None:
            self._reap(0)
            return
        import time
        deadline = time.monotonic() + timeout
        while self._exitcode is None:
            self._reap(os.WNOHANG)
            if self._exitcode is not None or time.monotonic() >= deadline:
                return
            time.sleep(0.005)

    def is_alive(self):
        if self.pid is None:
            return False
        self._reap(os.WNOHANG)
        return self._exitcode is None

    @property
    def exitcode(self):
        if self.pid is not None:
            self._reap(os.WNOHANG)
        return self._exitcode

    def terminate(self):
        if self.pid is not None and self._exitcode is None:
            os.kill(self.pid, 15)       # SIGTERM

    kill = terminate

    def __repr__(self):
        if self.pid is None:
            state = "initial"
        elif self.exitcode is None:
            state = "started"
        else:
            state = f"stopped exitcode={self._exitcode}" if self._exitcode else "stopped"
        return f"<Process name='{self.name}' {state}>"


# ---- the worker's side ----

class RemoteTraceback(Exception):
    """The traceback text of an exception raised in a worker (its __cause__ in the parent)."""
    __module__ = "multiprocessing.pool"

    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


class MaybeEncodingError(ProcessError):
    """A worker's result that cannot be sent back."""
    __module__ = "multiprocessing.pool"

    def __init__(self, exc, value):
        self.exc = repr(exc)
        self.value = repr(value)
        super().__init__(self.exc, self.value)

    def __str__(self):
        return f"Error sending result: '{self.value}'. Reason: '{self.exc}'"


def _run_job(func, items, mode, kwds):
    if mode == "apply":
        return func(*items[0], **kwds)
    if mode == "star":
        return [func(*args) for args in items]
    return [func(x) for x in items]


def _worker_main(task_fd, result_fd, initializer, initargs):
    if initializer is not None:
        initializer(*initargs)
    while True:
        message = _gilt_mp.recv(task_fd)
        if message is None:                     # the parent closed the pipe: done
            return 0
        job_id = None
        try:
            job_id, func, items, mode, kwds = _pickle.loads(message)
            result = _run_job(func, items, mode, kwds)
            try:
                text = _pickle.dumps((job_id, True, result))
            except Exception as e:
                text = _pickle.dumps((job_id, False, (MaybeEncodingError(e, result), None)))
        except BaseException as e:
            tb = _NL + '"""' + _NL + _gilt_mp.format_exc(e) + '"""'
            try:
                text = _pickle.dumps((job_id, False, (e, tb)))
            except BaseException as e2:     # the exception itself cannot travel
                text = _pickle.dumps((job_id, False, (RuntimeError(repr(e)), tb)))
        _gilt_mp.send(result_fd, text)


# ---- the parent's side: workers, jobs and the manager thread ----

class _Worker:
    def __init__(self, name, initializer, initargs):
        task_r, self.task_w = os.pipe()
        self.result_r, result_w = os.pipe()
        self.name = name
        self.job = None                 # the job id it is running, or None
        self.pid = _fork(name, (task_r, result_w))
        if self.pid == 0:
            os.close(self.task_w)
            os.close(self.result_r)
            try:
                code = _worker_main(task_r, result_w, initializer, initargs)
            except BaseException as e:
                sys.stderr.write(f"Process {name}:" + _NL + _gilt_mp.format_exc(e))
                code = 1
            _exit_child(code)
        os.close(task_r)
        os.close(result_w)
        _parent_fds.add(self.task_w)
        _parent_fds.add(self.result_r)

    def close_pipes(self):
        for fd in (self.task_w, self.result_r):
            if fd in _parent_fds:
                _parent_fds.discard(fd)
                os.close(fd)

    def reap(self):
        """Wait for the process to end: its exit code (negative: killed by that signal)."""
        _, status = os.waitpid(self.pid, 0)
        return os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)


class _Engine:
    """n worker processes and the thread that feeds them (shared by Pool and
    ProcessPoolExecutor).  A job is (func, items, mode, kwds); done(ok, value) is
    called on the manager thread when it finishes.  on_death(worker, code, job_done)
    decides what a dead worker means (Pool: replace it; the executor: broken)."""

    def __init__(self, n, prefix, initializer, initargs, on_death):
        self._lock = threading.Lock()
        self._pending = []              # (job_id, text) not yet handed to a worker
        self._done = {}                 # job_id -> done(ok, value)
        self._next_id = 0
        self._closing = False
        self._prefix = prefix
        self._init = (initializer, initargs)
        self._on_death = on_death
        self._wake_r, self._wake_w = os.pipe()
        _parent_fds.add(self._wake_r)
        _parent_fds.add(self._wake_w)
        self.workers = [self.new_worker() for _ in range(n)]
        self._thread = threading.Thread(target=self._manage, name=f"{prefix}-manager", daemon=True)
        self._thread.start()

    def new_worker(self):
        return _Worker(f"{self._prefix}-{_next_number()}", *self._init)

    def _wake(self):
        with self._lock:    # not after join() closed the pipe (its number may be reused)
            if self._wake_w is not None:
                _gilt_mp.send(self._wake_w, "")

    def submit(self, func, items, mode, kwds, done):
        text_job = (func, items, mode, kwds)
        with self._lock:
            if self._closing:
                raise ValueError("Pool not running")
            job_id = self._next_id
            self._next_id += 1
        text = _pickle.dumps((job_id,) + text_job)   # PicklingError: raised to the caller
        with self._lock:
            self._done[job_id] = done
            self._pending.append((job_id, text))
        self._wake()
        return job_id

    def close(self):
        with self._lock:
            self._closing = True
        self._wake()

    def _dispatch(self):
        """Hand pending jobs to idle workers (manager thread)."""
        while True:
            with self._lock:
                idle = [w for w in self.workers if w.job is None]
                if not idle or not self._pending:
                    return
                job_id, text = self._pending.pop(0)
                idle[0].job = job_id
            _gilt_mp.send(idle[0].task_w, text)

    def _finish(self, job_id, ok, value):
        with self._lock:
            done = self._done.pop(job_id, None)
        if done is not None:
            try:
                done(ok, value)         # a callback= of the user's may fail: say so, go on
            except BaseException as e:
                sys.stderr.write("Exception in a pool callback:" + _NL + _gilt_mp.format_exc(e))

    def _manage(self):
        while True:
            self._dispatch()
            with self._lock:
                if self._closing and not self._pending and not self._done:
                    break
                by_fd = {w.result_r: w for w in self.workers}
            ready = _gilt_mp.wait([self._wake_r] + list(by_fd), None)
            for fd in ready:
                if fd == self._wake_r:
                    _gilt_mp.recv(fd)
                    continue
                worker = by_fd[fd]
                message = _gilt_mp.recv(fd)
                if message is None:
                    self._worker_died(worker)
                    continue
                job_id, ok, value = _pickle.loads(message)
                with self._lock:
                    worker.job = None
                if not ok:
                    exc, tb = value
                    if tb is not None:
                        exc.__cause__ = RemoteTraceback(tb)
                    value = exc
                self._finish(job_id, ok, value)
        self._stop_workers()

    def _worker_died(self, worker):
        worker.close_pipes()
        code = worker.reap()
        with self._lock:
            self.workers.remove(worker)
            job, worker.job = worker.job, None
        self._on_death(self, worker, code, job)

    def fail_all(self, exc):
        """Every job not finished fails with exc (manager thread)."""
        with self._lock:
            dones = list(self._done.values())
            self._done.clear()
            self._pending.clear()
            self._closing = True
        for done in dones:
            done(False, exc)

    def _stop_workers(self):
        for w in self.workers:
            w.close_pipes()             # end of file on its task pipe: it leaves
        for w in self.workers:
            w.reap()
        self.workers = []

    def terminate(self):
        with self._lock:
            self._closing = True
            self._pending.clear()
            dones = list(self._done.values())
            self._done.clear()
            workers = list(self.workers)
        for w in workers:
            try:
                os.kill(w.pid, 15)      # SIGTERM
            except OSError:
                pass
        self._wake()

    def join(self):
        self._thread.join()
        with self._lock:
            fds, self._wake_r, self._wake_w = (self._wake_r, self._wake_w), None, None
        for fd in fds:
            if fd is not None:
                _parent_fds.discard(fd)
                os.close(fd)


# ---- Pool ----

_RUN, _CLOSE, _TERMINATE = "RUN", "CLOSE", "TERMINATE"


class ApplyResult:
    def __init__(self, callback=None, error_callback=None):
        self._event = threading.Event()
        self._callback = callback
        self._error_callback = error_callback
        self._ok = None
        self._value = None

    def _set(self, ok, value):
        self._ok, self._value = ok, value
        try:
            if ok and self._callback is not None:
                self._callback(value)
            if not ok and self._error_callback is not None:
                self._error_callback(value)
        finally:
            self._event.set()       # even if a callback failed: get() must not wait forever

    def ready(self):
        return self._event.is_set()

    def successful(self):
        if not self.ready():
            raise ValueError(f"{self!r} not ready")
        return self._ok

    def wait(self, timeout=None):
        self._event.wait(timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise TimeoutError
        if self._ok:
            return self._value
        raise self._value


AsyncResult = ApplyResult


class MapResult(ApplyResult):
    """The result of map_async: one list, filled chunk by chunk."""

    def __init__(self, nchunks, callback, error_callback):
        super().__init__(callback, error_callback)
        self._chunks = [None] * nchunks
        self._left = nchunks
        self._failed = False
        self._lock = threading.Lock()
        if nchunks == 0:
            self._set(True, [])

    def _chunk_done(self, i):
        def done(ok, value):
            with self._lock:
                if self._failed:
                    return
                if not ok:
                    self._failed = True
                else:
                    self._chunks[i] = value
                    self._left -= 1
                    if self._left:
                        return
            if ok:
                value = [x for chunk in self._chunks for x in chunk]
            self._set(ok, value)
        return done


class Pool:
    """A pool of worker processes: map, starmap, apply and their async forms."""

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        if processes is None:
            processes = cpu_count()
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        if maxtasksperchild is not None:
            raise NotImplementedError("gilt's Pool has no maxtasksperchild: its workers live as long as the pool")
        self._processes = processes
        self._state = _RUN
        self._engine = _Engine(processes, "ForkPoolWorker", initializer, initargs, self._worker_died)

    @staticmethod
    def _worker_died(engine, worker, code, job):
        """A worker ended while the pool runs: its job fails, a new one takes its place.
        (CPython's Pool waits forever for such a job; gilt says what happened.)"""
        if job is not None:
            err = RuntimeError(f"a worker of the pool ({worker.name}) exited with code {code} "
                               f"while running a task")
            engine._finish(job, False, err)
        with engine._lock:
            replace = not engine._closing
        if replace:
            new = engine.new_worker()
            with engine._lock:
                engine.workers.append(new)

    def _check_running(self):
        if self._state != _RUN:
            raise ValueError("Pool not running")

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        result = ApplyResult(callback, error_callback)
        self._engine.submit(func, [tuple(args)], "apply", dict(kwds), result._set)
        return result

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def _map_async(self, func, iterable, mode, chunksize, callback, error_callback):
        self._check_running()
        items = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(items), self._processes * 4)
            if extra:
                chunksize += 1
        if chunksize < 1 and items:
            raise ValueError("Chunksize must be 1+, not {0:n}".format(chunksize))
        chunks = [items[i:i + chunksize] for i in range(0, len(items), max(chunksize, 1))]
        result = MapResult(len(chunks), callback, error_callback)
        for i, chunk in enumerate(chunks):
            self._engine.submit(func, chunk, mode, {}, result._chunk_done(i))
        return result

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, "map", chunksize, callback, error_callback)

    def map(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, "map", chunksize, None, None).get()

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, "star", chunksize, callback, error_callback)

    def starmap(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, "star", chunksize, None, None).get()

    def imap(self, func, iterable, chunksize=1):
        """Results in order, each as soon as it (and those before it) are in."""
        self._check_running()
        items = list(iterable)
        parts = [self._map_async(func, items[i:i + chunksize], "map", chunksize, None, None)
                 for i in range(0, len(items), chunksize)]
        return (x for part in parts for x in part.get())

    def imap_unordered(self, func, iterable, chunksize=1):
        """Results in the order they finish."""
        import queue
        self._check_running()
        items = list(iterable)
        finished = queue.SimpleQueue()
        n = 0
        for i in range(0, len(items), chunksize):
            self._engine.submit(func, items[i:i + chunksize], "map", {},
                                lambda ok, value: finished.put((ok, value)))
            n += 1

        def results():
            for _ in range(n):
                ok, value = finished.get()
                if not ok:
                    raise value
                yield from value
        return results()

    def close(self):
        if self._state == _RUN:
            self._state = _CLOSE
            self._engine.close()

    def terminate(self):
        if self._state != _TERMINATE:
            self._state = _TERMINATE
            self._engine.terminate()

    def join(self):
        if self._state == _RUN:
            raise ValueError("Pool is still running")
        self._engine.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, *exc):
        self.terminate()        # as CPython's: leaving the with block stops the workers
        self.join()
        return False

    def __repr__(self):
        return f"<multiprocessing.pool.Pool state={self._state} pool_size={self._processes}>"
