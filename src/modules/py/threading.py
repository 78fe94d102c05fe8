"""threading -- threads, locks and the other synchronisation primitives.

This module is written in Python, on top of gilt's _thread module (a thread and a
1-byte lock in C).  Everything else -- Thread, RLock, Condition, Event, Semaphore,
Barrier, local -- is built here from those two, in plain view: read it to see how
each primitive works.
"""
import _thread
import sys
import time as _time

Lock = _thread.allocate_lock
_allocate_lock = _thread.allocate_lock
get_ident = _thread.get_ident
get_native_id = _thread.get_native_id
TIMEOUT_MAX = _thread.TIMEOUT_MAX
ThreadError = RuntimeError

_active = {}              # ident -> Thread, for threads that are running
_active_lock = _allocate_lock()
_active_lock._gilt_race_exempt()   # gilt --race: bookkeeping, not the program's synchronisation
_counter = 0


def _new_name(target):
    global _counter
    _counter += 1
    suffix = f" ({target.__name__})" if target is not None and hasattr(target, "__name__") else ""
    return f"Thread-{_counter}{suffix}"


class RLock:
    """A lock the thread holding it may acquire again; it is released when every
    acquire has been matched by a release."""

    def __init__(self):
        self._block = _allocate_lock()
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        me = get_ident()
        if self._owner == me:
            self._count += 1
            return True
        if not self._block.acquire(blocking, timeout):
            return False
        self._owner = me
        self._count = 1
        return True

    def release(self):
        if self._owner != get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if self._count == 0:
            self._owner = None
            self._block.release()

    def _is_owned(self):
        return self._owner == get_ident()

    __enter__ = acquire

    def __exit__(self, *exc):
        self.release()

    def __repr__(self):
        state = "locked" if self._owner is not None else "unlocked"
        return f"<{state} RLock owner={self._owner!r} count={self._count}>"


class Condition:
    """Wait until notified.  Each waiter sleeps on a private lock that notify()
    releases; the condition's own lock is released while waiting."""

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = []
        self._gilt_what = "a notify() on the Condition"   # the deadlock report's words
        self._race_exempt = False   # gilt --race: True when the owner makes its edges by hand

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc):
        return self._lock.__exit__(*exc)

    def _is_owned(self):
        if hasattr(self._lock, "_is_owned"):
            return self._lock._is_owned()
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def _release_save(self):
        if isinstance(self._lock, RLock):
            count, owner = self._lock._count, self._lock._owner
            self._lock._count = 0
            self._lock._owner = None
            self._lock._block.release()
            return count, owner
        self._lock.release()
        return None

    def _acquire_restore(self, saved):
        if isinstance(self._lock, RLock):
            self._lock._block.acquire()
            self._lock._count, self._lock._owner = saved
        else:
            self._lock.acquire()

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = _allocate_lock()
        waiter._gilt_label(self._gilt_what)   # for the deadlock report
        if self._race_exempt:
            waiter._gilt_race_exempt()
        waiter.acquire()
        self._waiters.append(waiter)
        saved = self._release_save()
        got = False
        try:
            if timeout is None:
                waiter.acquire()
                got = True
            else:
                got = waiter.acquire(True, timeout) if timeout > 0 else waiter.acquire(False)
            return got
        finally:
            self._acquire_restore(saved)
            if not got:
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass

    def wait_for(self, predicate, timeout=None):
        endtime = None
        result = predicate()
        while not result:
            if timeout is not None:
                if endtime is None:
                    endtime = _time.monotonic() + timeout
                left = endtime - _time.monotonic()
                if left <= 0:
                    break
                self.wait(left)
            else:
                self.wait()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        for waiter in self._waiters[:n]:
            self._waiters.remove(waiter)
            waiter.release()

    def notify_all(self):
        self.notify(len(self._waiters))


