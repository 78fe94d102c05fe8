/* dict_type.c -- dict as Python code sees it: the slots (d[k], d[k] = v, del d[k],
 * ==, repr, |, |=, dict(...)), the methods and the type object.
 *
 * Everything here goes through dict.c's C API (objects.h) -- g_dict_get, g_dict_set,
 * g_dict_next_entry, g_dict_update, ... -- and through the few table operations
 * dict_internal.h declares (a lookup with a known hash, pop, popitem, dealloc), so
 * the lock-free read protocol explained at the top of dict.c holds here unchanged:
 * nothing in this file touches the table.  A walk that runs Python code (repr, ==)
 * takes references to the entry it is at before the code runs.
 */
#include <string.h>

#include "objects/dict_internal.h"
#include "objects/objects.h"
#include "runtime/critsec.h"

/* ====================================================================================
 * Slots
 * ==================================================================================== */

static int dict_traverse(GObject *o, GVisitFn visit, void *arg)
{
    int64_t pos = 0;
    GObject *k, *v;
    while (g_dict_next(o, &pos, &k, &v))
        if (visit(k, arg) || visit(v, arg))
            return 1;
    return 0;
}

static GObject *dict_repr(GObject *o)
{
    if (g_dict_size(o) == 0)
        return g_str_from_cstr("{}");
    int guard = g_repr_enter(o);
    if (guard)
        return guard < 0 ? NULL : g_str_from_cstr("{...}");
    GBuf b;
    g_buf_init(&b);
    g_buf_putc(&b, '{');
    int64_t pos = 0;
    GObject *k, *v;
    bool first = true;
    while (g_dict_next(o, &pos, &k, &v)) {
        /* references first: a __repr__ may remove the entry */
        g_incref(k);
        g_incref(v);
        if (!first)
            g_buf_puts(&b, ", ");
        first = false;
        GObject *rk = g_repr(k);
        GObject *rv = rk ? g_repr(v) : NULL;
        g_decref(k);
        g_decref(v);
        if (!rv) {
            g_xdecref(rk);
            g_buf_free(&b);
            g_repr_leave(o);
            return NULL;
        }
        g_buf_put_obj(&b, rk);
        g_buf_puts(&b, ": ");
        g_buf_put_obj(&b, rv);
        g_decref(rk);
        g_decref(rv);
    }
    g_buf_putc(&b, '}');
    g_repr_leave(o);
    return g_buf_finish(&b);
}

static ssize_t dict_len(GObject *o) { return (ssize_t)g_dict_size(o); }

static GObject *dict_getitem(GObject *o, GObject *key)
{
    GObject *v = g_dict_get(o, key);
    if (v)
        return g_newref(v);
    if (g_err_occurred())
        return NULL;
    if (G_TYPE(o) != &GDict_type) {
        GObject *missing = g_type_lookup(G_TYPE(o), g_str_intern("__missing__"));
        if (missing)
            return g_call_method(o, "__missing__", &key, 1);
    }
    return dict_missing_key(key);
}

static int dict_setitem(GObject *o, GObject *key, GObject *value)
{
    if (!value)
        return g_dict_del(o, key);
    return g_dict_set(o, key, value);
}

/* Does b hold e's key, with a value == e's?  1, 0, -1.  e's key and value are
 * borrowed; the lookup uses the stored hash, as CPython's dict == does. */
static int entry_in(GObject *b, GDictEntry *e)
{
    GObject *w = dict_get_hashed((GDict *)b, e->key, e->hash);
    if (!w)
        return g_err_occurred() ? -1 : 0;
    g_incref(w);
    int r = g_eq(e->value, w);
    g_decref(w);
    return r;
}

static GObject *dict_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (!g_is_dict(b) || (op != CMP_EQ && op != CMP_NE))
        return g_newref(G_NOTIMPL);
    int eq = g_dict_size(a) == g_dict_size(b);
    int64_t pos = 0;
    GDictEntry e;
    while (eq > 0 && g_dict_next_entry(a, &pos, &e)) {
        /* references first: == may run Python code that changes either dict */
        g_incref(e.key);
        g_incref(e.value);
        eq = entry_in(b, &e);
        g_decref(e.key);
        g_decref(e.value);
    }
    if (eq < 0)
        return NULL;
    return g_bool(op == CMP_EQ ? eq : !eq);
}

/* Iterators and the keys/values/items views live in dict_view.c. */

/* ---- methods ---- */

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

static GObject *keys_m(ARGS) { (void)args; (void)nargs; (void)kw; return g_dict_view_new(self, &GDictKeys_type); }
static GObject *values_m(ARGS) { (void)args; (void)nargs; (void)kw; return g_dict_view_new(self, &GDictValues_type); }
static GObject *items_m(ARGS) { (void)args; (void)nargs; (void)kw; return g_dict_view_new(self, &GDictItems_type); }

static GObject *get_m(ARGS)
{
    if (g_no_kwargs("get", kw) < 0 || g_check_nargs("get", nargs, 1, 2) < 0)
        return NULL;
    GObject *v = g_dict_get(self, args[0]);
    if (v)
        return g_newref(v);
    if (g_err_occurred())
        return NULL;
    return g_newref(nargs == 2 ? args[1] : G_NONE);
}

