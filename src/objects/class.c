/* class.c -- classes written in Python: their C slots and the dunder calls behind them.
 *
 * A class statement runs its body into a dict, then g_type_new_heap makes a GType
 * (a "heap type") from it.  The new type starts as a copy of its base's C slots.
 * Then g_type_update_slots looks at each slot's dunder names (__add__ and __radd__
 * for nb[NB_ADD], the six comparisons for tp_richcompare, ...):
 *
 *     some Python class in the MRO defines one of the names in its own dict?
 *        yes -> the slot becomes a trampoline (slot_*) that looks the method up and
 *               calls it
 *        no  -> the slot stays the base's C function, untouched
 *
 * So `class Stack(list)` still appends at C speed, while a class defining __eq__
 * pays for a Python call only in comparisons.
 *
 * With several bases the search order is the C3 MRO and the layout comes from one
 * base, the "best base" (both computed once, in mro.c).  The first class along the
 * MRO that has the name decides: if it is a built-in type, its C slot (inherited
 * by the layout base) is right, so class D(dict, Mixin) keeps dict's C __repr__.
 *
 * Instance layout: a class whose base has no __dict__ slot gets one appended
 * (dictoffset), so `self.x = 1` works on subclasses of object, list, dict and set.
 * Subclasses of the variable-sized types (int, str, tuple) get no __dict__.
 *
 * Making classes, and the slots of classes whose dunders change later, are
 * type_new.c's.
 */
#include <string.h>

#include "debug.h"
#include "objects/objects.h"
#include "objects/class_internal.h"
#include "objects/slotwrap.h"
#include "runtime/race.h"
#include "runtime/runtime.h"
#include "runtime/stw.h"
#include "runtime/threadstate.h"
#include "vm/vm.h"

/* The interned str of a dunder name, by the address of its C literal.  Each name
 * comes from one literal at one call site in this file, so after the first class is made
 * every lookup is a hit: g_type_update_slots then neither allocates nor frees,
 * which it must not while the world is stopped (g_type_slots_changed).  A slot is
 * claimed by CAS on its key; its name is published with release after the key,
 * and a reader that finds the key but not yet the name interns for itself. */
#define NAME_CACHE_SIZE 256   /* a power of two above the ~70 dunder names */
static struct {
    const char *_Atomic key;
    GObject *_Atomic name;
} name_cache[NAME_CACHE_SIZE];

static GObject *slot_name(const char *cname)
{
    size_t i = ((uintptr_t)cname >> 3) & (NAME_CACHE_SIZE - 1);
    for (size_t probes = 0; probes < NAME_CACHE_SIZE; probes++, i = (i + 1) & (NAME_CACHE_SIZE - 1)) {
        /* acquire: pairs with the release store of the name below */
        const char *k = atomic_load_explicit(&name_cache[i].key, memory_order_acquire);
        if (k == cname) {
            GObject *n = atomic_load_explicit(&name_cache[i].name, memory_order_acquire);
            return n ? n : g_str_intern(cname);
        }
        if (k)
            continue;
        const char *expected = NULL;
        if (atomic_compare_exchange_strong_explicit(&name_cache[i].key, &expected, cname,
                                                    memory_order_acq_rel, memory_order_acquire)) {
            GObject *n = g_str_intern(cname);   /* interned strings are immortal */
            atomic_store_explicit(&name_cache[i].name, n, memory_order_release);
            return n;
        }
        if (expected == cname)
            return g_str_intern(cname);   /* another thread is filling this one */
    }
    return g_str_intern(cname);   /* full: cannot happen with the names below */
}

/* ====================================================================================
 * Calling dunder methods
 * ==================================================================================== */

/* Look name up on type(o) and bind it to o.  New reference, or NULL without an
 * exception if the type has no such attribute. */
GObject *g_lookup_special(GObject *o, GObject *name)
{
    GObject *attr = g_type_lookup(G_TYPE(o), name);
    if (!attr)
        return NULL;
    GType *at = G_TYPE(attr);
    if (at->tp_descr_get)
        return at->tp_descr_get(attr, o, G_TYPE(o));
    return g_newref(attr);
}