class Semaphore:
    """A counter that acquire() decrements, waiting while it is zero."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._cond._gilt_what = "a release() of the Semaphore"
        self._value = value

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        with self._cond:
            if not blocking:
                if self._value == 0:
                    return False
            elif not self._cond.wait_for(lambda: self._value > 0, timeout):
                return False
            self._value -= 1
            return True

    __enter__ = acquire

    def release(self, n=1):
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __exit__(self, *exc):
        self.release()


class BoundedSemaphore(Semaphore):
    """A semaphore that refuses to be released above its initial value."""

    def __init__(self, value=1):
        super().__init__(value)
        self._initial = value

    def release(self, n=1):
        with self._cond:
            if self._value + n > self._initial:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


class Event:
    """A flag threads can wait for."""

    def __init__(self):
        self._cond = Condition(Lock())
        self._cond._gilt_what = "the Event to be set"
        self._flag = False

    def is_set(self):
        if self._flag:
            _thread._race_acquire(self)   # gilt --race: set() happens before a True is_set()
            return True
        return False

    def set(self):
        with self._cond:
            _thread._race_release(self)
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            return self._cond.wait_for(lambda: self._flag, timeout)


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    """Wait until `parties` threads have all arrived."""

    def __init__(self, parties, action=None, timeout=None):
        self._cond = Condition(Lock())
        self._cond._gilt_what = "the other threads at the Barrier"
        self.parties = parties
        self._action = action
        self._timeout = timeout
        self._count = 0
        self._generation = 0
        self._broken = False

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            if self._broken:
                raise BrokenBarrierError
            gen = self._generation
            index = self._count
            self._count += 1
            if self._count == self.parties:
                if self._action:
                    self._action()
                self._count = 0
                self._generation += 1
                self._cond.notify_all()
                return index
            if not self._cond.wait_for(lambda: self._generation != gen or self._broken, timeout):
                self._broken = True
                self._cond.notify_all()
                raise BrokenBarrierError
            if self._broken:
                raise BrokenBarrierError
            return index

    def abort(self):
        with self._cond:
            self._broken = True
            self._cond.notify_all()

    def reset(self):
        with self._cond:
            self._broken = False
            self._count = 0

    @property
    def n_waiting(self):
        return self._count

    @property
    def broken(self):
        return self._broken


class ExceptHookArgs:
    def __init__(self, exc_type, exc_value, exc_traceback, thread):
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.exc_traceback = exc_traceback
        self.thread = thread


def excepthook(args):
    """Report an exception that ended a thread, as CPython does."""
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else get_ident()
    print(f"Exception in thread {name}:", file=sys.stderr, flush=True)
    sys.excepthook(args.exc_type, args.exc_value, args.exc_traceback)


class Thread:
    """A thread of control.  Subclass it and override run(), or pass target."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs) if kwargs else {}
        self._name = str(name) if name is not None else _new_name(target)
        if daemon is None:
            current = current_thread()
            daemon = current.daemon if current is not None else False
        self._daemonic = daemon
        self._ident = None
        self._native_id = None
        self._started = Event()
        self._done = _allocate_lock()   # held by the thread while it runs; join() waits on it
        self._finished = False

    def start(self):
        if self._started.is_set():
            raise RuntimeError("threads can only be started once")
        _thread.start_new_thread(self._bootstrap, ())
        self._started.wait()

    def _bootstrap(self):
        self._done.acquire()
        self._done._gilt_label(f"{self._name} to finish")   # for the deadlock report
        self._ident = get_ident()
        self._native_id = get_native_id()
        _thread._set_name(self._name)                         # for --stats and the dashboard
        with _active_lock:
            _active[self._ident] = self
        self._started.set()
        try:
            self.run()
        except BaseException as e:
            excepthook(ExceptHookArgs(type(e), e, e.__traceback__, self))
        finally:
            with _active_lock:
                _active.pop(self._ident, None)
            _thread._race_release(self._done)   # gilt --race: for a join() that finds us finished
            self._finished = True
            _thread._flush_counts()              # gilt.stats() after join() sees all our work
            self._done.release()

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            del self._target, self._args, self._kwargs

    def join(self, timeout=None):
        if not self._started.is_set():
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if self._finished:
            _thread._race_acquire(self._done)   # gilt --race: the thread's end happens before
            return
        if timeout is None:
            self._done.acquire()
            self._done.release()
        elif self._done.acquire(True, max(timeout, 0)):
            self._done.release()

    def is_alive(self):
        return self._started.is_set() and not self._finished

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        self._name = str(value)
        if self._ident is not None and not self._finished:
            _thread._set_name(self._name, self._ident)   # for the deadlock report

    @property
    def ident(self):
        return self._ident

    @property
    def native_id(self):
        return self._native_id

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, value):
        if self._started.is_set():
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = bool(value)

    def getName(self):
        return self._name

    def setName(self, name):
        self.name = name

    def isDaemon(self):
        return self._daemonic

    def setDaemon(self, daemonic):
        self.daemon = daemonic

    def __repr__(self):
        status = "started" if self._started.is_set() else "initial"
        if self._daemonic:
            status += " daemon"
        if self._finished:
            status = "stopped"
        ident = f" {self._ident}" if self._ident is not None else ""
        return f"<{type(self).__name__}({self._name}, {status}{ident})>"


