/* frame.h -- an executing function's activation record.
 *
 *   GFrame
 *   +------------------------------+
 *   | code, globals, builtins,     |   what is being run, and where names resolve
 *   | locals (dict, module/class)  |
 *   | func, back, gen              |   the caller chain; the generator that owns it
 *   | ip, sp, nblocks, blocks[]    |   where execution is; the try/with block stack
 *   +------------------------------+
 *   | localsplus[0 .. nlocals)     |   fast locals, arguments first
 *   | localsplus[.. + ncells)      |   cells for variables captured by inner functions
 *   | localsplus[.. + nfrees)      |   cells captured from the enclosing function
 *   |                              |   (borrowed from func's closure)
 *   | stack[0 .. stacksize)        |   the value stack (sp points past the top)
 *   +------------------------------+
 *
 * Everything the eval loop needs to stop and resume is in the frame, so a generator
 * keeps its frame and resumes it later.  Frames are plain C structs, not objects: a
 * frame is owned by exactly one running call or one generator.
 *
 * Where frames live.  Calls nest: the frame made last is freed first.  So an
 * ordinary call's frame is pushed onto its thread's frame stack (GThreadState's
 * frame_chunk, frame_top, frame_limit) by moving frame_top up, and popped on return
 * by moving it back: no malloc, no free.  The stack is a chain of chunks (64 KiB,
 * or one frame if a frame is bigger); when a frame does not fit in the chunk on
 * top, a new chunk goes on top, and when that chunk empties again it is kept as the
 * thread's one spare, so recursion going up and down across a chunk's edge does not
 * allocate each time.  A generator's or coroutine's frame must outlive the call
 * that made it, and another thread may resume it, so it is on the heap (f->heap).
 *
 *   thread's frame stack:  [chunk 1: f0 f1 f2 ... ] <-prev- [chunk 2: f7 f8 |free...]
 *                                                                          ^frame_top
 *
 * The frame stack is its thread's alone: only the owner pushes and pops, and a frame
 * is popped only when it is the top one (G_ASSERTed).  Other threads may read a
 * parked thread's frames (the deadlock report, a stopped world) but never free them.
 */
#ifndef GILT_FRAME_H
#define GILT_FRAME_H

#include "debug.h"
#include "objects/objects.h"
#include "runtime/runtime.h"

typedef enum {
    BLOCK_EXCEPT,          /* SETUP_FINALLY / SETUP_WITH: jump to handler on exception */
    BLOCK_HANDLER,         /* inside an except/finally handler: restore exc_info on exit */
} GBlockKind;

typedef struct GBlock {
    GBlockKind kind;
    int handler;           /* BLOCK_EXCEPT: instruction index of the handler */
    int level;             /* stack depth to unwind to */
    GObject *saved_exc;    /* BLOCK_HANDLER: the exc_info to restore */
} GBlock;

typedef struct GFrame {
    GCode *code;
    GObject *globals, *builtins, *locals;
    GObject *func;
    struct GFrame *back;
    GObject *gen;          /* borrowed: the generator owning this frame, or NULL */
    int ip;                /* next instruction */
    int lasti;             /* instruction being executed (for tracebacks) */
    GObject **sp;
    int nblocks;
    bool heap;             /* on the heap (a generator's): outlives its call; else on
                            * its thread's frame stack */
    bool inlined;          /* called by the eval loop without a C call (eval_loop.h,
                            * inline_call): its return resumes the caller in the same
                            * C invocation of the loop */
    GBlock blocks[GILT_MAX_BLOCKS + 2];   /* not initialised: nblocks says what is used */
    GObject *localsplus[];
} GFrame;

static inline GObject **g_frame_stack(GFrame *f)
{
    GCode *co = f->code;
    return f->localsplus + co->nlocals + co->ncells + co->nfrees;
}

/* Bytes a frame for co takes: the header, then its slots; a multiple of 16, so the
 * next frame pushed after it is aligned too. */
static inline size_t g_frame_bytes(const GCode *co)
{
    size_t nslots = (size_t)(co->nlocals + co->ncells + co->nfrees + co->stacksize);
    return (sizeof(GFrame) + nslots * sizeof(GObject *) + 15) & ~(size_t)15;
}

/* The slots a frame holds references in: locals and its own cells.  The free
 * variables' cells after them are borrowed from the function's closure (the frame
 * holds the function, and a closure never changes once the function is made), so
 * neither freeing a frame nor the collector's traversal of a generator counts them. */
static inline int g_frame_owned_slots(const GCode *co) { return co->nlocals + co->ncells; }

