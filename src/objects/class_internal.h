/* class_internal.h -- what class.c (slots) shares with type_new.c (making classes). */
#ifndef GILT_CLASS_INTERNAL_H
#define GILT_CLASS_INTERNAL_H

#include "objects/object.h"

/* The value of `cname` in the first class along t's MRO that has it, if that
 * class is written in Python; NULL if none has it or a built-in type comes first. */
GObject *g_heap_defines(GType *t, const char *cname);
/* The built-in type whose C struct t's instances use (t's layout base's chain). */
GType *g_first_static_base(GType *t);

#endif
