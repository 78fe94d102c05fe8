/* objvec.h -- a growable array of object pointers, for the runtime's own lists.
 *
 * The runtime keeps several short-lived lists of objects that must not be lost: the
 * objects a stopped world found dead (freed once it runs again), the garbage of a
 * collection, and a thread's deallocations put off to bound C-stack depth
 * (refcount.c's trashcan).  Losing an entry would leak or corrupt a count, and there
 * is no exception to raise at those points, so running out of memory while growing
 * one is fatal.  The array holds whatever references its user says it holds; it
 * counts nothing itself.
 */
#ifndef GILT_OBJVEC_H
#define GILT_OBJVEC_H

#include <stddef.h>

#include "objects/object.h"

typedef struct GObjVec {
    GObject **items;
    size_t n, cap;
} GObjVec;

/* Append o (aborts if memory runs out: see above). */
void g_objvec_push(GObjVec *v, GObject *o);
static inline GObject *g_objvec_pop(GObjVec *v) { return v->items[--v->n]; }
/* Release the storage (the entries must have been dealt with). */
void g_objvec_free(GObjVec *v);

#endif
