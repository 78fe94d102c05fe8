/* genericalias.c -- types.GenericAlias: what list[int] or dict[str, list[int]] is.
 *
 * Subscripting one of the built-in container classes (list, dict, set, frozenset,
 * tuple, type) makes an alias that only remembers its class (__origin__) and the
 * subscript (__args__, always a tuple).  It exists so that annotations written the
 * modern way (`def f(xs: list[int]) -> dict[str, int]`) evaluate and print as in
 * CPython: `list[int]`, `dict[str, list[int]]`, `tuple[int, ...]`.  Calling an
 * alias calls its origin (list[int]() is []); two aliases are equal when origin and
 * args are.
 *
 * An alias is immutable after creation (both fields are written once, before it is
 * shared), so threads read it without locks.
 */
#include "objects/objects.h"

typedef struct {
    GObject ob;
    GObject *origin;           /* the class subscripted: written once */
    GObject *args;             /* tuple: written once */
} GGenericAlias;

static bool aliased(GObject *o)
{
    return o == (GObject *)&GList_type || o == (GObject *)&GDict_type || o == (GObject *)&GSet_type ||
           o == (GObject *)&GFrozenSet_type || o == (GObject *)&GTuple_type || o == (GObject *)&GType_type;
}

GObject *g_generic_alias_new(GObject *origin, GObject *args)
{
    if (!aliased(origin))
        return NULL;
    GGenericAlias *a = (GGenericAlias *)g_object_alloc(&GGenericAlias_type, sizeof(GGenericAlias));
    if (!a)
        return g_no_memory();
    a->origin = g_newref(origin);
    a->args = g_is_tuple(args) ? g_newref(args) : g_tuple_pack(1, args);
    if (!a->args) {
        g_decref((GObject *)a);
        return NULL;
    }
    return (GObject *)a;
}

static void alias_dealloc(GObject *o)
{
    GGenericAlias *a = (GGenericAlias *)o;
    g_decref(a->origin);
    g_xdecref(a->args);
    g_object_free(o);
}

static int alias_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GGenericAlias *a = (GGenericAlias *)o;
    return visit(a->origin, arg) || (a->args && visit(a->args, arg));
}

/* A class as annotations print it: int, __main__.Foo (its __qualname__, with the
 * module unless that is builtins). */
GObject *g_type_annotation_repr(GObject *t)
{
    GObject *qn = g_getattr_opt(t, g_str_intern("__qualname__"));
    GObject *mod = g_getattr_opt(t, g_str_intern("__module__"));
    GObject *r;
    if (qn && mod && g_is_str(mod) && !g_str_eq_cstr(mod, "builtins"))
        r = g_format("%U.%U", mod, qn);
    else
        r = qn ? g_newref(qn) : g_repr(t);
    g_xdecref(qn);
    g_xdecref(mod);
    return r;
}

/* How one argument prints: a class by its (qualified) name, ... as "...", else repr. */
static GObject *arg_repr(GObject *o)
{
    if (o == G_ELLIPSIS)
        return g_str_from_cstr("...");
    return g_is_type(o) ? g_type_annotation_repr(o) : g_repr(o);
}

static GObject *alias_repr(GObject *o)
{
    GGenericAlias *a = (GGenericAlias *)o;
    GObject *parts = g_list_new(0);
    if (!parts)
        return NULL;
    int64_t n = G_TUPLE_SIZE(a->args);
    for (int64_t i = 0; i < n; i++) {
        GObject *r = arg_repr(G_TUPLE_ITEM(a->args, i));
        if (!r || g_list_append(parts, r) < 0) {
            g_xdecref(r);
            g_decref(parts);
            return NULL;
        }
        g_decref(r);
    }
    GObject *sep = g_str_from_cstr(", ");
    GObject *joined = sep ? g_str_join(sep, parts) : NULL;
    g_xdecref(sep);
    g_decref(parts);
    if (!joined)
        return NULL;
    GObject *r = g_format(n ? "%s[%U]" : "%s[()]", ((GType *)a->origin)->name, joined);
    g_decref(joined);
    return r;
}

static GObject *alias_call(GObject *o, GObject *const *args, size_t nargs, GObject *kwnames)
{
    return g_call(((GGenericAlias *)o)->origin, args, nargs, kwnames);
}

static GObject *alias_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (G_TYPE(b) != &GGenericAlias_type || (op != CMP_EQ && op != CMP_NE))
        return g_newref(G_NOTIMPL);
    GGenericAlias *x = (GGenericAlias *)a, *y = (GGenericAlias *)b;
    int eq = x->origin == y->origin ? g_eq(x->args, y->args) : 0;
    if (eq < 0)
        return NULL;
    return g_bool((op == CMP_EQ) == (eq == 1));
}

static int64_t alias_hash(GObject *o)
{
    GGenericAlias *a = (GGenericAlias *)o;
    int64_t h = g_hash(a->args);
    if (h == -1)
        return -1;
    int64_t r = (int64_t)((uint64_t)g_hash_pointer(a->origin) ^ (uint64_t)h);
    return r == -1 ? -2 : r;
}

static GObject *get_origin(GObject *o) { return g_newref(((GGenericAlias *)o)->origin); }
static GObject *get_args(GObject *o) { return g_newref(((GGenericAlias *)o)->args); }
static GObject *get_parameters(GObject *o) { (void)o; return g_newref(g_tuple_empty()); }

static const GGetSetDef alias_getsets[] = {
    { "__origin__", get_origin, NULL }, { "__args__", get_args, NULL },
    { "__parameters__", get_parameters, NULL },
    { NULL, NULL, NULL },
};

GType GGenericAlias_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "types.GenericAlias",
    .basicsize = sizeof(GGenericAlias),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_dealloc = alias_dealloc,
    .tp_traverse = alias_traverse,
    .tp_repr = alias_repr,
    .tp_hash = alias_hash,
    .tp_call = alias_call,
    .tp_richcompare = alias_richcompare,
    .nb = { [NB_OR] = g_type_or },      /* list[int] | None */
    .getsets = alias_getsets,
};
