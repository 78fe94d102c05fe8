/* weakref.h -- weak references (objects/weakref.c tells how they work). */
#ifndef GILT_WEAKREF_H
#define GILT_WEAKREF_H

#include "objects/object.h"
#include "runtime/objvec.h"

extern GType GWeakRef_type;

/* Does o's type support weak references (as in CPython)? */
bool g_weakref_supported(GObject *o);
/* o's count reached zero and it carries G_GC_WEAKREFS: clear its refs, then run their
 * callbacks (no lock held).  Called by g_dealloc, the one path every type dies by. */
void g_weakref_clear_dying(GObject *o);
/* With the world stopped, for a collection's garbage: unlink the weakrefs that are
 * garbage themselves (their callbacks never run, as in CPython), then clear every
 * ref to a garbage object; what must be called goes to `calls` (ref, callback pairs,
 * both owned) for g_weakref_run_callbacks once the world runs again. */
void g_weakref_gc_clear(GObjVec *garbage, GObjVec *calls);
/* Call each callback with its ref, printing what they raise; empties `calls`. */
void g_weakref_run_callbacks(GObjVec *calls);
/* The _weakref module. */
GObject *g_weakref_module_init(void);

#endif
