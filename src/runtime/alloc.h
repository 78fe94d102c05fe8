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
/* THE WORD CACHE.  Floats and small ints -- a header and one 8-byte word -- are the
 * objects arithmetic makes and drops by the million.  Their blocks all have one size,
 * G_WORD_OBJECT_SIZE, so each thread keeps up to GILT_WORD_CACHE (debug.h) of them on
 * a list of its own (GThreadState.word_cache) instead of handing them back to mimalloc
 * and asking again.  The list is owner only: a block goes on the list of the thread
 * whose free brought the object to zero -- whoever made it; biased counting may merge
 * it to another thread first -- and comes off it only in that thread's allocations.
 * The memory may come from any thread's mimalloc heap: the cache never hands a block
 * back to a heap other than through mi_free, which any thread may call.
 *
 * g_object_alloc_word makes a word object of `type` (a static, non-container type)
 * as g_object_alloc would; g_object_free_word is its type's dealloc's last step. */
#define G_WORD_OBJECT_SIZE (sizeof(GObject) + 8)
GObject *g_object_alloc_word(GType *type);
void g_object_free_word(GObject *o);
/* The retiring owner empties its cache, and from then on frees word objects at once. */
struct GThreadState;
void g_word_cache_close(struct GThreadState *ts);

/* Allocation-failure injection for tests: fail every allocation after n more (-1 off). */
void g_alloc_fail_after(long n);
size_t g_mem_peak_rss_kb(void);

#endif
