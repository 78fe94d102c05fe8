/* cell.c -- cells: the boxes closures share.
 *
 * A variable that an inner function reads or writes lives in a cell instead of a
 * local slot.  The outer frame and every closure that captures the variable hold the
 * same cell, so an assignment in one is seen by all.  ref is NULL while the variable
 * is unbound (reading it raises NameError / UnboundLocalError).
 *
 * Threads that share a closure read its cells without a lock (g_cell_load), so a
 * store publishes the new value atomically and defers dropping the old one until
 * every reader has moved on (runtime/qsbr.h).
 */
#include "objects/objects.h"
#include "runtime/qsbr.h"
#include "runtime/race.h"

GObject *g_cell_new(GObject *v)
{
    GCell *c = (GCell *)g_object_alloc(&GCell_type, sizeof(GCell));
    if (!c)
        return g_no_memory();
    atomic_init(&c->ref, v ? g_newref(v) : NULL);
    return (GObject *)c;
}

void g_cell_store(GCell *c, GObject *v)
{
    /* acq_rel: readers that load v see it whole; we see the old value whole to drop it */
    GObject *old = atomic_exchange_explicit(&c->ref, v, memory_order_acq_rel);
    g_qsbr_decref(old);
}

static void cell_dealloc(GObject *o)
{
    g_xdecref(g_cell_load((GCell *)o));
    g_race_forget(o);   /* --race: its address may be the next cell's */
    g_object_free(o);
}

static void cell_clear(GObject *o) { g_cell_store((GCell *)o, NULL); }

static int cell_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GObject *v = g_cell_load((GCell *)o);
    return v ? visit(v, arg) : 0;
}

static GObject *cell_repr(GObject *o)
{
    GObject *v = g_cell_load((GCell *)o);   /* once: another thread may store meanwhile */
    if (!v)
        return g_format("<cell at %p: empty>", (void *)o);
    return g_format("<cell at %p: %s object at %p>", (void *)o, g_type_name(v), (void *)v);
}

static GObject *get_contents(GObject *o)
{
    GObject *v = g_cell_load((GCell *)o);
    if (!v)
        return g_raise(&GExc_ValueError, "Cell is empty");
    return g_newref(v);
}

static const GGetSetDef cell_getsets[] = {
    { "cell_contents", get_contents, NULL },
    { NULL, NULL, NULL },
};

GType GCell_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "cell",
    .basicsize = sizeof(GCell),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_dealloc = cell_dealloc,
    .tp_traverse = cell_traverse,
    .tp_clear = cell_clear,
    .tp_repr = cell_repr,
    .getsets = cell_getsets,
};
