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
#include "runtime/alloc_word.h"

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
/* A word page (THE WORD PAGES, below): its size and its alignment are the same. */
#ifdef GILT_SANITIZER
#define ALIGNED_PAGE() ((GWordPage *)aligned_alloc(GILT_WORD_PAGE_SIZE, GILT_WORD_PAGE_SIZE))
#define ALIGNED_FREE(p) free(p)
#else
#define ALIGNED_PAGE() ((GWordPage *)mi_malloc_aligned(GILT_WORD_PAGE_SIZE, GILT_WORD_PAGE_SIZE))
#define ALIGNED_FREE(p) mi_free(p)
#endif
#include <string.h>
#include <sys/resource.h>

#include "debug.h"
#include "runtime/gc.h"
#include "runtime/refcount.h"
#include "runtime/runtime.h"

/* Test hook: -1 = never fail.  Only the main thread uses it (tests/scripts). */
_Thread_local long g_alloc_fail_countdown = -1;

void g_alloc_fail_after(long n) { g_alloc_fail_countdown = n; }

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
    if (g_alloc_fail_countdown < 0)
        return false;
    if (g_alloc_fail_countdown == 0)
        return true;
    g_alloc_fail_countdown--;
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
    g_alloc_init_header(ts, o, type, container ? G_GC_TRACKED : 0);
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

/* A cached (or free) block links to the next through its first word.  A closed cache (the
 * thread has retired) has its counts at UINT16_MAX, above any limit, so the one
 * compare that bounds a cache also keeps a closed one empty. */
static inline void **cache_link(void *block) { return (void **)block; }

/* ---- the word pages ---------------------------------------------------------------
 *
 * THE WORD PAGES.  A float or a small int is a 32-byte header and one 8-byte word:
 * 40 bytes.  mimalloc's size classes (as Debian builds it) round that up to 48, so a
 * list of a million ints would pay 8 MB for nothing -- a fifth of its objects' size.
 * Word objects therefore come from pages of their own: GILT_WORD_PAGE_SIZE bytes,
 * aligned to their size, carved into 40-byte blocks.  The page a block belongs to is
 * its address with the low bits masked off, so a block carries no header of its own.
 * This is mimalloc's own design in miniature, and CPython's pymalloc pools are the
 * same idea.
 *
 * A page is owned by one thread, which alone allocates from it.  Any thread may free
 * into it:
 *
 *   the owner         pushes the block on the page's `free` list (owner only) and
 *                     counts it back (`used`);
 *   any other thread  pushes it on the page's `remote` list, a stack that others only
 *                     push on (a compare-and-swap) and the owner only takes whole (an
 *                     exchange), so no block is ever popped from under a pusher and
 *                     the stack has no ABA problem.
 *
 * The owner takes the remote list when its own list and the page's untouched rest
 * are used up.  A page whose blocks all came back (`used` 0) goes back to mimalloc,
 * unless it is the only page the thread has room in.
 *
 *   a thread's pages:  word_avail  (room: free blocks, an untouched rest, or remote
 *                                   frees not taken yet; allocation uses the first)
 *                      word_full   (no room the last time the owner looked; when
 *                                   word_avail runs dry the owner looks again for
 *                                   remote frees before it makes a new page)
 *
 * A retiring thread (g_block_cache_close) gives up its pages: those still holding
 * live objects become ORPHANS, on a global list under orphans_mu, and a thread that
 * needs a new page adopts one of those first.  A page's owner is written only by the
 * thread that becomes or stops being its owner, so a thread that reads its own
 * GThreadState there knows it is the owner, whatever the ordering (relaxed loads);
 * a thread that reads anything else is not, and frees remotely.
 *
 * With GILT_WORD_PAGES 0 (AddressSanitizer builds) word objects are ordinary
 * mimalloc (there: malloc) objects, so that every use after free is caught. */

typedef struct GWordPage {
    /* written by the thread that adopts or abandons the page; any thread reads it */
    _Atomic(GThreadState *) owner;
    void *free;                 /* owner: freed blocks, linked through their first word */
    char *fresh;                /* owner: the first block never handed out */
    uint32_t used;              /* owner: blocks out (handed out, not on `free`) */
    bool full;                  /* owner: on word_full rather than word_avail */
    struct GWordPage *prev, *next;   /* owner: the list the page is on (or the orphans') */
    _Atomic(void *) remote;     /* any thread pushes; the owner takes the whole stack */
} GWordPage;

#define WORD_PAGE_FIRST (((sizeof(GWordPage) + 63) / 64) * 64)
#define WORD_PAGE_BLOCKS ((GILT_WORD_PAGE_SIZE - WORD_PAGE_FIRST) / G_WORD_OBJECT_SIZE)

#if GILT_WORD_PAGES
_Static_assert((GILT_WORD_PAGE_SIZE & (GILT_WORD_PAGE_SIZE - 1)) == 0, "a word page's size is a power of two");

