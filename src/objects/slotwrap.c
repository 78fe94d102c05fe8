/* slotwrap.c -- wrapper_descriptor: a built-in type's C slot seen as a dunder method.
 *
 * g_add_slot_wrappers(t) puts one wrapper into t's dict for every slot t defines
 * itself (not inherited unchanged from its base), under the dunder name Python uses.
 * Calling the wrapper (unbound: self first) dispatches to the slot.  class.c asks
 * g_slot_wrapper_slot() whether a dunder found on a class is such a wrapper, to
 * inherit the C slot directly instead of going through Python.
 */
#include <string.h>

#include "objects/objects.h"
#include "objects/slotwrap.h"

typedef struct { GObject ob; GType *type; int slot; } GSlotWrapper;

const GSlotInfo g_slot_table[] = {
    { SLOT_INIT, "__init__" }, { SLOT_REPR, "__repr__" }, { SLOT_STR, "__str__" },
    { SLOT_HASH, "__hash__" }, { SLOT_LT, "__lt__" }, { SLOT_LE, "__le__" }, { SLOT_EQ, "__eq__" },
    { SLOT_NE, "__ne__" }, { SLOT_GT, "__gt__" }, { SLOT_GE, "__ge__" },
    { SLOT_GETATTRIBUTE, "__getattribute__" }, { SLOT_SETATTR, "__setattr__" },
    { SLOT_DELATTR, "__delattr__" }, { SLOT_CALL, "__call__" }, { SLOT_ITER, "__iter__" },
    { SLOT_NEXT, "__next__" }, { SLOT_LEN, "__len__" }, { SLOT_GETITEM, "__getitem__" },
    { SLOT_SETITEM, "__setitem__" }, { SLOT_DELITEM, "__delitem__" }, { SLOT_CONTAINS, "__contains__" },
    { SLOT_BOOL, "__bool__" }, { SLOT_NEG, "__neg__" }, { SLOT_POS, "__pos__" }, { SLOT_ABS, "__abs__" },
    { SLOT_INVERT, "__invert__" }, { SLOT_INT, "__int__" }, { SLOT_FLOAT, "__float__" },
    { SLOT_INDEX, "__index__" },
    { SLOT_NB + NB_ADD, "__add__" }, { SLOT_NB + NB_SUB, "__sub__" }, { SLOT_NB + NB_MUL, "__mul__" },
    { SLOT_NB + NB_TRUEDIV, "__truediv__" }, { SLOT_NB + NB_FLOORDIV, "__floordiv__" },
    { SLOT_NB + NB_MOD, "__mod__" }, { SLOT_NB + NB_POW, "__pow__" }, { SLOT_NB + NB_LSHIFT, "__lshift__" },
    { SLOT_NB + NB_RSHIFT, "__rshift__" }, { SLOT_NB + NB_AND, "__and__" }, { SLOT_NB + NB_OR, "__or__" },
    { SLOT_NB + NB_XOR, "__xor__" }, { SLOT_NB + NB_MATMUL, "__matmul__" },
    { SLOT_RNB + NB_ADD, "__radd__" }, { SLOT_RNB + NB_SUB, "__rsub__" }, { SLOT_RNB + NB_MUL, "__rmul__" },
    { SLOT_RNB + NB_TRUEDIV, "__rtruediv__" }, { SLOT_RNB + NB_FLOORDIV, "__rfloordiv__" },
    { SLOT_RNB + NB_MOD, "__rmod__" }, { SLOT_RNB + NB_POW, "__rpow__" },
    { SLOT_RNB + NB_LSHIFT, "__rlshift__" }, { SLOT_RNB + NB_RSHIFT, "__rrshift__" },
    { SLOT_RNB + NB_AND, "__rand__" }, { SLOT_RNB + NB_OR, "__ror__" }, { SLOT_RNB + NB_XOR, "__rxor__" },
    { SLOT_RNB + NB_MATMUL, "__rmatmul__" },
    { SLOT_INB + NB_ADD, "__iadd__" }, { SLOT_INB + NB_SUB, "__isub__" }, { SLOT_INB + NB_MUL, "__imul__" },
    { SLOT_INB + NB_TRUEDIV, "__itruediv__" }, { SLOT_INB + NB_FLOORDIV, "__ifloordiv__" },
    { SLOT_INB + NB_MOD, "__imod__" }, { SLOT_INB + NB_POW, "__ipow__" },
    { SLOT_INB + NB_LSHIFT, "__ilshift__" }, { SLOT_INB + NB_RSHIFT, "__irshift__" },
    { SLOT_INB + NB_AND, "__iand__" }, { SLOT_INB + NB_OR, "__ior__" }, { SLOT_INB + NB_XOR, "__ixor__" },
    { SLOT_INB + NB_MATMUL, "__imatmul__" },
    { -1, NULL },
};

