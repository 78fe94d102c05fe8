/* dict_view.c -- dict's iterators and its keys(), values() and items() views.
 *
 *   dict_iterator   walks the entries in insertion order (g_dict_next, without a
 *                   lock, taking a reference to what it returns), and raises
 *                   RuntimeError if the dict changed size meanwhile, as CPython does.
 *                   Like the list iterator it keeps its dict until it is freed, and
 *                   its fields are relaxed atomics, so threads may share one
 *   dict_keys / dict_values / dict_items
 *                   live views: len, iteration, `in`, == and repr read the dict
 *                   each time
 *
 * list(d), list(d.keys()), list(d.items()) ... are copied in one step under the
 * dict's lock (g_dict_extend_list), so another thread's insert cannot make them fail.
 */
#include "objects/objects.h"
#include "runtime/critsec.h"


/* pos -1: exhausted; used -1: the dict changed size (and the error is sticky, as in
 * CPython); left: how many entries are still expected. */
typedef struct { GObject ob; GObject *dict; _Atomic int64_t pos, used, left; int kind; } GDictIter;
enum { ITER_KEYS, ITER_VALUES, ITER_ITEMS };
static GType GDictIter_type;

/* Relaxed: threads sharing an iterator share only these counters; the entries come
 * from the dict's own acquire loads. */
static inline int64_t load_rel(_Atomic int64_t *p) { return atomic_load_explicit(p, memory_order_relaxed); }
static inline void store_rel(_Atomic int64_t *p, int64_t v) { atomic_store_explicit(p, v, memory_order_relaxed); }

static GObject *dictiter_new(GObject *d, int kind)
{
    GDictIter *it = (GDictIter *)g_object_alloc(&GDictIter_type, sizeof(GDictIter));
    if (!it)
        return g_no_memory();
    it->dict = g_newref(d);
    int64_t n = g_dict_size(d);
    atomic_init(&it->pos, 0);
    atomic_init(&it->used, n);
    atomic_init(&it->left, n);
    it->kind = kind;
    return (GObject *)it;
}

static GObject *dictiter_next(GObject *o)
{
    GDictIter *it = (GDictIter *)o;
    int64_t pos = load_rel(&it->pos);
    if (pos < 0)
        return NULL;
    if (g_dict_size(it->dict) != load_rel(&it->used)) {
        store_rel(&it->used, -1);
        return g_raise(&GExc_RuntimeError, "dictionary changed size during iteration");
    }
    /* the entry is read as a reader without a lock: borrowed until this thread's next
     * quiescent point, long enough to take references (dict.c) */
    GObject *k, *v;
    bool more = g_dict_next(it->dict, &pos, &k, &v);
    int64_t left = load_rel(&it->left);
    store_rel(&it->pos, more && left > 0 ? pos : -1);
    if (!more)
        return NULL;
    if (left == 0)    /* more entries than the dict had: some were replaced */
        return g_raise(&GExc_RuntimeError, "dictionary keys changed during iteration");
    store_rel(&it->left, left - 1);
    if (it->kind == ITER_KEYS)
        return g_newref(k);
    if (it->kind == ITER_VALUES)
        return g_newref(v);
    return g_tuple_pack(2, k, v);
}

static void dictiter_dealloc(GObject *o)
{
    g_decref(((GDictIter *)o)->dict);
    g_object_free(o);
}

static GObject *self_iter(GObject *o) { return g_newref(o); }

static GType GDictIter_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "dict_iterator",
    .basicsize = sizeof(GDictIter),
    .tp_dealloc = dictiter_dealloc,
    .tp_iter = self_iter,
    .tp_iternext = dictiter_next,
};

GObject *g_dict_iter(GObject *o) { return dictiter_new(o, ITER_KEYS); }

typedef struct { GObject ob; GObject *dict; } GDictView;

GObject *g_dict_view_new(GObject *d, GType *type)
{
    GDictView *v = (GDictView *)g_object_alloc(type, sizeof(GDictView));
    if (!v)
        return g_no_memory();
    v->dict = g_newref(d);
    return (GObject *)v;
}

static void view_dealloc(GObject *o)
{
    g_decref(((GDictView *)o)->dict);
    g_object_free(o);
}

static ssize_t view_len(GObject *o) { return (ssize_t)g_dict_size(((GDictView *)o)->dict); }

