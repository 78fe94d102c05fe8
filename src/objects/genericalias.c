/* genericalias.c -- list[int], dict[str, int], tuple[int, ...]: types.GenericAlias.
 *
 * Subscripting a built-in container type (g_getitem in abstract.c) makes one of
 * these: it remembers the origin (list) and the arguments ((int,)), prints as
 * Python writes it, and calling it calls the origin, so list[int]() is a list.
 * It is meant for annotations: isinstance() refuses it, as CPython does.  Other
 * attributes are the origin's (list[int].append is list.append).
 *
 * Thread safety: both fields are set before the alias is published and never
 * change.
 */
#include "objects/objects.h"

typedef struct { GObject ob; GObject *origin; GObject *args; } GGenericAlias;

bool g_type_is_generic_builtin(GType *t)
{
    return t == &GList_type || t == &GDict_type || t == &GTuple_type || t == &GSet_type ||
           t == &GFrozenSet_type || t == &GType_type;
}

GObject *g_generic_alias_new(GObject *origin, GObject *args)
{
    GObject *tuple = g_is_tuple(args) ? g_newref(args) : g_tuple_pack(1, args);
    if (!tuple)
        return NULL;
    GGenericAlias *a = (GGenericAlias *)g_object_alloc(&GGenericAlias_type, sizeof(GGenericAlias));
    if (!a) {
        g_decref(tuple);
        return g_no_memory();
    }
    a->origin = g_newref(origin);
    a->args = tuple;
    return (GObject *)a;
}

static void ga_dealloc(GObject *o)
{
    GGenericAlias *a = (GGenericAlias *)o;
    g_decref(a->origin);
    g_decref(a->args);
    g_object_free(o);
}

static int ga_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GGenericAlias *a = (GGenericAlias *)o;
    return visit(a->origin, arg) || visit(a->args, arg);
}

/* One argument as an annotation shows it: a class by its (module-qualified) name,
 * ... as "...", anything else by its repr. */
static int put_arg(GBuf *b, GObject *x)
{
    if (x == G_ELLIPSIS) {
        g_buf_puts(b, "...");
        return 0;
    }
    if (g_is_type(x)) {
        GType *t = (GType *)x;
        if (t->module_name && !g_str_eq_cstr(t->module_name, "builtins")) {
            g_buf_put_obj(b, t->module_name);
            g_buf_putc(b, '.');
        }
        g_buf_puts(b, t->name);
        return 0;
    }
    GObject *r = g_repr(x);
    if (!r)
        return -1;
    g_buf_put_obj(b, r);
    g_decref(r);
    return 0;
}

static GObject *ga_repr(GObject *o)
{
    GGenericAlias *a = (GGenericAlias *)o;
    GBuf b;
    g_buf_init(&b);
    if (put_arg(&b, a->origin) < 0)
        goto fail;
    g_buf_putc(&b, '[');
    int64_t n = G_TUPLE_SIZE(a->args);
    if (n == 0)
        g_buf_puts(&b, "()");
    for (int64_t i = 0; i < n; i++) {
        if (i)
            g_buf_puts(&b, ", ");
        if (put_arg(&b, G_TUPLE_ITEM(a->args, i)) < 0)
            goto fail;
    }
    g_buf_putc(&b, ']');
    return g_buf_finish(&b);
fail:
    g_buf_free(&b);
    return NULL;
}

static GObject *ga_call(GObject *o, GObject *const *args, size_t nargs, GObject *kwnames)
{
    return g_call(((GGenericAlias *)o)->origin, args, nargs, kwnames);
}

static GObject *ga_richcompare(GObject *x, GObject *y, GCmpOp op)
{
    if ((op != CMP_EQ && op != CMP_NE) || G_TYPE(y) != &GGenericAlias_type)
        return g_newref(G_NOTIMPL);
    GGenericAlias *a = (GGenericAlias *)x, *b = (GGenericAlias *)y;
    int eq = a->origin == b->origin ? g_eq(a->args, b->args) : 0;
    if (eq < 0)
        return NULL;
    return g_bool(op == CMP_EQ ? eq : !eq);
}

static int64_t ga_hash(GObject *o)
{
    GGenericAlias *a = (GGenericAlias *)o;
    int64_t h = g_hash(a->args);
    if (h == -1)
        return -1;
    h ^= g_hash(a->origin);
    return h == -1 ? -2 : h;
}

static GObject *ga_getattr(GObject *o, GObject *name)
{
    GGenericAlias *a = (GGenericAlias *)o;
    if (g_str_eq_cstr(name, "__origin__"))
        return g_newref(a->origin);
    if (g_str_eq_cstr(name, "__args__"))
        return g_newref(a->args);
    if (g_str_eq_cstr(name, "__parameters__"))
        return g_tuple_new(0);
    if (g_str_eq_cstr(name, "__class__"))
        return g_newref((GObject *)&GGenericAlias_type);
    return g_getattr(a->origin, name);
}

GType GGenericAlias_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "GenericAlias",
    .basicsize = sizeof(GGenericAlias),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_dealloc = ga_dealloc,
    .tp_traverse = ga_traverse,
    .tp_repr = ga_repr,
    .tp_call = ga_call,
    .tp_richcompare = ga_richcompare,
    .tp_hash = ga_hash,
    .tp_getattr = ga_getattr,
};