/* Is the slot filled in t (and, with `own`, different from t's base)? */
static bool slot_defined(GType *t, int slot, bool own)
{
    GType *b = own ? t->base : NULL;
#define DEF(field) (t->field && (!b || t->field != b->field))
    switch (slot) {
    case SLOT_INIT: return DEF(tp_init);
    case SLOT_REPR: return DEF(tp_repr);
    case SLOT_STR: return DEF(tp_str);
    case SLOT_HASH: return DEF(tp_hash);
    case SLOT_LT: case SLOT_LE: case SLOT_EQ: case SLOT_NE: case SLOT_GT: case SLOT_GE:
        return DEF(tp_richcompare);
    case SLOT_GETATTRIBUTE: return DEF(tp_getattr);
    case SLOT_SETATTR: case SLOT_DELATTR: return DEF(tp_setattr);
    case SLOT_CALL: return DEF(tp_call);
    case SLOT_ITER: return DEF(tp_iter);
    case SLOT_NEXT: return DEF(tp_iternext);
    case SLOT_LEN: return DEF(sq_len);
    case SLOT_GETITEM: return DEF(mp_getitem);
    case SLOT_SETITEM: case SLOT_DELITEM: return DEF(mp_setitem);
    case SLOT_CONTAINS: return DEF(sq_contains);
    case SLOT_BOOL: return DEF(nb_bool);
    case SLOT_NEG: return DEF(nb_neg);
    case SLOT_POS: return DEF(nb_pos);
    case SLOT_ABS: return DEF(nb_abs);
    case SLOT_INVERT: return DEF(nb_invert);
    case SLOT_INT: return DEF(nb_int);
    case SLOT_FLOAT: return DEF(nb_float);
    case SLOT_INDEX: return DEF(nb_index);
    default:
        if (slot >= SLOT_INB)
            return DEF(nb_inplace[slot - SLOT_INB]);
        if (slot >= SLOT_RNB)
            return DEF(nb[slot - SLOT_RNB]);
        return DEF(nb[slot - SLOT_NB]);
    }
#undef DEF
}

static GObject *wrapper_call(GObject *w, GObject *const *args, size_t nargs, GObject *kwnames);

static void wrapper_dealloc(GObject *o) { g_object_free(o); }

static GObject *wrapper_get(GObject *d, GObject *obj, GType *type)
{
    (void)type;
    if (!obj)
        return g_newref(d);
    return g_bound_method_new(d, obj);
}

static GObject *wrapper_repr(GObject *o)
{
    GSlotWrapper *w = (GSlotWrapper *)o;
    return g_format("<slot wrapper '%s' of '%s' objects>", g_slot_name(w->slot), w->type->name);
}

GType GSlotWrapper_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "wrapper_descriptor",
    .basicsize = sizeof(GSlotWrapper),
    .base = &GObject_type,
    .tp_dealloc = wrapper_dealloc,
    .tp_repr = wrapper_repr,
    .tp_call = wrapper_call,
    .tp_descr_get = wrapper_get,
};

const char *g_slot_name(int slot)
{
    for (const GSlotInfo *s = g_slot_table; s->name; s++)
        if (s->slot == slot)
            return s->name;
    return "?";
}

int g_slot_wrapper_slot(GObject *o)
{
    if (G_TYPE(o) != &GSlotWrapper_type)
        return -1;
    return ((GSlotWrapper *)o)->slot;
}

GType *g_slot_wrapper_type(GObject *o) { return ((GSlotWrapper *)o)->type; }

void g_add_slot_wrappers(GType *t)
{
    for (const GSlotInfo *s = g_slot_table; s->name; s++) {
        if (!slot_defined(t, s->slot, true))
            continue;
        if (s->slot >= SLOT_RNB && s->slot < SLOT_INB)
            continue;    /* reflected names are added with the forward ones below */
        GObject *name = g_str_intern(s->name);
        if (g_dict_get(t->dict, name))
            continue;    /* an explicit method wins */
        GSlotWrapper *w = (GSlotWrapper *)g_object_alloc(&GSlotWrapper_type, sizeof(GSlotWrapper));
        w->type = t;
        w->slot = s->slot;
        g_set_immortal((GObject *)w);
        g_dict_set(t->dict, name, (GObject *)w);
        if (s->slot >= SLOT_NB && s->slot < SLOT_RNB) {
            GSlotWrapper *r = (GSlotWrapper *)g_object_alloc(&GSlotWrapper_type, sizeof(GSlotWrapper));
            r->type = t;
            r->slot = s->slot - SLOT_NB + SLOT_RNB;
            g_set_immortal((GObject *)r);
            g_dict_set(t->dict, g_str_intern(g_slot_name(r->slot)), (GObject *)r);
        }
    }
}