static GObject *view_iter(GObject *o)
{
    int kind = G_TYPE(o) == &GDictKeys_type ? ITER_KEYS : G_TYPE(o) == &GDictValues_type ? ITER_VALUES : ITER_ITEMS;
    return dictiter_new(((GDictView *)o)->dict, kind);
}

/* list(d), list(d.keys()), list(d.values()), list(d.items()): copy in one step under
 * the dict's lock, so that another thread's insert cannot make the copy fail with
 * "changed size during iteration" (as in CPython, where this is one C loop).
 * Returns 1 (done), 0 (not a dict or view: iterate as usual) or -1 (error). */
int g_dict_extend_list(GObject *list, GObject *src)
{
    int kind;
    GObject *d;
    if (G_TYPE(src) == &GDict_type) {
        d = src;
        kind = ITER_KEYS;
    } else if (G_TYPE(src) == &GDictKeys_type || G_TYPE(src) == &GDictValues_type ||
               G_TYPE(src) == &GDictItems_type) {
        d = ((GDictView *)src)->dict;
        kind = G_TYPE(src) == &GDictKeys_type ? ITER_KEYS : G_TYPE(src) == &GDictValues_type ? ITER_VALUES : ITER_ITEMS;
    } else {
        return 0;
    }
    GCritSec cs;
    g_critsec_begin2_short(&cs, d, list);
    int64_t pos = 0;
    GObject *k, *v;
    int r = 1;
    while (r > 0 && g_dict_next(d, &pos, &k, &v)) {
        GObject *item = kind == ITER_KEYS ? g_newref(k) : kind == ITER_VALUES ? g_newref(v) : g_tuple_pack(2, k, v);
        if (!item || g_list_append(list, item) < 0)
            r = -1;
        g_xdecref(item);
    }
    g_critsec_end_short(&cs);
    return r;
}

static GObject *view_repr(GObject *o)
{
    GObject *l = g_list_from_iterable(o);
    if (!l)
        return NULL;
    GObject *r = g_repr(l);
    g_decref(l);
    if (!r)
        return NULL;
    GObject *s = g_format("%s(%U)", G_TYPE(o)->name, r);
    g_decref(r);
    return s;
}

static int keys_contains(GObject *o, GObject *k) { return g_dict_contains(((GDictView *)o)->dict, k); }

static int values_contains(GObject *o, GObject *x)
{
    int64_t pos = 0;
    GObject *v;
    while (g_dict_next(((GDictView *)o)->dict, &pos, NULL, &v)) {
        g_incref(v);
        int eq = g_eq(v, x);
        g_decref(v);
        if (eq)
            return eq;
    }
    return 0;
}

static int items_contains(GObject *o, GObject *x)
{
    if (!g_is_tuple(x) || G_TUPLE_SIZE(x) != 2)
        return 0;
    GObject *v = g_dict_get(((GDictView *)o)->dict, G_TUPLE_ITEM(x, 0));
    if (!v)
        return g_err_occurred() ? -1 : 0;
    g_incref(v);
    int eq = g_eq(v, G_TUPLE_ITEM(x, 1));
    g_decref(v);
    return eq;
}

static GObject *view_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (op != CMP_EQ && op != CMP_NE)
        return g_newref(G_NOTIMPL);
    GObject *sa = g_set_new(&GSet_type, a);
    GObject *sb = sa ? g_set_new(&GSet_type, b) : NULL;
    GObject *r = sb ? g_richcompare(sa, sb, op) : NULL;
    g_xdecref(sa);
    g_xdecref(sb);
    return r;
}

#define VIEW_TYPE(VAR, NAME, CONTAINS) \
    GType VAR = { \
        .ob = G_STATIC_HEADER(&GType_type), .name = NAME, .basicsize = sizeof(GDictView), \
        .tp_dealloc = view_dealloc, .tp_repr = view_repr, .tp_iter = view_iter, \
        .tp_richcompare = view_richcompare, .sq_len = view_len, .sq_contains = CONTAINS, \
    };
VIEW_TYPE(GDictKeys_type, "dict_keys", keys_contains)
VIEW_TYPE(GDictValues_type, "dict_values", values_contains)
VIEW_TYPE(GDictItems_type, "dict_items", items_contains)