class _MainThread(Thread):
    def __init__(self):
        super().__init__(name="MainThread", daemon=False)
        self._done.acquire()
        self._done._gilt_label("MainThread to finish")
        self._started.set()
        self._ident = get_ident()
        self._native_id = get_native_id()
        with _active_lock:
            _active[self._ident] = self


class _DummyThread(Thread):
    def __init__(self):
        super().__init__(name=f"Dummy-{get_ident()}", daemon=True)
        self._started.set()
        self._ident = get_ident()


class Timer(Thread):
    """Call a function after a delay, unless cancelled first."""

    def __init__(self, interval, function, args=None, kwargs=None):
        super().__init__()
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


class local:
    """Attributes that are separate for each thread."""

    def __init__(self):
        object.__setattr__(self, "_per_thread", {})

    def _dict(self):
        return object.__getattribute__(self, "_per_thread").setdefault(get_ident(), {})

    def __getattr__(self, name):
        d = self._dict()
        if name in d:
            return d[name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __setattr__(self, name, value):
        self._dict()[name] = value

    def __delattr__(self, name):
        d = self._dict()
        if name not in d:
            raise AttributeError(name)
        del d[name]


def current_thread():
    t = _active.get(get_ident())
    if t is None:
        t = _DummyThread()
    return t


currentThread = current_thread


def main_thread():
    return _main_thread


def active_count():
    with _active_lock:
        return len(_active)


activeCount = active_count


def enumerate():
    with _active_lock:
        return list(_active.values())


def _shutdown():
    """Called when the main program ends: wait for every non-daemon thread."""
    while True:
        with _active_lock:
            pending = [t for t in _active.values() if t is not _main_thread and not t.daemon]
        if not pending:
            return
        for t in pending:
            t.join()


def _after_fork():
    """Called by os.fork() in the child, where only the calling thread exists.

    The other threads' Thread objects are marked finished (join() on them returns at
    once) and forgotten; the calling thread becomes the main thread.  A Lock that
    another thread held stays held, as in CPython: the child inherits it locked."""
    global _active_lock, _main_thread
    _active_lock = _allocate_lock()     # its holder may have been a thread left behind
    _active_lock._gilt_race_exempt()
    me = _active.get(get_ident())
    for t in list(_active.values()):
        if t is not me:
            t._finished = True
    _active.clear()
    if me is not None:
        me._native_id = get_native_id()
        _active[me._ident] = me
        _main_thread = me


_main_thread = _MainThread()
