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
 *   | stack[0 .. stacksize)        |   the value stack (sp points past the top)
 *   +------------------------------+
 *
 * Everything the eval loop needs to stop and resume is in the frame, so a generator
 * keeps its frame and resumes it later.  Frames are plain C structs, not objects: a
 * frame is owned by exactly one running call or one generator.
 */
#ifndef GILT_FRAME_H
#define GILT_FRAME_H

#include "debug.h"
#include "objects/objects.h"

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
    bool heap;             /* allocated for a generator: outlives its call */
    bool inlined;          /* called by the eval loop without a C call (eval_loop.h,
                            * inline_call): its return resumes the caller in the same
                            * C invocation of the loop */
    GBlock blocks[GILT_MAX_BLOCKS + 2];
    GObject *localsplus[];
} GFrame;

static inline GObject **g_frame_stack(GFrame *f)
{
    GCode *co = f->code;
    return f->localsplus + co->nlocals + co->ncells + co->nfrees;
}

GFrame *g_frame_new(GCode *co, GObject *globals, GObject *locals, GObject *func);
void g_frame_free(GFrame *f);
/* The innermost frame running the user's code, skipping gilt's own Python modules
 * (threading, queue, ...): the line a student wants to see.  NULL if no frame. */
GFrame *g_frame_user(GFrame *innermost);
/* Record the thread's current user line as a WHERE event if it changed (trace). */
struct GThreadState;
void g_frame_record_where(struct GThreadState *ts);

#endif
