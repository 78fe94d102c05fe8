/* uniontype.c -- types.UnionType: what `int | None` or `int | str | list[int]` is.
 *
 * `X | Y` on classes (type's nb_or) makes a union of the two, flattened (a union
 * inside a union gives its members) and without repeats, in order; None stands for
 * NoneType.  It prints as CPython's does (`int | None`), compares equal to a union
 * of the same members in any order, and isinstance(x, int | str) tests each member
 * (builtins.c asks g_union_args).
 *
 * A union is immutable once made (its tuple is written before it is shared), so
 * threads read it without locks.
 */
#include "objects/objects.h"

typedef struct {
    GObject ob;
    GObject *args;             /* tuple of the members: written once */
} GUnion;

/* May x be a member of a union? A class, None, list[int], another union. */
static bool unionable(GObject *x)
{
    return x == G_NONE || g_is_type(x) || G_TYPE(x) == &GGenericAlias_type || G_TYPE(x) == &GUnion_type;
}

GObject *g_union_args(GObject *o) { return G_TYPE(o) == &GUnion_type ? ((GUnion *)o)->args : NULL; }

/* Append x's members (NoneType for None) to the list, skipping repeats. */
static int add_members(GObject *list, GObject *x)
{
    if (G_TYPE(x) == &GUnion_type) {
        GObject *args = ((GUnion *)x)->args;
        for (int64_t i = 0; i < G_TUPLE_SIZE(args); i++)
            if (add_members(list, G_TUPLE_ITEM(args, i)) < 0)
                return -1;
        return 0;
    }
    if (x == G_NONE)
        x = (GObject *)&GNone_type;
    for (int64_t i = 0; i < G_LIST_SIZE(list); i++) {
        GObject *y = G_LIST_ITEM(list, i);
        int eq = y == x ? 1 : G_TYPE(x) == &GGenericAlias_type ? g_eq(y, x) : 0;
        if (eq)
            return eq < 0 ? -1 : 0;
    }
    return g_list_append(list, x);
}

/* type's nb_or: a | b for classes (and None, aliases, unions) on either side. */
GObject *g_type_or(GObject *a, GObject *b)
{
    if (!unionable(a) || !unionable(b))
        return g_newref(G_NOTIMPL);
    GObject *members = g_list_new(0);
    if (!members)
        return NULL;
    if (add_members(members, a) < 0 || add_members(members, b) < 0) {
        g_decref(members);
        return NULL;
    }
    if (G_LIST_SIZE(members) == 1) {    /* int | int is int */
        GObject *only = g_newref(G_LIST_ITEM(members, 0));
        g_decref(members);
        return only;
    }
    GUnion *u = (GUnion *)g_object_alloc(&GUnion_type, sizeof(GUnion));
    u->args = u ? g_list_as_tuple(members) : NULL;
    g_decref(members);
    if (!u)
        return g_no_memory();
    if (!u->args) {
        g_decref((GObject *)u);
        return NULL;
    }
    return (GObject *)u;
}

static void union_dealloc(GObject *o)
{
    g_xdecref(((GUnion *)o)->args);
    g_object_free(o);
}

static int union_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GObject *args = ((GUnion *)o)->args;
    return args ? visit(args, arg) : 0;
}

static GObject *member_repr(GObject *x)
{
    if (x == (GObject *)&GNone_type)
        return g_str_from_cstr("None");
    return g_is_type(x) ? g_type_annotation_repr(x) : g_repr(x);
}

static GObject *union_repr(GObject *o)
{
    GObject *args = ((GUnion *)o)->args;
    GObject *parts = g_list_new(0);
    for (int64_t i = 0; parts && i < G_TUPLE_SIZE(args); i++) {
        GObject *r = member_repr(G_TUPLE_ITEM(args, i));
        if (!r || g_list_append(parts, r) < 0)
            G_CLEAR(parts);
        g_xdecref(r);
    }
    if (!parts)
        return NULL;
    GObject *sep = g_str_from_cstr(" | ");
    GObject *r = sep ? g_str_join(sep, parts) : NULL;
    g_xdecref(sep);
    g_decref(parts);
    return r;
}

static GObject *union_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (G_TYPE(b) != &GUnion_type || (op != CMP_EQ && op != CMP_NE))
        return g_newref(G_NOTIMPL);
    GObject *x = g_set_new(&GFrozenSet_type, ((GUnion *)a)->args);
    GObject *y = x ? g_set_new(&GFrozenSet_type, ((GUnion *)b)->args) : NULL;
    int eq = y ? g_eq(x, y) : -1;
    g_xdecref(x);
    g_xdecref(y);
    if (eq < 0)
        return NULL;
    return g_bool((op == CMP_EQ) == (eq == 1));
}

static int64_t union_hash(GObject *o)
{
    GObject *s = g_set_new(&GFrozenSet_type, ((GUnion *)o)->args);
    if (!s)
        return -1;
    int64_t h = g_hash(s);
    g_decref(s);
    return h;
}

static GObject *get_args(GObject *o) { return g_newref(((GUnion *)o)->args); }

static const GGetSetDef union_getsets[] = {
    { "__args__", get_args, NULL },
    { NULL, NULL, NULL },
};

GType GUnion_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "types.UnionType",
    .basicsize = sizeof(GUnion),
    .flags = G_TPFLAG_GC,
    .base = &GObject_type,
    .tp_dealloc = union_dealloc,
    .tp_traverse = union_traverse,
    .tp_repr = union_repr,
    .tp_hash = union_hash,
    .tp_richcompare = union_richcompare,
    .nb = { [NB_OR] = g_type_or },
    .getsets = union_getsets,
};
