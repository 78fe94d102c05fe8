"""json.encoder -- where CPython keeps JSONEncoder (gilt keeps it in json itself;
this module only names it)."""
from json import JSONEncoder

__all__ = ["JSONEncoder"]