/* Call type(o).name(o, *args); NotImplemented (new ref) if the type lacks it. */
static GObject *call_dunder(GObject *o, const char *cname, GObject *const *args, size_t nargs)
{
    GObject *name = slot_name(cname);
    GObject *attr = g_type_lookup(G_TYPE(o), name);
    if (!attr)
        return g_newref(G_NOTIMPL);
    if (attr == G_NONE)
        return g_newref(G_NOTIMPL);
    if (G_TYPE(attr) == &GFunction_type) {
        /* fast path: call the plain function with self prepended, no bound method */
        GObject *small[4];
        if (nargs < 4) {
            small[0] = o;
            for (size_t i = 0; i < nargs; i++)
                small[i + 1] = args[i];
            return g_function_call(attr, small, nargs + 1, NULL);
        }
    }
    GObject *bound = G_TYPE(attr)->tp_descr_get ? G_TYPE(attr)->tp_descr_get(attr, o, G_TYPE(o)) : g_newref(attr);
    if (!bound)
        return NULL;
    GObject *r = g_call(bound, args, nargs, NULL);
    g_decref(bound);
    return r;
}

GObject *g_call_special(GObject *o, GObject *name, GObject *const *args, size_t nargs)
{
    GObject *attr = g_type_lookup(G_TYPE(o), name);
    if (!attr)
        return g_raise(&GExc_AttributeError, "'%T' object has no attribute '%U'", o, name);
    return call_dunder(o, g_str_data(name), args, nargs);
}

/* ====================================================================================
 * Slot trampolines
 * ==================================================================================== */

static GObject *slot_repr(GObject *o)
{
    GObject *r = call_dunder(o, "__repr__", NULL, 0);
    if (r && !g_is_str(r)) {
        g_raise(&GExc_TypeError, "__repr__ returned non-string (type %T)", r);
        G_CLEAR(r);
    }
    return r;
}

static GObject *slot_str(GObject *o)
{
    GObject *r = call_dunder(o, "__str__", NULL, 0);
    if (r && !g_is_str(r)) {
        g_raise(&GExc_TypeError, "__str__ returned non-string (type %T)", r);
        G_CLEAR(r);
    }
    return r;
}

static int64_t slot_hash(GObject *o)
{
    GObject *r = call_dunder(o, "__hash__", NULL, 0);
    if (!r)
        return -1;
    if (!g_is_int(r)) {
        g_raise(&GExc_TypeError, "__hash__ method should return an integer");
        g_decref(r);
        return -1;
    }
    /* a value that fits a machine word is the hash itself (hash(x) == x.__hash__(),
     * as in CPython); a bigger int is hashed like any int */
    int64_t h = g_int_as_ssize(r);
    if (h == -1 && g_err_occurred()) {
        g_err_clear();
        h = g_int_hash(r);
    }
    g_decref(r);
    return h == -1 ? -2 : h;
}

static int64_t hash_unhashable(GObject *o)
{
    g_raise(&GExc_TypeError, "unhashable type: '%T'", o);
    return -1;
}

static const char *const cmp_names[] = { "__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__" };

static GObject *slot_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    GObject *attr = g_type_lookup(G_TYPE(a), slot_name(cmp_names[op]));
    if (!attr)
        return g_newref(G_NOTIMPL);
    int slot = g_slot_wrapper_slot(attr);
    if (slot >= 0) {
        GType *t = g_slot_wrapper_type(attr);
        return t->tp_richcompare(a, b, op);
    }
    return call_dunder(a, cmp_names[op], &b, 1);
}

static GObject *slot_getattr(GObject *o, GObject *name)
{
    GType *t = G_TYPE(o);
    GObject *ga = g_type_lookup(t, slot_name("__getattribute__"));
    GObject *r;
    if (ga && g_slot_wrapper_slot(ga) < 0)
        r = call_dunder(o, "__getattribute__", &name, 1);
    else
        r = g_generic_getattr(o, name);
    if (r || !g_err_matches(&GExc_AttributeError))
        return r;
    GObject *getattr = g_type_lookup(t, slot_name("__getattr__"));
    if (!getattr)
        return NULL;
    g_err_clear();
    return call_dunder(o, "__getattr__", &name, 1);
}

