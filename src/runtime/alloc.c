/* alloc.c -- the allocation funnel on mimalloc (see alloc.h).
 *
 * Objects are allocated from the calling thread's mimalloc heap; buffers use the
 * default heap of the calling thread (mi_malloc), which is also thread-local in
 * mimalloc.  Frees may happen on any thread: mimalloc hands a block freed by another
 * thread back to its owning heap by itself.
 *
 * In sanitizer builds (--enable-sanitizer) the funnel uses the C library's malloc
 * instead, so that AddressSanitizer sees every object and buffer.
 */
#include "runtime/alloc.h"

#include <mimalloc.h>
#include <stdlib.h>

#include "config.h"

#ifdef GILT_SANITIZER
#define RAW_MALLOC(n) malloc(n)
#define RAW_CALLOC(c, n) calloc(c, n)
#define RAW_REALLOC(p, n) realloc(p, n)
#define RAW_FREE(p) free(p)
#define HEAP_MALLOC(h, n) ((void)(h), malloc(n))
#else
#define RAW_MALLOC(n) mi_malloc(n)
#define RAW_CALLOC(c, n) mi_calloc(c, n)
#define RAW_REALLOC(p, n) mi_realloc(p, n)
#define RAW_FREE(p) mi_free(p)
#define HEAP_MALLOC(h, n) mi_heap_malloc((mi_heap_t *)(h), n)
#endif
#include <string.h>
#include <sys/resource.h>

#include "debug.h"
#include "runtime/gc.h"
#include "runtime/refcount.h"
#include "runtime/runtime.h"

/* Test hook: -1 = never fail.  Only the main thread uses it (tests/scripts). */
static _Thread_local long fail_after = -1;

void g_alloc_fail_after(long n) { fail_after = n; }

#ifdef GILT_SANITIZER
/* Immortal and deferred objects are never freed before exit, so LeakSanitizer's
 * report is noise: ASan builds default to detect_leaks=0.  The quarantine of freed
 * memory is kept to 32 MB so that the GC's memory-bound test (tests/stress/gc_rss.py)
 * measures gilt, not ASan.  Override either with ASAN_OPTIONS. */
const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "detect_leaks=0:quarantine_size_mb=32"; }
#endif

static bool should_fail(size_t n)
{
    if (n > GILT_MAX_ALLOC)
        return true;
    if (fail_after < 0)
        return false;
    if (fail_after == 0)
        return true;
    fail_after--;
    return false;
}

void *g_mem_alloc(size_t n)
{
    if (should_fail(n))
        return NULL;
    return RAW_MALLOC(n ? n : 1);
}

void *g_mem_calloc(size_t count, size_t size)
{
    size_t total;
    if (__builtin_mul_overflow(count, size, &total) || should_fail(total))
        return NULL;
    return RAW_CALLOC(count ? count : 1, size ? size : 1);
}

void *g_mem_realloc(void *p, size_t n)
{
    if (should_fail(n))
        return NULL;
    return RAW_REALLOC(p, n ? n : 1);
}

void g_mem_free(void *p) { RAW_FREE(p); }

/* Fill in a fresh object's header: owned by ts, one reference.  A fresh object is
 * seen by no other thread yet: relaxed initialisation; whoever it is handed to gets
 * it through a release (a store into a container under its lock, a queue, a thread
 * start). */
static inline void init_header(GThreadState *ts, GObject *o, GType *type, uint8_t gc_bits)
{
    uintptr_t tid = g_runtime.refcount_mode == G_RC_ATOMIC ? 0 : (uintptr_t)ts;
    atomic_init(&o->ob_tid, tid);
    o->ob_flags = 0;
    atomic_init(&o->ob_mutex.v, 0);
    atomic_init(&o->ob_gc_bits, gc_bits);
    if (tid) {
        atomic_init(&o->ob_ref_local, 1);
        atomic_init(&o->ob_ref_shared, 0);
    } else {
        atomic_init(&o->ob_ref_local, 0);
        atomic_init(&o->ob_ref_shared, ((intptr_t)1 << G_SHARED_SHIFT) | G_SHARED_MERGED);
    }
    o->ob_type = type;
}

/* Put a container's head on the front of ts's list of containers. */
static inline void gc_link(GThreadState *ts, GGCHead *h)
{
    h->prev = NULL;
    h->next = ts->gc_list;
    if (h->next)
        h->next->prev = h;
    ts->gc_list = h;
    g_gc_note_alloc(ts);
}

GObject *g_object_alloc(GType *type, size_t size)
{
    GThreadState *ts = g_tstate_current;
    if (should_fail(size))
        return NULL;
    /* containers get a GGCHead in front, linking them into this thread's list */
    bool container = (type->flags & G_TPFLAG_GC) != 0;
    size_t total = size + (container ? sizeof(GGCHead) : 0);
    void *block = ts->heap ? HEAP_MALLOC(ts->heap, total) : RAW_MALLOC(total);
    if (!block)
        return NULL;
    GObject *o = container ? g_gc_object(block) : block;
    g_owner_count(&ts->allocs, 1);
    init_header(ts, o, type, container ? G_GC_TRACKED : 0);
    if (container)
        gc_link(ts, block);
    if (type->flags & G_TPFLAG_HEAPTYPE)
        g_incref((GObject *)type);   /* an instance keeps its class alive */
    return o;
}

