/* deque_iter.c -- iter(d) and reversed(d) for collections.deque (deque.c).
 *
 * An iterator remembers the deque's change counter (state) when it starts and how
 * many items are left; each step locks the iterator and the deque together (so
 * threads sharing an iterator never get one item twice) and, if the counter
 * moved, raises CPython's "deque mutated during iteration" -- before looking at
 * how many are left, as CPython does.
 */
#include "objects/deque_internal.h"
#include "runtime/critsec.h"

/* The iterator and the deque are locked together for each step, so threads sharing
 * an iterator never get one item twice.  counter is how many items are left. */
typedef struct { GObject ob; GObject *deque; int64_t index, counter; uint64_t state; } GDequeIter;

static GObject *iter_new(GObject *o, GType *type)
{
    GDequeIter *it = (GDequeIter *)g_object_alloc(type, sizeof(GDequeIter));
    if (!it)
        return g_no_memory();
    it->deque = g_newref(o);
    GCritSec cs;
    g_critsec_begin_short(&cs, o);
    it->state = D(o)->state;
    it->counter = dq_size(D(o));
    it->index = type == &GDequeIter_type ? 0 : it->counter - 1;
    g_critsec_end_short(&cs);
    return (GObject *)it;
}

GObject *g_deque_iter_new(GObject *o) { return iter_new(o, &GDequeIter_type); }
GObject *g_deque_reviter_new(GObject *o) { return iter_new(o, &GDequeRevIter_type); }

static GObject *iter_step(GObject *o, int64_t dir)
{
    GDequeIter *it = (GDequeIter *)o;
    GCritSec cs;
    g_critsec_begin2_short(&cs, o, it->deque);
    GDeque *d = D(it->deque);
    GObject *v = NULL;
    bool mutated = d->state != it->state;
    if (mutated) {
        it->counter = 0;
    } else if (it->counter > 0) {
        G_ASSERT(it->index >= 0 && it->index < dq_size(d));
        v = g_newref(*slot(d, it->index));
        it->index += dir;
        it->counter--;
    }
    g_critsec_end_short(&cs);
    if (mutated)
        return g_raise(&GExc_RuntimeError, "deque mutated during iteration");
    return v;
}

static GObject *iter_next(GObject *o) { return iter_step(o, 1); }
static GObject *reviter_next(GObject *o) { return iter_step(o, -1); }
static GObject *self_iter(GObject *o) { return g_newref(o); }

static void iter_dealloc(GObject *o)
{
    g_decref(((GDequeIter *)o)->deque);
    g_object_free(o);
}

static int iter_traverse(GObject *o, GVisitFn visit, void *arg)
{
    return visit(((GDequeIter *)o)->deque, arg);
}

static GObject *iter_length_hint(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args; (void)nargs; (void)kw;
    GCritSec cs;
    g_critsec_begin_short(&cs, self);
    int64_t n = ((GDequeIter *)self)->counter;
    g_critsec_end_short(&cs);
    return g_int_from_i64(n);
}

static const GMethodDef iter_methods[] = {
    { "__length_hint__", iter_length_hint, 0, NULL },
    { NULL, NULL, 0, NULL },
};

GType GDequeIter_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "_collections._deque_iterator",
    .basicsize = sizeof(GDequeIter),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_dealloc = iter_dealloc,
    .tp_traverse = iter_traverse,
    .tp_iter = self_iter,
    .tp_iternext = iter_next,
    .methods = iter_methods,
};

GType GDequeRevIter_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "_collections._deque_reverse_iterator",
    .basicsize = sizeof(GDequeIter),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_dealloc = iter_dealloc,
    .tp_traverse = iter_traverse,
    .tp_iter = self_iter,
    .tp_iternext = reviter_next,
    .methods = iter_methods,
};

