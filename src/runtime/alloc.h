/* alloc.h -- the one allocation funnel.
 *
 * Every byte gilt allocates goes through these functions, which sit on mimalloc.
 * Objects come from the calling thread's own mimalloc heap (GThreadState.heap), so
 * threads never contend on the allocator and the cycle collector can later walk each
 * heap with mi_heap_visit_blocks.  Raw buffers (list storage, dict tables) use the
 * same funnel.  On failure these return NULL and the caller raises MemoryError with
 * g_no_memory(); nothing here raises.
 *
 * GILT_MAX_ALLOC (debug.h) caps a single request, so that `[0] * 10**12` raises
 * MemoryError at once instead of asking the OS for a terabyte.
 */
#ifndef GILT_ALLOC_H
#define GILT_ALLOC_H

#include <stddef.h>

#include "debug.h"
#include "objects/object.h"

void *g_mem_alloc(size_t n);
void *g_mem_calloc(size_t count, size_t size);
void *g_mem_realloc(void *p, size_t n);
void g_mem_free(void *p);

/* Allocate an object of `size` bytes and initialise its header: owned by the
 * current thread, refcount 1.  NULL (no exception set) on failure. */
GObject *g_object_alloc(GType *type, size_t size);
/* Free an object's memory (the type's dealloc has already released its contents). */
void g_object_free(GObject *o);
/* THE BLOCK CACHES.  Floats, small ints and small tuples are the objects arithmetic,
 * unpacking and dict keys make and drop by the million.  Instead of handing their
 * blocks back to mimalloc and asking again, each thread keeps up to GILT_BLOCK_CACHE
 * (debug.h) freed blocks per cache class on lists of its own (GThreadState.
 * block_cache), each class one block size:
 *
 *   G_CACHE_WORD        a header and one 8-byte word: floats and small ints;
 *   G_CACHE_TUPLE + n   tuples of n items, 1 <= n <= GILT_TUPLE_CACHE_MAX (with the
 *                       GGCHead in front: the cached block is the whole allocation).
 *
 * The lists are owner only: a block goes on the list of the thread whose free hands
 * it back -- for a container that is always its owner (g_object_free's rule: another
 * thread only marks it dead and the collector frees it); for a leaf, whoever dropped
 * the last reference -- and comes off it only in that thread's allocations.  The
 * memory may come from any thread's mimalloc heap: a cache never hands a block back
 * other than through mi_free, which any thread may call.  A retiring thread empties
 * its caches and frees at once from then on.
 *
 * g_word_alloc (alloc_word.h) makes a word object of `type` (a static leaf type) as g_object_alloc
 * would, and g_word_free is the last step of its dealloc, instead of g_object_free.
 * g_container_alloc_cached and g_container_free_cached do the same for a static
 * container type, with a class whose blocks all have `size` bytes. */
enum { G_CACHE_WORD, G_CACHE_TUPLE, G_CACHE_CLASSES = G_CACHE_TUPLE + GILT_TUPLE_CACHE_MAX + 1 };
#define G_WORD_OBJECT_SIZE (sizeof(GObject) + 8)
/* g_word_alloc and g_word_free: inline, in runtime/alloc_word.h */
GObject *g_container_alloc_cached(GType *type, size_t size, int cls);
void g_container_free_cached(GObject *o, int cls);
struct GThreadState;
void g_block_cache_close(struct GThreadState *ts);
/* THE WORD PAGES (alloc.c): g_word_alloc's blocks come from pages of 40-byte blocks
 * rather than from mimalloc's 48-byte size class.  How many pages there are, and how
 * many of those belong to retired threads and wait for a thread to adopt them (both
 * 0 when GILT_WORD_PAGES is off).  Numbers for tests, not exact while threads run. */
void g_word_pages_count(size_t *pages, size_t *orphans);

/* Allocation-failure injection for tests: fail every allocation after n more (-1 off). */
void g_alloc_fail_after(long n);
size_t g_mem_peak_rss_kb(void);

#endif