static GObject *setdefault_m(ARGS)
{
    if (g_no_kwargs("setdefault", kw) < 0 || g_check_nargs("setdefault", nargs, 1, 2) < 0)
        return NULL;
    return g_dict_setdefault(self, args[0], nargs == 2 ? args[1] : G_NONE);
}

static GObject *pop_m(ARGS)
{
    if (g_no_kwargs("pop", kw) < 0 || g_check_nargs("pop", nargs, 1, 2) < 0)
        return NULL;
    GObject *v = dict_pop_key(self, args[0]);
    if (v || g_err_occurred())
        return v;
    if (nargs == 2)
        return g_newref(args[1]);
    return dict_missing_key(args[0]);
}

static GObject *popitem_m(ARGS)
{
    (void)args;
    if (g_no_kwargs("popitem", kw) < 0 || g_check_nargs("popitem", nargs, 0, 0) < 0)
        return NULL;
    GCritSec cs;
    g_critsec_begin(&cs, self);
    GObject *r = dict_pop_last_locked((GDict *)self);
    g_critsec_end(&cs);
    if (!r && !g_err_occurred())
        return g_raise(&GExc_KeyError, "popitem(): dictionary is empty");
    return r;
}

static GObject *update_m(ARGS)
{
    if (g_check_nargs("update", nargs - (kw ? (size_t)G_TUPLE_SIZE(kw) : 0), 0, 1) < 0)
        return NULL;
    size_t npos = nargs - (kw ? (size_t)G_TUPLE_SIZE(kw) : 0);
    if (npos && g_dict_update(self, args[0]) < 0)
        return NULL;
    for (int64_t i = 0; kw && i < G_TUPLE_SIZE(kw); i++)
        if (g_dict_set(self, G_TUPLE_ITEM(kw, i), args[npos + (size_t)i]) < 0)
            return NULL;
    return G_NONE;
}

static GObject *clear_m(ARGS)
{
    (void)args; (void)nargs; (void)kw;
    g_dict_clear(self);
    return G_NONE;
}

static GObject *copy_m(ARGS)
{
    (void)args; (void)nargs; (void)kw;
    return g_dict_copy(self);
}

static GObject *fromkeys_m(ARGS)
{
    if (g_no_kwargs("fromkeys", kw) < 0 || g_check_nargs("fromkeys", nargs, 1, 2) < 0)
        return NULL;
    GObject *d = g_call0(self);    /* self is the class */
    if (!d)
        return NULL;
    GObject *it = g_iter(args[0]);
    if (!it) {
        g_decref(d);
        return NULL;
    }
    GObject *k;
    while ((k = g_next(it))) {
        int r = g_setitem(d, k, nargs == 2 ? args[1] : G_NONE);
        g_decref(k);
        if (r < 0)
            break;
    }
    g_decref(it);
    if (g_err_occurred()) {
        g_decref(d);
        return NULL;
    }
    return d;
}

/* tp_init: dict(...) and d.__init__(...) fill the dict as update() does. */
static int dict_init(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    return update_m(self, args, nargs, kw) ? 0 : -1;
}

static GObject *init_m(ARGS) { return dict_init(self, args, nargs, kw) < 0 ? NULL : G_NONE; }

static const GMethodDef dict_methods[] = {
    { "keys", keys_m, 0, NULL }, { "values", values_m, 0, NULL }, { "items", items_m, 0, NULL },
    { "get", get_m, 0, NULL }, { "setdefault", setdefault_m, 0, NULL }, { "pop", pop_m, 0, NULL },
    { "popitem", popitem_m, 0, NULL }, { "update", update_m, 0, NULL }, { "clear", clear_m, 0, NULL },
    { "copy", copy_m, 0, NULL }, { "fromkeys", fromkeys_m, G_METH_CLASS, NULL },
    { "__init__", init_m, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static GObject *dict_or(GObject *a, GObject *b)
{
    if (!g_is_dict(a) || !g_is_dict(b))
        return g_newref(G_NOTIMPL);
    GObject *d = g_dict_copy(a);
    if (d && g_dict_update(d, b) < 0)
        G_CLEAR(d);
    return d;
}

static GObject *dict_ior(GObject *a, GObject *b)
{
    if (g_dict_update(a, b) < 0)
        return NULL;
    return g_newref(a);
}

static GObject *dict_new_slot(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    (void)args; (void)nargs; (void)kwnames;
    GDict *d = (GDict *)g_object_alloc(type, type->basicsize);
    if (!d)
        return g_no_memory();
    memset((char *)d + sizeof(GObject), 0, type->basicsize - sizeof(GObject));
    return (GObject *)d;
}

GType GDict_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "dict",
    .basicsize = sizeof(GDict),
    .flags = G_TPFLAG_BASETYPE | G_TPFLAG_DICT | G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_new = dict_new_slot,
    .tp_init = dict_init,
    .tp_dealloc = dict_dealloc,
    .tp_traverse = dict_traverse,
    .tp_clear = g_dict_clear,
    .tp_repr = dict_repr,
    .tp_richcompare = dict_richcompare,
    .tp_iter = g_dict_iter,
    .nb = { [NB_OR] = dict_or },
    .nb_inplace = { [NB_OR] = dict_ior },
    .sq_len = dict_len,
    .mp_getitem = dict_getitem,
    .mp_setitem = dict_setitem,
    .sq_contains = g_dict_contains,
    .methods = dict_methods,
};