static int slot_setattr(GObject *o, GObject *name, GObject *value)
{
    GObject *r;
    if (value) {
        GObject *attr = g_type_lookup(G_TYPE(o), slot_name("__setattr__"));
        if (!attr || g_slot_wrapper_slot(attr) >= 0)
            return g_generic_setattr(o, name, value);
        GObject *args[2] = { name, value };
        r = call_dunder(o, "__setattr__", args, 2);
    } else {
        GObject *attr = g_type_lookup(G_TYPE(o), slot_name("__delattr__"));
        if (!attr || g_slot_wrapper_slot(attr) >= 0)
            return g_generic_setattr(o, name, NULL);
        r = call_dunder(o, "__delattr__", &name, 1);
    }
    if (!r)
        return -1;
    g_decref(r);
    return 0;
}

static GObject *slot_call(GObject *o, GObject *const *args, size_t nargs, GObject *kwnames)
{
    GObject *f = g_lookup_special(o, slot_name("__call__"));
    if (!f)
        return g_err_occurred() ? NULL : g_raise(&GExc_TypeError, "'%T' object is not callable", o);
    GObject *r = g_call(f, args, nargs, kwnames);
    g_decref(f);
    return r;
}

static GObject *slot_iter(GObject *o)
{
    GObject *r = call_dunder(o, "__iter__", NULL, 0);
    if (r && r != G_NOTIMPL && !G_TYPE(r)->tp_iternext) {
        g_raise(&GExc_TypeError, "iter() returned non-iterator of type '%T'", r);
        G_CLEAR(r);
    }
    if (r == G_NOTIMPL) {
        g_decref(r);
        return g_raise(&GExc_TypeError, "'%T' object is not iterable", o);
    }
    return r;
}

static GObject *slot_iternext(GObject *o)
{
    GObject *r = call_dunder(o, "__next__", NULL, 0);
    if (!r && g_err_matches(&GExc_StopIteration))
        g_err_clear();
    return r;
}

