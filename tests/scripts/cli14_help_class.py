# help() on classes: bases, the signature from __init__, the docstring, the method
# resolution order, then what each class in it defines -- methods, class methods,
# static methods, properties, data -- and what is inherited.
class Base:
    """A base."""

    def hello(self):
        """Say hi."""

    @property
    def size(self):
        """How big."""
        return 1


class Child(Base):
    """A child."""
    kind = "child"

    def __init__(self, a, *, b=1):
        """Make a child of a."""
        self.a = a

    @staticmethod
    def make(x):
        """Make one."""

    @classmethod
    def build(cls, y):
        """Build one."""

    def __repr__(self):
        """The child, for a programmer."""
        return "Child()"

    def _private(self):
        pass


class Empty:
    pass


help(Child)
help(Empty)
help(Child.make)
help(Child(1))
