"""contextlib -- helpers for with statements.

contextmanager turns a generator into a context manager: the code before its
yield is __enter__, the yielded value is what `as` gets, and the code after it
is __exit__.  An exception raised in the with block is thrown into the
generator at the yield, so a try/finally (or except) around the yield sees it.
"""

import sys as _sys

__all__ = ['AbstractContextManager', 'ContextDecorator', 'ExitStack', 'closing',
           'contextmanager', 'nullcontext', 'redirect_stderr', 'redirect_stdout',
           'suppress']


class AbstractContextManager:
    """A base class whose __enter__ returns self."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        return None


class ContextDecorator:
    """A base class that lets a context manager decorate a function: the call
    then runs inside `with self._recreate_cm():`."""

    def _recreate_cm(self):
        return self

    def __call__(self, func):
        def inner(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)
        for attr in ('__module__', '__name__', '__qualname__', '__doc__'):
            try:
                setattr(inner, attr, getattr(func, attr))
            except AttributeError:
                pass
        inner.__wrapped__ = func
        return inner


class _GeneratorContextManager(ContextDecorator, ):
    """What a @contextmanager function returns: runs the generator to its yield
    on entry, and on to its end on exit."""

    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func, self.args, self.kwds = func, args, kwds
        self.__doc__ = getattr(func, '__doc__', None)

    def _recreate_cm(self):
        # A decorated function makes a fresh generator for each call.
        return self.__class__(self.func, self.args, self.kwds)

    def __enter__(self):
        del self.args, self.kwds, self.func
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None

    def __exit__(self, typ, value, traceback):
        if typ is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            raise RuntimeError("generator didn't stop")
        if value is None:
            value = typ()
        try:
            self.gen.throw(value)
        except StopIteration as exc:
            # The generator caught the exception and ended: it is suppressed,
            # unless it was a StopIteration raised in the with block itself.
            return exc is not value
        except RuntimeError as exc:
            # A StopIteration from the block that came back wrapped (PEP 479).
            if exc is value or (isinstance(value, StopIteration) and exc.__cause__ is value):
                return False
            raise
        except BaseException as exc:
            # The generator let the exception out (or raised another one).
            if exc is not value:
                raise
            return False
        raise RuntimeError("generator didn't stop after throw()")


def contextmanager(func):
    """@contextmanager: a generator function becomes a context manager factory.

        @contextmanager
        def opened(name):
            f = acquire(name)
            try:
                yield f
            finally:
                release(f)
    """
    def helper(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)
    for attr in ('__module__', '__name__', '__qualname__', '__doc__'):
        try:
            setattr(helper, attr, getattr(func, attr))
        except AttributeError:
            pass
    helper.__wrapped__ = func
    return helper


class closing(AbstractContextManager):
    """with closing(thing) as t: ... calls thing.close() at the end."""

    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc_info):
        self.thing.close()


class nullcontext(AbstractContextManager):
    """A context manager that does nothing; `as` gets enter_result."""

    def __init__(self, enter_result=None):
        self.enter_result = enter_result

    def __enter__(self):
        return self.enter_result

    def __exit__(self, *excinfo):
        pass


class suppress(AbstractContextManager):
    """with suppress(KeyError): ... ignores those exceptions in the block."""

    def __init__(self, *exceptions):
        self._exceptions = exceptions

    def __enter__(self):
        pass

    def __exit__(self, exctype, excinst, exctb):
        return exctype is not None and issubclass(exctype, self._exceptions)


class _RedirectStream(AbstractContextManager):
    _stream = None

    def __init__(self, new_target):
        self._new_target = new_target
        self._old_targets = []

    def __enter__(self):
        self._old_targets.append(getattr(_sys, self._stream))
        setattr(_sys, self._stream, self._new_target)
        return self._new_target

    def __exit__(self, exctype, excinst, exctb):
        setattr(_sys, self._stream, self._old_targets.pop())


class redirect_stdout(_RedirectStream):
    """with redirect_stdout(f): print() writes to f inside the block."""
    _stream = 'stdout'


class redirect_stderr(_RedirectStream):
    """with redirect_stderr(f): sys.stderr is f inside the block."""
    _stream = 'stderr'


class ExitStack(AbstractContextManager):
    """A stack of exit callbacks, run last-in first-out when the with ends:
    enter_context(cm) enters cm and pushes its __exit__; callback(f, ...) pushes
    a plain call."""

    def __init__(self):
        self._exit_callbacks = []

    def pop_all(self):
        """Move the callbacks to a new ExitStack, and return it."""
        new_stack = type(self)()
        new_stack._exit_callbacks = self._exit_callbacks
        self._exit_callbacks = []
        return new_stack

    def push(self, exit):
        """Push an __exit__-like callable, or a context manager's __exit__."""
        method = getattr(type(exit), '__exit__', None)
        if method is None:
            self._exit_callbacks.append(exit)
        else:
            self._exit_callbacks.append(lambda *details: method(exit, *details))
        return exit

    def enter_context(self, cm):
        """Enter cm, push its __exit__, and return what __enter__ returned."""
        cls = type(cm)
        try:
            enter = cls.__enter__
            exit = cls.__exit__
        except AttributeError:
            raise TypeError(f"'{cls.__module__}.{cls.__qualname__}' object does "
                            f"not support the context manager protocol") from None
        result = enter(cm)
        self._exit_callbacks.append(lambda *details: exit(cm, *details))
        return result

    def callback(self, callback, /, *args, **kwds):
        """Push callback(*args, **kwds), called without the exception details."""
        def _exit_wrapper(exc_type, exc, tb):
            callback(*args, **kwds)
        _exit_wrapper.__wrapped__ = callback
        self._exit_callbacks.append(_exit_wrapper)
        return callback

    def close(self):
        """Run the callbacks now."""
        self.__exit__(None, None, None)

    def __exit__(self, *exc_details):
        received = exc_details[0] is not None
        pending_raise = False
        suppressed = False
        while self._exit_callbacks:
            cb = self._exit_callbacks.pop()
            try:
                if cb(*exc_details):
                    suppressed = True
                    pending_raise = False
                    exc_details = (None, None, None)
            except BaseException as exc:
                # The callback's exception replaces the one in flight.
                if exc_details[1] is not None and exc.__context__ is None:
                    exc.__context__ = exc_details[1]
                pending_raise = True
                exc_details = (type(exc), exc, exc.__traceback__)
        if pending_raise:
            raise exc_details[1]
        return received and suppressed
