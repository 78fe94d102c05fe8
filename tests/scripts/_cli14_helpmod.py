"""Tools for counting sheep.

Each function here counts something; the class keeps a running total.
"""

LIMIT = 100
NAMES = ["dolly", "shaun"]


def count(flock, start=0):
    """Count the sheep in flock, from start."""
    return start + len(flock)


def _hidden():
    pass


class Tally:
    """A running total."""

    def __init__(self):
        """Start at zero."""
        self.total = 0

    def add(self, n):
        """Add n sheep."""
        self.total += n
