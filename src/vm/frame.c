/* frame.c -- allocating and releasing frames (frame.h draws the layout). */
#include "vm/frame.h"

#include <string.h>

#include "runtime/runtime.h"

GFrame *g_frame_new(GCode *co, GObject *globals, GObject *locals, GObject *func)
{
    size_t nslots = (size_t)(co->nlocals + co->ncells + co->nfrees + co->stacksize);
    GFrame *f = g_mem_alloc(sizeof(GFrame) + nslots * sizeof(GObject *));
    if (!f)
        return NULL;
    f->code = (GCode *)g_newref((GObject *)co);
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
    f->heap = false;
    f->inlined = false;
    memset(f->localsplus, 0, (size_t)(co->nlocals + co->ncells + co->nfrees) * sizeof(GObject *));
    f->sp = g_frame_stack(f);
    return f;
}

void g_frame_free(GFrame *f)
{
    GCode *co = f->code;
    int n = co->nlocals + co->ncells + co->nfrees;
    for (int i = 0; i < n; i++)
        g_xdecref(f->localsplus[i]);
    for (GObject **p = g_frame_stack(f); p < f->sp; p++)
        g_xdecref(*p);
    for (int i = 0; i < f->nblocks; i++)
        if (f->blocks[i].kind == BLOCK_HANDLER)
            g_xdecref(f->blocks[i].saved_exc);
    if (!f->func)
        g_decref(f->globals);
    g_xdecref(f->locals);
    g_xdecref(f->func);
    g_decref((GObject *)co);
    g_mem_free(f);
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