static GRawMutex orphans_mu;        /* rank G_RANK_WORD_PAGES: orphan_pages */
static GWordPage *orphan_pages;     /* pages of retired threads with live blocks */
/* for g_word_pages_count and a quick look: written under orphans_mu (orphans_n) or
 * by any thread (word_pages_n); read by anyone, as numbers only */
static _Atomic size_t orphans_n, word_pages_n;
static pthread_once_t orphans_once = PTHREAD_ONCE_INIT;
static void orphans_init(void) { g_raw_mutex_init(&orphans_mu, G_RANK_WORD_PAGES); }

static inline GWordPage *page_of(void *block)
{
    return (GWordPage *)((uintptr_t)block & ~(uintptr_t)(GILT_WORD_PAGE_SIZE - 1));
}

static inline bool page_is_mine(GWordPage *p, GThreadState *ts)
{
    /* relaxed: only ts itself ever stores ts here (see above) */
    return ts && atomic_load_explicit(&p->owner, memory_order_relaxed) == ts;
}

static void page_unlink(GWordPage **list, GWordPage *p)
{
    if (p->prev)
        p->prev->next = p->next;
    else
        *list = p->next;
    if (p->next)
        p->next->prev = p->prev;
    p->prev = p->next = NULL;
}

static void page_link(GWordPage **list, GWordPage *p)
{
    p->prev = NULL;
    p->next = *list;
    if (p->next)
        p->next->prev = p;
    *list = p;
}

/* Take the page's remote frees onto its own list.  Owner only. */
static bool page_take_remote(GWordPage *p)
{
    /* acquire: the pushers' writes (each block's link, and the dead object's last
     * writes before its free) happen before we hand the blocks out again */
    void *list = atomic_exchange_explicit(&p->remote, NULL, memory_order_acquire);
    if (!list)
        return false;
    void *last = list;
    uint32_t n = 1;
    while (*cache_link(last)) {
        last = *cache_link(last);
        n++;
    }
    *cache_link(last) = p->free;
    p->free = list;
    G_ASSERT(p->used >= n);
    p->used -= n;
    return true;
}

static bool page_has_room(GWordPage *p)
{
    return p->free || p->fresh + G_WORD_OBJECT_SIZE <= (char *)p + GILT_WORD_PAGE_SIZE;
}

static void page_release(GWordPage *p)
{
    G_ASSERT(p->used == 0 && !atomic_load_explicit(&p->remote, memory_order_relaxed));
    atomic_fetch_sub_explicit(&word_pages_n, 1, memory_order_relaxed);
    ALIGNED_FREE(p);
}

/* Make every orphan page ts's own: those whose blocks have all come back go back to
 * mimalloc, the others join ts's lists.  All at once, so that the pages of threads
 * that are gone are looked at once, not kept until someone happens to need them.
 * True if there were any. */
static bool adopt_orphans(GThreadState *ts)
{
    /* relaxed: a hint; the lock below is what orders */
    if (!atomic_load_explicit(&orphans_n, memory_order_relaxed))
        return false;
    pthread_once(&orphans_once, orphans_init);
    g_raw_lock(&orphans_mu);
    GWordPage *list = orphan_pages;
    orphan_pages = NULL;
    atomic_store_explicit(&orphans_n, 0, memory_order_relaxed);
    g_raw_unlock(&orphans_mu);
    /* the lock ordered us after the abandoning threads' last writes to these pages */
    if (!list)
        return false;
    for (GWordPage *p = list, *next; p; p = next) {
        next = p->next;
        p->prev = p->next = NULL;
        atomic_store_explicit(&p->owner, ts, memory_order_relaxed);
        page_take_remote(p);
        if (p->used == 0) {
            page_release(p);
            continue;
        }
        p->full = !page_has_room(p);
        page_link(p->full ? &ts->word_full : &ts->word_avail, p);
    }
    return true;
}

/* The page to allocate from when ts's first page has no room: another with room,
 * a full one that has remote frees by now, an orphan, or a new page. */
static GWordPage *page_refill(GThreadState *ts)
{
    GWordPage *p;
    do {
        while ((p = ts->word_avail)) {
            if (page_has_room(p) || page_take_remote(p))
                return p;
            page_unlink(&ts->word_avail, p);   /* no room: it is full now */
            p->full = true;
            page_link(&ts->word_full, p);
        }
        for (p = ts->word_full; p; p = p->next)
            if (atomic_load_explicit(&p->remote, memory_order_relaxed) && page_take_remote(p)) {
                page_unlink(&ts->word_full, p);
                p->full = false;
                page_link(&ts->word_avail, p);
                return p;
            }
    } while (adopt_orphans(ts));
    p = ALIGNED_PAGE();
    if (!p)
        return NULL;
    atomic_fetch_add_explicit(&word_pages_n, 1, memory_order_relaxed);
    atomic_init(&p->owner, ts);
    p->free = NULL;
    p->fresh = (char *)p + WORD_PAGE_FIRST;
    p->used = 0;
    p->full = false;
    atomic_init(&p->remote, NULL);
    page_link(&ts->word_avail, p);
    return p;
}

