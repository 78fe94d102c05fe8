"""json.decoder -- where CPython keeps JSONDecoder and JSONDecodeError (gilt keeps
them in json itself; this module only names them)."""
from json import JSONDecoder, JSONDecodeError

__all__ = ["JSONDecoder", "JSONDecodeError"]
