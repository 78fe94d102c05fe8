"""queue -- thread-safe FIFO, LIFO and simple queues.

A Queue is a list guarded by one lock and three conditions on it: not_empty (get
waits on it), not_full (put waits on it) and all_tasks_done (join waits on it).
"""
import _thread
import threading
import time as _time


class Empty(Exception):
    """Raised by get(block=False) or a timed-out get() on an empty queue."""


class Full(Exception):
    """Raised by put(block=False) or a timed-out put() on a full queue."""


class Queue:
    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self._init(maxsize)
        self.mutex = threading.Lock()
        self.not_empty = threading.Condition(self.mutex)
        self.not_full = threading.Condition(self.mutex)
        self.all_tasks_done = threading.Condition(self.mutex)
        self.not_empty._gilt_what = "an item in the Queue"       # the deadlock report's words
        self.not_full._gilt_what = "room in the Queue"
        self.all_tasks_done._gilt_what = "task_done() for every item in the Queue"
        # gilt --race: the edges are exactly put -> the get that returns the item,
        # put -> qsize/empty/full, and task_done -> join; the mutex and its conditions
        # make none of their own
        self.mutex._gilt_race_exempt()
        for c in (self.not_empty, self.not_full, self.all_tasks_done):
            c._race_exempt = True
        self.unfinished_tasks = 0

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.pop(0)

    def task_done(self):
        with self.all_tasks_done:
            unfinished = self.unfinished_tasks - 1
            if unfinished < 0:
                raise ValueError("task_done() called too many times")
            if unfinished == 0:
                self.all_tasks_done.notify_all()
            self.unfinished_tasks = unfinished
            _thread._race_release(self)

    def join(self):
        with self.all_tasks_done:
            while self.unfinished_tasks:
                self.all_tasks_done.wait()
            _thread._race_acquire(self)

    # qsize(), empty() and full() read what every put before them left (in CPython,
    # through the mutex): each put releases the queue's list, and these acquire it
    def qsize(self):
        with self.mutex:
            _thread._race_acquire(self.queue)
            return self._qsize()

    def empty(self):
        with self.mutex:
            _thread._race_acquire(self.queue)
            return not self._qsize()

    def full(self):
        with self.mutex:
            _thread._race_acquire(self.queue)
            return 0 < self.maxsize <= self._qsize()

    def put(self, item, block=True, timeout=None):
        with self.not_full:
            if self.maxsize > 0:
                if not block:
                    if self._qsize() >= self.maxsize:
                        raise Full
                elif timeout is None:
                    while self._qsize() >= self.maxsize:
                        self.not_full.wait()
                elif timeout < 0:
                    raise ValueError("'timeout' must be a non-negative number")
                else:
                    endtime = _time.monotonic() + timeout
                    while self._qsize() >= self.maxsize:
                        remaining = endtime - _time.monotonic()
                        if remaining <= 0.0:
                            raise Full
                        self.not_full.wait(remaining)
            _thread._race_release(item)
            _thread._race_release(self.queue)
            self._put(item)
            self.unfinished_tasks += 1
            self.not_empty.notify()

    def get(self, block=True, timeout=None):
        with self.not_empty:
            if not block:
                if not self._qsize():
                    raise Empty
            elif timeout is None:
                while not self._qsize():
                    self.not_empty.wait()
            elif timeout < 0:
                raise ValueError("'timeout' must be a non-negative number")
            else:
                endtime = _time.monotonic() + timeout
                while not self._qsize():
                    remaining = endtime - _time.monotonic()
                    if remaining <= 0.0:
                        raise Empty
                    self.not_empty.wait(remaining)
            item = self._get()
            _thread._race_acquire(item)
            self.not_full.notify()
            return item

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(block=False)


class LifoQueue(Queue):
    """A queue that hands out the most recently added item first."""

    def _get(self):
        return self.queue.pop()


class SimpleQueue(Queue):
    """An unbounded FIFO queue without task tracking."""

    def __init__(self):
        super().__init__(0)


class PriorityQueue(Queue):
    """Smallest item first, kept as a binary heap in a list."""

    def _put(self, item):
        h = self.queue
        h.append(item)
        i = len(h) - 1
        while i > 0:
            parent = (i - 1) // 2
            if not h[i] < h[parent]:
                break
            h[i], h[parent] = h[parent], h[i]
            i = parent

    def _get(self):
        h = self.queue
        last = h.pop()
        if not h:
            return last
        top = h[0]
        h[0] = last
        i = 0
        n = len(h)
        while True:
            small = i
            for child in (2 * i + 1, 2 * i + 2):
                if child < n and h[child] < h[small]:
                    small = child
            if small == i:
                return top
            h[i], h[small] = h[small], h[i]
            i = small
