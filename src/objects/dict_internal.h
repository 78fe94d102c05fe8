/* dict_internal.h -- what dict.c gives dict_type.c beyond the C API of objects.h.
 *
 *   dict.c        the table, its lock-free reads and locked writes (the top of the
 *                 file explains the protocol), and the C API
 *   dict_type.c   the slots, the methods and GDict_type, made of the C API and these
 *   dict_view.c   the iterators and the keys/values/items views
 */
#ifndef GILT_DICT_INTERNAL_H
#define GILT_DICT_INTERNAL_H

#include "objects/objects.h"

/* The value under key, whose hash is h (borrowed; NULL: missing or error). */
GObject *dict_get_hashed(GDict *d, GObject *key, int64_t h);
/* Raise KeyError(key); returns NULL. */
GObject *dict_missing_key(GObject *key);
/* Remove key and return its value (new reference; NULL: not there, or an error). */
GObject *dict_pop_key(GObject *o, GObject *key);
/* popitem with d's lock held: the last entry as a (key, value) tuple (NULL, no
 * error: empty). */
GObject *dict_pop_last_locked(GDict *d);
/* tp_dealloc: in dict.c, beside the table it frees. */
void dict_dealloc(GObject *o);

#endif