/* Does a frame for co have to live on the heap (a generator's or coroutine's)? */
static inline bool g_frame_wants_heap(const GCode *co)
{
    return (co->flags & (G_CO_GENERATOR | G_CO_COROUTINE)) != 0;
}

/* A frame made for calling func (NULL for module and exec code), with its local and
 * cell slots empty; NULL when out of memory (no exception set).  It goes on the
 * current thread's frame stack unless co's frames live on the heap.  A frame with a
 * function holds the function, and through it its code and globals (a function's
 * __code__ and __globals__ never change); without one it holds code and globals. */
GFrame *g_frame_new(GCode *co, GObject *globals, GObject *locals, GObject *func);
/* Drop what the frame holds and release its memory (pop it off the thread's frame
 * stack: it must be the top frame there, or free it from the heap). */
void g_frame_free(GFrame *f);

/* The pieces of g_frame_new and g_frame_free, inline for the calls of vm/call.c. */
GFrame *g_frame_push_chunk(GThreadState *ts, size_t bytes);
void g_frame_pop_chunk(GThreadState *ts);
void g_frame_clear(GFrame *f);

/* Memory for a frame of `bytes` on ts's frame stack (ts is the current thread's). */
static inline __attribute__((always_inline)) GFrame *g_frame_push(GThreadState *ts, size_t bytes)
{
    G_ASSERT(ts == g_tstate_current);   /* owner only */
    if ((size_t)(ts->frame_limit - ts->frame_top) >= bytes) {
        GFrame *f = (GFrame *)ts->frame_top;
        ts->frame_top += bytes;
        return f;
    }
    return g_frame_push_chunk(ts, bytes);
}

/* Give the top frame's memory back to ts's frame stack; `bytes` is its size (the
 * frame's code may be gone by now: the frame no longer holds it). */
static inline __attribute__((always_inline)) void g_frame_pop(GThreadState *ts, GFrame *f, size_t bytes)
{
    G_ASSERT(ts == g_tstate_current && !f->heap);
    G_ASSERT((char *)f + bytes == ts->frame_top);   /* the top one */
    (void)bytes;
    if ((char *)f == ts->frame_chunk->data && ts->frame_chunk->prev)
        g_frame_pop_chunk(ts);          /* its chunk is empty now: continue below */
    else
        ts->frame_top = (char *)f;
}

/* g_frame_free for a function's frame on the frame stack that has just returned
 * (or raised): the eval loop has unwound its value stack and its blocks, so all it
 * holds is its owned slots and its function.  For calls (vm/call.c, and eval_loop.h's
 * return from an inline call), where g_frame_free's general case showed in profiles. */
static inline __attribute__((always_inline)) void g_frame_free_returned(GThreadState *ts, GFrame *f)
{
    GCode *co = f->code;
    G_ASSERT(!f->heap && f->func && !f->locals);
    G_ASSERT(f->sp == g_frame_stack(f) && f->nblocks == 0);   /* unwound */
    size_t bytes = g_frame_bytes(co);   /* (first: the function may take co with it) */
    for (int i = 0, n = g_frame_owned_slots(co); i < n; i++)
        g_xdecref(f->localsplus[i]);
    g_decref(f->func);
    g_frame_pop(ts, f, bytes);
}

/* Fill in a fresh frame's header (its slots are the caller's business). */
static inline __attribute__((always_inline)) void g_frame_init(GFrame *f, GCode *co, GObject *globals, GObject *locals, GObject *func, bool heap)
{
    /* (first: once the int fields below are stored, the compiler must assume they
     * may have changed co's and reads them again) */
    GObject **stack = f->localsplus + co->nlocals + co->ncells + co->nfrees;
    f->code = func ? co : (GCode *)g_newref((GObject *)co);
    /* A function's frame borrows its globals from the function, which the frame
     * holds: two threads calling functions of one module must not fight over the
     * module dict's reference count on every call. */
    f->globals = func ? globals : g_newref(globals);
    f->builtins = g_runtime.builtins;
    f->locals = locals ? g_newref(locals) : NULL;
    f->func = func ? g_newref(func) : NULL;
    f->back = NULL;
    f->gen = NULL;
    f->ip = 0;
    f->lasti = 0;
    f->nblocks = 0;
    f->heap = heap;
    f->inlined = false;
    f->sp = stack;
}

/* The innermost frame running the user's code, skipping gilt's own Python modules
 * (threading, queue, ...): the line a student wants to see.  NULL if no frame. */
GFrame *g_frame_user(GFrame *innermost);
/* Record the thread's current user line as a WHERE event if it changed (trace). */
struct GThreadState;
void g_frame_record_where(struct GThreadState *ts);

#endif
