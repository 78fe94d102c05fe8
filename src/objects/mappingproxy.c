/* mappingproxy.c -- a read-only view of a dict: what C.__dict__ returns.
 *
 * A class's namespace must change only through setattr on the class, which also
 * refreshes the class's C slots (class.c's g_type_update_slots).  So C.__dict__
 * hands out this proxy instead of the dict itself: it reads through to the live
 * dict (later class attributes show up in it) and refuses item assignment.
 *
 * Thread safety: the proxy holds one reference to the dict, set when it is made
 * and never changed; every read goes to the dict's own lock-free reads.
 */
#include "objects/objects.h"

typedef struct { GObject ob; GObject *dict; } GMappingProxy;

GObject *g_mappingproxy_new(GObject *dict)
{
    GMappingProxy *p = (GMappingProxy *)g_object_alloc(&GMappingProxy_type, sizeof(GMappingProxy));
    if (!p)
        return g_no_memory();
    p->dict = g_newref(dict);
    return (GObject *)p;
}

/* mappingproxy(d): what types.MappingProxyType makes (enum's __members__) */
static GObject *mp_new(GType *t, GObject *const *args, size_t nargs, GObject *kwnames)
{
    (void)t;
    if (g_no_kwargs("mappingproxy", kwnames) < 0 || g_check_nargs("mappingproxy", nargs, 1, 1) < 0)
        return NULL;
    if (!g_is_dict(args[0]))
        return g_raise(&GExc_TypeError, "gilt: mappingproxy() argument must be a dict, not %T", args[0]);
    return g_mappingproxy_new(args[0]);
}

static GObject *proxied(GObject *o) { return ((GMappingProxy *)o)->dict; }

static void mp_dealloc(GObject *o)
{
    g_decref(proxied(o));
    g_object_free(o);
}

static int mp_traverse(GObject *o, GVisitFn visit, void *arg) { return visit(proxied(o), arg); }

static GObject *mp_repr(GObject *o)
{
    GObject *r = g_repr(proxied(o));
    if (!r)
        return NULL;
    GObject *s = g_format("mappingproxy(%U)", r);
    g_decref(r);
    return s;
}

static GObject *mp_str(GObject *o) { return g_str(proxied(o)); }   /* print() shows the dict */
static GObject *mp_getitem(GObject *o, GObject *k) { return g_getitem(proxied(o), k); }
static ssize_t mp_len(GObject *o) { return (ssize_t)g_dict_size(proxied(o)); }
static GObject *mp_iter(GObject *o) { return g_iter(proxied(o)); }
static int mp_contains(GObject *o, GObject *k) { return g_dict_contains(proxied(o), k); }

/* keys(), values(), items(), get() and copy() are the dict's own */
#define FORWARD(NAME)                                                                       \
    static GObject *mp_##NAME(GObject *self, GObject *const *args, size_t nargs, GObject *kw) \
    {                                                                                       \
        if (g_no_kwargs(#NAME, kw) < 0)                                                     \
            return NULL;                                                                    \
        return g_call_method(proxied(self), #NAME, args, nargs);                            \
    }
FORWARD(keys)
FORWARD(values)
FORWARD(items)
FORWARD(get)
FORWARD(copy)
#undef FORWARD

static const GMethodDef mp_methods[] = {
    { "keys", mp_keys, 0, NULL }, { "values", mp_values, 0, NULL }, { "items", mp_items, 0, NULL },
    { "get", mp_get, 0, NULL }, { "copy", mp_copy, 0, NULL },
    { NULL, NULL, 0, NULL },
};

GType GMappingProxy_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "mappingproxy",
    .basicsize = sizeof(GMappingProxy),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = mp_new,
    .tp_dealloc = mp_dealloc,
    .tp_traverse = mp_traverse,
    .tp_repr = mp_repr,
    .tp_str = mp_str,
    .tp_iter = mp_iter,
    .sq_len = mp_len,
    .mp_getitem = mp_getitem,
    .sq_contains = mp_contains,
    .methods = mp_methods,
};