static ssize_t slot_len(GObject *o)
{
    GObject *r = call_dunder(o, "__len__", NULL, 0);
    if (!r)
        return -1;
    if (!g_is_int(r)) {
        g_raise(&GExc_TypeError, "'%T' object cannot be interpreted as an integer", r);
        g_decref(r);
        return -1;
    }
    int64_t n = g_int_as_ssize(r);
    g_decref(r);
    if (n < 0 && !g_err_occurred()) {
        g_raise(&GExc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    return (ssize_t)n;
}

static GObject *slot_getitem(GObject *o, GObject *k) { return call_dunder(o, "__getitem__", &k, 1); }

static int slot_setitem(GObject *o, GObject *k, GObject *v)
{
    GObject *r;
    if (v) {
        GObject *args[2] = { k, v };
        r = call_dunder(o, "__setitem__", args, 2);
    } else {
        r = call_dunder(o, "__delitem__", &k, 1);
    }
    if (r == G_NOTIMPL) {
        g_decref(r);
        g_raise(&GExc_TypeError, v ? "'%T' object does not support item assignment"
                                   : "'%T' object does not support item deletion", o);
        return -1;
    }
    if (!r)
        return -1;
    g_decref(r);
    return 0;
}

static int slot_contains(GObject *o, GObject *x)
{
    GObject *r = call_dunder(o, "__contains__", &x, 1);
    if (!r)
        return -1;
    int t = g_truthy(r);
    g_decref(r);
    return t;
}

static int slot_bool(GObject *o)
{
    GObject *r = call_dunder(o, "__bool__", NULL, 0);
    if (!r)
        return -1;
    if (G_TYPE(r) != &GBool_type) {
        g_raise(&GExc_TypeError, "__bool__ should return bool, returned %T", r);
        g_decref(r);
        return -1;
    }
    return r == G_TRUE;
}

#define SLOT_UNARY(NAME, DUNDER) static GObject *NAME(GObject *o) { return call_dunder(o, DUNDER, NULL, 0); }
SLOT_UNARY(slot_neg, "__neg__")
SLOT_UNARY(slot_pos, "__pos__")
SLOT_UNARY(slot_abs, "__abs__")
SLOT_UNARY(slot_invert, "__invert__")
SLOT_UNARY(slot_int, "__int__")
SLOT_UNARY(slot_float, "__float__")
SLOT_UNARY(slot_index, "__index__")

static int slot_init(GObject *self, GObject *const *args, size_t nargs, GObject *kwnames)
{
    GObject *r, *init = g_type_lookup(G_TYPE(self), slot_name("__init__"));
    GObject *small[8];
    if (init && G_TYPE(init) == &GFunction_type && nargs < 8) {
        /* the usual case: a def __init__, called with self prepended, no bound
         * method (the function stays alive: its frame holds it before anything
         * can run that replaces it) */
        small[0] = self;
        for (size_t i = 0; i < nargs; i++)
            small[i + 1] = args[i];
        r = g_function_call(init, small, nargs + 1, kwnames);
    } else {
        GObject *f = g_lookup_special(self, slot_name("__init__"));
        if (!f)
            return g_err_occurred() ? -1 : 0;
        r = g_call(f, args, nargs, kwnames);
        g_decref(f);
    }
    if (!r)
        return -1;
    if (r != G_NONE) {
        g_raise(&GExc_TypeError, "__init__() should return None, not '%T'", r);
        g_decref(r);
        return -1;
    }
    return 0;
}

static GObject *slot_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    GObject *f = g_type_lookup(type, slot_name("__new__"));
    if (!f)
        return g_raise(&GExc_TypeError, "cannot create '%s' instances", type->name);
    GObject *func = f;
    if (G_TYPE(f) == &GStaticMethod_type)
        func = ((GWrapped *)f)->func;
    GObject *small[8];
    GObject **full = nargs + 1 <= 8 ? small : g_mem_alloc((nargs + 1) * sizeof(GObject *));
    if (!full)
        return g_no_memory();
    full[0] = (GObject *)type;
    if (nargs)
        memcpy(full + 1, args, nargs * sizeof(GObject *));
    GObject *r = g_call(func, full, nargs + 1, kwnames);
    if (full != small)
        g_mem_free(full);
    return r;
}

static GObject *slot_descr_get(GObject *d, GObject *obj, GType *type)
{
    GObject *args[2] = { obj ? obj : G_NONE, type ? (GObject *)type : G_NONE };
    return call_dunder(d, "__get__", args, 2);
}

static int slot_descr_set(GObject *d, GObject *obj, GObject *value)
{
    GObject *r;
    if (value) {
        GObject *args[2] = { obj, value };
        r = call_dunder(d, "__set__", args, 2);
    } else {
        r = call_dunder(d, "__delete__", &obj, 1);
    }
    if (!r)
        return -1;
    g_decref(r);
    return 0;
}

/* Binary operators: v op w, where either side may be the instance of the class. */
static GObject *binop_trampoline(GObject *v, GObject *w, GBinOp op, GBinaryFn self_slot)
{
    static const char *const names[NB_COUNT][2] = {
        { "__add__", "__radd__" }, { "__sub__", "__rsub__" }, { "__mul__", "__rmul__" },
        { "__truediv__", "__rtruediv__" }, { "__floordiv__", "__rfloordiv__" },
        { "__mod__", "__rmod__" }, { "__pow__", "__rpow__" }, { "__lshift__", "__rlshift__" },
        { "__rshift__", "__rrshift__" }, { "__and__", "__rand__" }, { "__or__", "__ror__" },
        { "__xor__", "__rxor__" }, { "__matmul__", "__rmatmul__" },
    };
    bool v_has = G_TYPE(v)->nb[op] == self_slot;
    bool w_has = G_TYPE(w) != G_TYPE(v) && G_TYPE(w)->nb[op] == self_slot;
    if (v_has) {
        GObject *attr = g_type_lookup(G_TYPE(v), slot_name(names[op][0]));
        GObject *r;
        if (attr && g_slot_wrapper_slot(attr) >= 0)
            r = g_slot_wrapper_type(attr)->nb[op](v, w);
        else
            r = call_dunder(v, names[op][0], &w, 1);
        if (r != G_NOTIMPL)
            return r;
        g_decref(r);
    }
    if (w_has || (G_TYPE(w)->nb[op] == self_slot && !v_has)) {
        GObject *attr = g_type_lookup(G_TYPE(w), slot_name(names[op][1]));
        if (attr && g_slot_wrapper_slot(attr) >= 0)
            return g_slot_wrapper_type(attr)->nb[op](v, w);
        return call_dunder(w, names[op][1], &v, 1);
    }
    return g_newref(G_NOTIMPL);
}

#define BINOP_TRAMPOLINE(NAME, OP) \
    static GObject *NAME(GObject *v, GObject *w) { return binop_trampoline(v, w, OP, NAME); }
BINOP_TRAMPOLINE(slot_add, NB_ADD)
BINOP_TRAMPOLINE(slot_sub, NB_SUB)
BINOP_TRAMPOLINE(slot_mul, NB_MUL)
BINOP_TRAMPOLINE(slot_truediv, NB_TRUEDIV)
BINOP_TRAMPOLINE(slot_floordiv, NB_FLOORDIV)
BINOP_TRAMPOLINE(slot_mod, NB_MOD)
BINOP_TRAMPOLINE(slot_pow, NB_POW)
BINOP_TRAMPOLINE(slot_lshift, NB_LSHIFT)
BINOP_TRAMPOLINE(slot_rshift, NB_RSHIFT)
BINOP_TRAMPOLINE(slot_and, NB_AND)
BINOP_TRAMPOLINE(slot_or, NB_OR)
BINOP_TRAMPOLINE(slot_xor, NB_XOR)
BINOP_TRAMPOLINE(slot_matmul, NB_MATMUL)
static const GBinaryFn binop_trampolines[NB_COUNT] = {
    slot_add, slot_sub, slot_mul, slot_truediv, slot_floordiv, slot_mod, slot_pow,
    slot_lshift, slot_rshift, slot_and, slot_or, slot_xor, slot_matmul,
};

static const char *const inplace_names[NB_COUNT] = {
    "__iadd__", "__isub__", "__imul__", "__itruediv__", "__ifloordiv__", "__imod__", "__ipow__",
    "__ilshift__", "__irshift__", "__iand__", "__ior__", "__ixor__", "__imatmul__",
};
#define INPLACE_TRAMPOLINE(NAME, OP) \
    static GObject *NAME(GObject *v, GObject *w) { return call_dunder(v, inplace_names[OP], &w, 1); }
INPLACE_TRAMPOLINE(slot_iadd, NB_ADD)
INPLACE_TRAMPOLINE(slot_isub, NB_SUB)
INPLACE_TRAMPOLINE(slot_imul, NB_MUL)
INPLACE_TRAMPOLINE(slot_itruediv, NB_TRUEDIV)
INPLACE_TRAMPOLINE(slot_ifloordiv, NB_FLOORDIV)
INPLACE_TRAMPOLINE(slot_imod, NB_MOD)
INPLACE_TRAMPOLINE(slot_ipow, NB_POW)
INPLACE_TRAMPOLINE(slot_ilshift, NB_LSHIFT)
INPLACE_TRAMPOLINE(slot_irshift, NB_RSHIFT)
INPLACE_TRAMPOLINE(slot_iand, NB_AND)
INPLACE_TRAMPOLINE(slot_ior, NB_OR)
INPLACE_TRAMPOLINE(slot_ixor, NB_XOR)
INPLACE_TRAMPOLINE(slot_imatmul, NB_MATMUL)
static const GBinaryFn inplace_trampolines[NB_COUNT] = {
    slot_iadd, slot_isub, slot_imul, slot_itruediv, slot_ifloordiv, slot_imod, slot_ipow,
    slot_ilshift, slot_irshift, slot_iand, slot_ior, slot_ixor, slot_imatmul,
};

/* ====================================================================================
 * Choosing slots
 * ==================================================================================== */

/* Is `name` found, along t's MRO, first in the dict of a class written in Python?
 * Returns the value found, or NULL if no class has it or a built-in type comes
 * first: then the built-in layout base's C slot is right (with multiple bases,
 * class D(dict, Mixin) keeps dict's __repr__ even if Mixin defines one, and gets
 * Mixin's __call__, which dict does not define). */
GObject *g_heap_defines(GType *t, const char *cname)
{
    GObject *name = slot_name(cname);
    GTuple *m = (GTuple *)t->mro;
    for (int64_t i = 0; i < m->size; i++) {
        GType *b = (GType *)m->items[i];
        GObject *v = g_dict_get_interned(b->dict, name);
        if (v)
            return (b->flags & G_TPFLAG_HEAPTYPE) ? v : NULL;
    }
    return NULL;
}

static bool defines_any(GType *t, const char *a, const char *b)
{
    return g_heap_defines(t, a) || (b && g_heap_defines(t, b));
}

GType *g_first_static_base(GType *t)
{
    while (t->flags & G_TPFLAG_HEAPTYPE)
        t = t->base;
    return t;
}

void g_type_update_slots(GType *t)
{
    GType *sb = g_first_static_base(t);
#define PICK(field, tramp, a, b) t->field = defines_any(t, a, b) ? tramp : sb->field
    PICK(tp_repr, slot_repr, "__repr__", NULL);
    PICK(tp_str, slot_str, "__str__", NULL);
    if (defines_any(t, "__str__", NULL) == false && defines_any(t, "__repr__", NULL) && sb->tp_str == GObject_type.tp_str)
        t->tp_str = GObject_type.tp_str;   /* object.__str__ calls repr, which is ours */
    GObject *h = g_heap_defines(t, "__hash__");
    if (h == G_NONE)
        t->tp_hash = hash_unhashable;
    else if (h)
        t->tp_hash = slot_hash;
    else
        t->tp_hash = sb->tp_hash ? sb->tp_hash : hash_unhashable;
    bool cmp = false;
    for (int i = 0; i < 6; i++)
        cmp = cmp || g_heap_defines(t, cmp_names[i]);
    t->tp_richcompare = cmp ? slot_richcompare : sb->tp_richcompare;
    t->tp_getattr = defines_any(t, "__getattribute__", "__getattr__") ? slot_getattr : sb->tp_getattr;
    t->tp_setattr = defines_any(t, "__setattr__", "__delattr__") ? slot_setattr : sb->tp_setattr;
    PICK(tp_call, slot_call, "__call__", NULL);
    PICK(tp_iter, slot_iter, "__iter__", NULL);
    PICK(tp_iternext, slot_iternext, "__next__", NULL);
    PICK(sq_len, slot_len, "__len__", NULL);
    PICK(mp_getitem, slot_getitem, "__getitem__", NULL);
    PICK(mp_setitem, slot_setitem, "__setitem__", "__delitem__");
    PICK(sq_contains, slot_contains, "__contains__", NULL);
    PICK(nb_bool, slot_bool, "__bool__", NULL);
    PICK(nb_neg, slot_neg, "__neg__", NULL);
    PICK(nb_pos, slot_pos, "__pos__", NULL);
    PICK(nb_abs, slot_abs, "__abs__", NULL);
    PICK(nb_invert, slot_invert, "__invert__", NULL);
    PICK(nb_int, slot_int, "__int__", NULL);
    PICK(nb_float, slot_float, "__float__", NULL);
    PICK(nb_index, slot_index, "__index__", NULL);
    PICK(tp_init, slot_init, "__init__", NULL);
    PICK(tp_new, slot_new, "__new__", NULL);
    PICK(tp_descr_get, slot_descr_get, "__get__", NULL);
    PICK(tp_descr_set, slot_descr_set, "__set__", "__delete__");
#undef PICK
    static const char *const fwd[NB_COUNT] = {
        "__add__", "__sub__", "__mul__", "__truediv__", "__floordiv__", "__mod__", "__pow__",
        "__lshift__", "__rshift__", "__and__", "__or__", "__xor__", "__matmul__",
    };
    static const char *const rev[NB_COUNT] = {
        "__radd__", "__rsub__", "__rmul__", "__rtruediv__", "__rfloordiv__", "__rmod__", "__rpow__",
        "__rlshift__", "__rrshift__", "__rand__", "__ror__", "__rxor__", "__rmatmul__",
    };
    for (int op = 0; op < NB_COUNT; op++) {
        t->nb[op] = defines_any(t, fwd[op], rev[op]) ? binop_trampolines[op] : sb->nb[op];
        t->nb_inplace[op] = defines_any(t, inplace_names[op], NULL) ? inplace_trampolines[op] : sb->nb_inplace[op];
    }
}