/* Everything freeing does before the memory goes back: the block to hand back, or
 * NULL when the collector frees it later.
 *
 * A container is on the list of the thread that made it.  That thread may unlink it
 * and free it at once (it is the only one that touches its list while the world
 * runs; ob_tid still naming it says the object is on its list).  Any other thread
 * only marks it dead, and the collector frees it.  Anything else is freed now. */
static void *release_block(GThreadState *ts, GObject *o)
{
    if (!(g_gc_bits(o) & G_GC_TRACKED))
        return o;
    if (ts)
        g_gc_note_free(ts);
    if (ts && g_ob_tid(o) == (uintptr_t)ts) {
        GGCHead *h = g_gc_head(o);
        if (h->prev)
            h->prev->next = h->next;
        else
            ts->gc_list = h->next;
        if (h->next)
            h->next->prev = h->prev;
        return h;
    }
    /* release: the collector, which frees the memory later, must see the dealloc's
     * writes (the stop of the world orders them anyway; this says so) */
    atomic_fetch_or_explicit(&o->ob_gc_bits, G_GC_DEAD, memory_order_release);
    return NULL;
}

void g_object_free(GObject *o)
{
    void *block = release_block(g_tstate_current, o);
    if (block)
        RAW_FREE(block);
}

/* ---- the block caches (see alloc.h) -------------------------------------------------- */

/* A cached block links to the next through its first word.  A closed cache (the
 * thread has retired) has its counts at UINT16_MAX, above any limit, so the one
 * compare that bounds a cache also keeps a closed one empty. */
static inline void **cache_link(void *block) { return (void **)block; }

/* Pop a block of class cls and make it an object of `type`; NULL if the cache is
 * empty (and sets *empty) or the failure injection says so.  Inline in each caller
 * below, so that cls and `container` are constants there. */
static inline __attribute__((always_inline)) GObject *
cache_pop(GThreadState *ts, GType *type, size_t size, int cls, bool container, bool *empty)
{
    void *block = ts->block_cache[cls];
    if (!block) {
        *empty = true;
        return NULL;
    }
    if (should_fail(size))
        return NULL;
    ts->block_cache[cls] = *cache_link(block);
    ts->block_cache_n[cls]--;
    GObject *o = container ? g_gc_object(block) : block;
    g_owner_count(&ts->allocs, 1);
    init_header(ts, o, type, container ? G_GC_TRACKED : 0);
    if (container)
        gc_link(ts, block);
    return o;
}

/* Push a released block, or free it when the cache is full or closed. */
static inline __attribute__((always_inline)) void cache_push(GThreadState *ts, void *block, int cls)
{
    if (ts && ts->block_cache_n[cls] < GILT_BLOCK_CACHE) {
        *cache_link(block) = ts->block_cache[cls];
        ts->block_cache[cls] = block;
        ts->block_cache_n[cls]++;
        return;
    }
    RAW_FREE(block);
}

GObject *g_word_alloc(GType *type)
{
    G_ASSERT(!(type->flags & (G_TPFLAG_GC | G_TPFLAG_HEAPTYPE)));
    bool empty = false;
    GObject *o = cache_pop(g_tstate_current, type, G_WORD_OBJECT_SIZE, G_CACHE_WORD, false, &empty);
    return empty ? g_object_alloc(type, G_WORD_OBJECT_SIZE) : o;
}

void g_word_free(GObject *o)
{
    G_ASSERT(!(g_gc_bits(o) & G_GC_TRACKED));
    cache_push(g_tstate_current, o, G_CACHE_WORD);
}

GObject *g_container_alloc_cached(GType *type, size_t size, int cls)
{
    G_ASSERT(cls > G_CACHE_WORD && cls < G_CACHE_CLASSES);
    G_ASSERT((type->flags & G_TPFLAG_GC) && !(type->flags & G_TPFLAG_HEAPTYPE));
    bool empty = false;
    GObject *o = cache_pop(g_tstate_current, type, size, cls, true, &empty);
    return empty ? g_object_alloc(type, size) : o;
}

void g_container_free_cached(GObject *o, int cls)
{
    G_ASSERT(cls > G_CACHE_WORD && cls < G_CACHE_CLASSES);
    GThreadState *ts = g_tstate_current;
    void *block = release_block(ts, o);
    if (block)
        cache_push(ts, block, cls);
}

void g_block_cache_close(GThreadState *ts)
{
    G_ASSERT(ts == g_tstate_current);   /* owner only */
    for (int c = 0; c < G_CACHE_CLASSES; c++) {
        while (ts->block_cache[c]) {
            void *block = ts->block_cache[c];
            ts->block_cache[c] = *cache_link(block);
            RAW_FREE(block);
        }
        ts->block_cache_n[c] = UINT16_MAX;   /* closed: see cache_link */
    }
}

size_t g_mem_peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (size_t)ru.ru_maxrss;
}