static GObject *int_result(int64_t v) { return v < 0 && g_err_occurred() ? NULL : g_int_from_i64(v); }

static GObject *wrapper_call(GObject *o, GObject *const *args, size_t nargs, GObject *kwnames)
{
    GSlotWrapper *w = (GSlotWrapper *)o;
    GType *t = w->type;
    const char *name = g_slot_name(w->slot);
    size_t npos = nargs - (kwnames ? (size_t)G_TUPLE_SIZE(kwnames) : 0);
    if (npos < 1)
        return g_raise(&GExc_TypeError, "descriptor '%s' of '%s' object needs an argument", name, t->name);
    GObject *self = args[0];
    if (!g_isinstance(self, t))
        return g_raise(&GExc_TypeError, "descriptor '%s' requires a '%s' object but received a '%T'", name, t->name, self);
    args++;
    nargs--;
    npos--;
    if (w->slot == SLOT_INIT) {
        if (t->tp_init(self, args, nargs, kwnames) < 0)
            return NULL;
        return G_NONE;
    }
    if (w->slot == SLOT_CALL)
        return t->tp_call(self, args, nargs, kwnames);
    if (g_no_kwargs(name, kwnames) < 0)
        return NULL;
    int slot = w->slot;
    size_t want = 0;
    if ((slot >= SLOT_LT && slot <= SLOT_GE) || slot == SLOT_GETATTRIBUTE || slot == SLOT_DELATTR ||
        slot == SLOT_GETITEM || slot == SLOT_DELITEM || slot == SLOT_CONTAINS || slot >= SLOT_NB)
        want = 1;
    else if (slot == SLOT_SETATTR || slot == SLOT_SETITEM)
        want = 2;
    if (g_check_nargs(name, npos, want, want) < 0)
        return NULL;
    switch (slot) {
    case SLOT_REPR: return t->tp_repr(self);
    case SLOT_STR: return t->tp_str(self);
    case SLOT_HASH: return int_result(t->tp_hash(self));
    case SLOT_LT: case SLOT_LE: case SLOT_EQ: case SLOT_NE: case SLOT_GT: case SLOT_GE:
        return t->tp_richcompare(self, args[0], (GCmpOp)(slot - SLOT_LT));
    case SLOT_GETATTRIBUTE: return t->tp_getattr(self, args[0]);
    case SLOT_SETATTR:
        return t->tp_setattr(self, args[0], args[1]) < 0 ? NULL : G_NONE;
    case SLOT_DELATTR:
        return t->tp_setattr(self, args[0], NULL) < 0 ? NULL : G_NONE;
    case SLOT_ITER: return t->tp_iter(self);
    case SLOT_NEXT: {
        GObject *r = t->tp_iternext(self);
        if (!r && !g_err_occurred())
            g_raise(&GExc_StopIteration, "");
        return r;
    }
    case SLOT_LEN: return int_result(t->sq_len(self));
    case SLOT_GETITEM: return t->mp_getitem(self, args[0]);
    case SLOT_SETITEM: return t->mp_setitem(self, args[0], args[1]) < 0 ? NULL : G_NONE;
    case SLOT_DELITEM: return t->mp_setitem(self, args[0], NULL) < 0 ? NULL : G_NONE;
    case SLOT_CONTAINS: {
        int r = t->sq_contains(self, args[0]);
        return r < 0 ? NULL : g_bool(r);
    }
    case SLOT_BOOL: {
        int r = t->nb_bool(self);
        return r < 0 ? NULL : g_bool(r);
    }
    case SLOT_NEG: return t->nb_neg(self);
    case SLOT_POS: return t->nb_pos(self);
    case SLOT_ABS: return t->nb_abs(self);
    case SLOT_INVERT: return t->nb_invert(self);
    case SLOT_INT: return t->nb_int(self);
    case SLOT_FLOAT: return t->nb_float(self);
    case SLOT_INDEX: return t->nb_index(self);
    default:
        if (slot >= SLOT_INB)
            return t->nb_inplace[slot - SLOT_INB](self, args[0]);
        if (slot >= SLOT_RNB)
            return t->nb[slot - SLOT_RNB](args[0], self);
        return t->nb[slot - SLOT_NB](self, args[0]);
    }
}
