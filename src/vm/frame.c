/* frame.c -- allocating and releasing frames (frame.h draws the layout and says
 * where frames live).
 *
 * The frame stack's slow paths are here: adding a chunk when the top one is full,
 * and stepping back into the chunk below when the top one empties.  A chunk that
 * empties is kept as the thread's spare (only one: a second is freed), so a
 * recursion that keeps crossing a chunk's edge reuses it instead of allocating.
 * A frame bigger than a chunk gets a chunk of its own size.  When a chunk cannot be
 * allocated the call fails with MemoryError, as any allocation does.
 *
 * Nothing here needs a lock: a frame stack is touched only by its own thread.
 * After fork() the child keeps the forking thread's stack as it was (its frames
 * are the ones still running); the other threads' chunks leak with the rest of
 * what those threads held (runtime/fork.c).
 */
#include "vm/frame.h"

#include <string.h>

#include "runtime/runtime.h"

/* The size of a chunk's data when the frame pushed is not bigger: about a hundred
 * frames of a small function. */
#define G_FRAME_CHUNK_BYTES ((size_t)64 * 1024)

GFrame *g_frame_push_chunk(GThreadState *ts, size_t bytes)
{
    G_ASSERT(ts == g_tstate_current);
    GFrameChunk *c = ts->frame_spare;
    if (c && (size_t)(c->limit - c->data) >= bytes) {
        ts->frame_spare = NULL;
    } else {
        size_t size = bytes > G_FRAME_CHUNK_BYTES ? bytes : G_FRAME_CHUNK_BYTES;
        c = g_mem_alloc(sizeof(GFrameChunk) + size);
        if (!c)
            return NULL;
        c->limit = c->data + size;
    }
    c->prev = ts->frame_chunk;
    c->prev_top = ts->frame_top;
    ts->frame_chunk = c;
    ts->frame_top = c->data + bytes;
    ts->frame_limit = c->limit;
    return (GFrame *)c->data;
}

void g_frame_pop_chunk(GThreadState *ts)
{
    GFrameChunk *c = ts->frame_chunk;
    G_ASSERT(ts == g_tstate_current && c->prev);
    ts->frame_chunk = c->prev;
    ts->frame_top = c->prev_top;
    ts->frame_limit = c->prev->limit;
    g_mem_free(ts->frame_spare);
    ts->frame_spare = c;
}

GFrame *g_frame_new(GCode *co, GObject *globals, GObject *locals, GObject *func)
{
    G_ASSERT(!func || ((GFunction *)func)->code == co);
    bool heap = g_frame_wants_heap(co);
    size_t bytes = g_frame_bytes(co);
    GFrame *f = heap ? g_mem_alloc(bytes) : g_frame_push(g_tstate_current, bytes);
    if (!f)
        return NULL;
    g_frame_init(f, co, globals, locals, func, heap);
    memset(f->localsplus, 0, (size_t)(co->nlocals + co->ncells + co->nfrees) * sizeof(GObject *));
    return f;
}

/* What the frame holds: its locals and cells (not the free-variable cells, which
 * it borrows from its function), what is left on its value stack, the exceptions
 * its handler blocks saved, and its function (or code and globals). */
void g_frame_clear(GFrame *f)
{
    GCode *co = f->code;
    int n = g_frame_owned_slots(co);
    for (int i = 0; i < n; i++)
        g_xdecref(f->localsplus[i]);
    for (GObject **p = g_frame_stack(f); p < f->sp; p++)
        g_xdecref(*p);
    for (int i = 0; i < f->nblocks; i++)
        if (f->blocks[i].kind == BLOCK_HANDLER)
            g_xdecref(f->blocks[i].saved_exc);
    g_xdecref(f->locals);
    if (f->func) {
        g_decref(f->func);
    } else {
        g_decref(f->globals);
        g_decref((GObject *)co);
    }
}

void g_frame_free(GFrame *f)
{
    size_t bytes = g_frame_bytes(f->code);
    /* the references go first: a destructor they run may push frames of its own,
     * above this one, and pops them again before we pop this one */
    g_frame_clear(f);
    if (f->heap)
        g_mem_free(f);
    else
        g_frame_pop(g_tstate_current, f, bytes);
}

GFrame *g_frame_user(GFrame *innermost)
{
    for (GFrame *f = innermost; f; f = f->back)
        if (strncmp(g_str_data(f->code->filename), "<gilt>/", 7) != 0)
            return f;
    return innermost;
}

void g_user_site(GObject **file, int *line)
{
    GThreadState *ts = g_tstate_current;
    GFrame *f = ts ? g_frame_user(ts->frame) : NULL;
    *file = f ? f->code->filename : NULL;
    *line = f ? g_code_line_at(f->code, f->lasti) : 0;
}

/* Called at counter flushes (every ~5 ms while the thread runs) and before the
 * thread blocks: cheap enough there, and the dashboard's source panel needs no more. */
void g_frame_record_where(GThreadState *ts)
{
    GFrame *f = g_frame_user(ts->frame);
    if (!f)
        return;
    int line = g_code_line_at(f->code, f->lasti);
    if (line == ts->where_line && (const void *)f->code == ts->where_code)
        return;
    if ((const void *)f->code != ts->where_code) {
        ts->where_code = f->code;
        ts->where_file = g_trace_string(g_str_data(f->code->filename));
    }
    ts->where_line = line;
    g_trace_emit(ts, G_EV_WHERE, (uint32_t)line, ts->where_file, 0);
}