/* A block for a word object, or NULL (out of memory). */
static void *word_block_alloc(GThreadState *ts)
{
    GWordPage *p = ts->word_avail;
    if (!p || !page_has_room(p)) {
        p = page_refill(ts);
        if (!p)
            return NULL;
    }
    G_ASSERT(page_is_mine(p, ts) && !p->full);
    void *block = p->free;
    if (block) {
        p->free = *cache_link(block);
    } else {
        block = p->fresh;
        p->fresh += G_WORD_OBJECT_SIZE;
    }
    p->used++;
    return block;
}

/* A word object's block goes back to its page.  (Out of line: the block cache in
 * front takes most frees.) */
static __attribute__((noinline)) void word_block_free(GThreadState *ts, void *block)
{
    GWordPage *p = page_of(block);
    if (!page_is_mine(p, ts)) {
        void *head = atomic_load_explicit(&p->remote, memory_order_relaxed);
        do
            *cache_link(block) = head;
        /* release: the owner's acquire exchange sees the link and our last writes */
        while (!atomic_compare_exchange_weak_explicit(&p->remote, &head, block, memory_order_release,
                                                      memory_order_relaxed));
        return;
    }
    *cache_link(block) = p->free;
    p->free = block;
    G_ASSERT(p->used > 0);
    p->used--;
    if (p->full) {
        page_unlink(&ts->word_full, p);
        p->full = false;
        page_link(&ts->word_avail, p);
    }
    if (p->used == 0 && (p != ts->word_avail || p->next)) {
        /* every block is back, and ts has room elsewhere: the page goes back.  A
         * block of it can be on no other list: used counts the remote ones too. */
        page_unlink(&ts->word_avail, p);
        page_release(p);
    }
}

/* A retiring thread gives its pages up: empty ones go back, the rest become orphans. */
static void word_pages_close(GThreadState *ts)
{
    GWordPage *lists[2] = {ts->word_avail, ts->word_full};
    ts->word_avail = ts->word_full = NULL;
    for (int i = 0; i < 2; i++)
        for (GWordPage *p = lists[i], *next; p; p = next) {
            next = p->next;
            page_take_remote(p);
            if (p->used == 0) {
                page_release(p);
                continue;
            }
            pthread_once(&orphans_once, orphans_init);
            g_raw_lock(&orphans_mu);
            /* relaxed: from now on ts reads someone else's page here (see above); the
             * lock orders our writes before the adopter's reads */
            atomic_store_explicit(&p->owner, NULL, memory_order_relaxed);
            p->full = false;
            page_link(&orphan_pages, p);
            atomic_fetch_add_explicit(&orphans_n, 1, memory_order_relaxed);
            g_raw_unlock(&orphans_mu);
        }
}
#endif

void g_word_pages_count(size_t *pages, size_t *orphans)
{
#if GILT_WORD_PAGES
    *pages = atomic_load_explicit(&word_pages_n, memory_order_relaxed);
    *orphans = atomic_load_explicit(&orphans_n, memory_order_relaxed);
#else
    *pages = *orphans = 0;
#endif
}

/* ---- the block caches (see alloc.h) -------------------------------------------------- */


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
    g_alloc_init_header(ts, o, type, container ? G_GC_TRACKED : 0);
    if (container)
        gc_link(ts, block);
    return o;
}

/* A block no cache keeps: a word object's goes back to its page, any other to
 * mimalloc. */
static inline void block_release(GThreadState *ts, void *block, int cls)
{
#if GILT_WORD_PAGES
    if (cls == G_CACHE_WORD) {
        word_block_free(ts, block);
        return;
    }
#endif
    (void)ts, (void)cls;
    RAW_FREE(block);
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
    block_release(ts, block, cls);
}

/* A word object when the cache is empty: from a page (or from mimalloc).  Out of
 * line, so that g_word_alloc's cache hit pays for none of it. */
static __attribute__((noinline)) GObject *word_alloc_fresh(GThreadState *ts, GType *type)
{
#if GILT_WORD_PAGES
    GObject *o;
    if (should_fail(G_WORD_OBJECT_SIZE) || !(o = word_block_alloc(ts)))
        return NULL;
    g_owner_count(&ts->allocs, 1);
    g_alloc_init_header(ts, o, type, 0);
    return o;
#else
    (void)ts;
    return g_object_alloc(type, G_WORD_OBJECT_SIZE);
#endif
}

GObject *g_word_alloc_slow(GThreadState *ts, GType *type)
{
    bool empty = false;
    GObject *o = cache_pop(ts, type, G_WORD_OBJECT_SIZE, G_CACHE_WORD, false, &empty);
    return !empty ? o : word_alloc_fresh(ts, type);
}

void g_word_free_slow(GThreadState *ts, GObject *o)
{
    cache_push(ts, o, G_CACHE_WORD);
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
            block_release(ts, block, c);
        }
        ts->block_cache_n[c] = UINT16_MAX;   /* closed: see cache_link */
    }
#if GILT_WORD_PAGES
    word_pages_close(ts);
#endif
}

size_t g_mem_peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (size_t)ru.ru_maxrss;
}
