/* class.c -- classes written in Python: creating them, their slots, and super().
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
 * Making a class (g_build_class, for a class statement): choose the metaclass
 * (the metaclass= keyword or the most derived of the bases' types), let it
 * __prepare__ the namespace, run the body into it, then call the metaclass with
 * (name, bases, namespace, **keywords).  For plain classes that call is
 * g_type_new_full: the type itself, then __set_name__ on the attributes, then
 * __init_subclass__(**keywords) of the first base that has one.
 *
 * Changing a dunder later (C.__len__ = f): the C slots of C and of every class
 * below it are chosen again, with the world stopped (g_type_slots_changed), because
 * every thread reads the slot pointers without a lock.  Each heap class keeps a
 * list of its subclasses for this, as plain pointers guarded by types_mu: a class
 * leaves its bases' lists at the start of its dealloc, so the lists only ever hold
 * whole classes.
 */
#include <string.h>

#include "debug.h"
#include "objects/objects.h"
#include "objects/mro.h"
#include "objects/slotwrap.h"
#include "runtime/race.h"
#include "runtime/runtime.h"
#include "runtime/stw.h"
#include "runtime/threadstate.h"
#include "vm/vm.h"

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
    GObject *name = g_str_intern(cname);
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
    GObject *attr = g_type_lookup(G_TYPE(a), g_str_intern(cmp_names[op]));
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
    GObject *ga = g_type_lookup(t, g_str_intern("__getattribute__"));
    GObject *r;
    if (ga && g_slot_wrapper_slot(ga) < 0)
        r = call_dunder(o, "__getattribute__", &name, 1);
    else
        r = g_generic_getattr(o, name);
    if (r || !g_err_matches(&GExc_AttributeError))
        return r;
    GObject *getattr = g_type_lookup(t, g_str_intern("__getattr__"));
    if (!getattr)
        return NULL;
    g_err_clear();
    return call_dunder(o, "__getattr__", &name, 1);
}

static int slot_setattr(GObject *o, GObject *name, GObject *value)
{
    GObject *r;
    if (value) {
        GObject *attr = g_type_lookup(G_TYPE(o), g_str_intern("__setattr__"));
        if (!attr || g_slot_wrapper_slot(attr) >= 0)
            return g_generic_setattr(o, name, value);
        GObject *args[2] = { name, value };
        r = call_dunder(o, "__setattr__", args, 2);
    } else {
        GObject *attr = g_type_lookup(G_TYPE(o), g_str_intern("__delattr__"));
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
    GObject *f = g_lookup_special(o, g_str_intern("__call__"));
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
    GObject *f = g_lookup_special(self, g_str_intern("__init__"));
    if (!f)
        return g_err_occurred() ? -1 : 0;
    GObject *r = g_call(f, args, nargs, kwnames);
    g_decref(f);
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
    GObject *f = g_type_lookup(type, g_str_intern("__new__"));
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
        GObject *attr = g_type_lookup(G_TYPE(v), g_str_intern(names[op][0]));
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
        GObject *attr = g_type_lookup(G_TYPE(w), g_str_intern(names[op][1]));
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

/* The interned str of a dunder name, by the address of its C literal.  Each name
 * comes from one literal at one call site below, so after the first class is made
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

/* Is `name` found, along t's MRO, first in the dict of a class written in Python?
 * Returns the value found, or NULL if no class has it or a built-in type comes
 * first: then the built-in layout base's C slot is right (with multiple bases,
 * class D(dict, Mixin) keeps dict's __repr__ even if Mixin defines one, and gets
 * Mixin's __call__, which dict does not define). */
static GObject *heap_defines(GType *t, const char *cname)
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
    return heap_defines(t, a) || (b && heap_defines(t, b));
}

static GType *first_static_base(GType *t)
{
    while (t->flags & G_TPFLAG_HEAPTYPE)
        t = t->base;
    return t;
}

void g_type_update_slots(GType *t)
{
    GType *sb = first_static_base(t);
#define PICK(field, tramp, a, b) t->field = defines_any(t, a, b) ? tramp : sb->field
    PICK(tp_repr, slot_repr, "__repr__", NULL);
    PICK(tp_str, slot_str, "__str__", NULL);
    if (defines_any(t, "__str__", NULL) == false && defines_any(t, "__repr__", NULL) && sb->tp_str == GObject_type.tp_str)
        t->tp_str = GObject_type.tp_str;   /* object.__str__ calls repr, which is ours */
    GObject *h = heap_defines(t, "__hash__");
    if (h == G_NONE)
        t->tp_hash = hash_unhashable;
    else if (h)
        t->tp_hash = slot_hash;
    else
        t->tp_hash = sb->tp_hash ? sb->tp_hash : hash_unhashable;
    bool cmp = false;
    for (int i = 0; i < 6; i++)
        cmp = cmp || heap_defines(t, cmp_names[i]);
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

/* ====================================================================================
 * Subclass lists, and slots that change after a class is made
 * ==================================================================================== */

/* Under types_mu.  -1 (no exception) if out of memory. */
static int add_subclass(GType *base, GType *sub)
{
    if (base->nsubclasses == base->subclasses_cap) {
        int32_t cap = base->subclasses_cap ? 2 * base->subclasses_cap : 4;
        GType **grown = g_mem_realloc(base->subclasses, (size_t)cap * sizeof(GType *));
        if (!grown)
            return -1;
        base->subclasses = grown;
        base->subclasses_cap = cap;
    }
    base->subclasses[base->nsubclasses++] = sub;
    return 0;
}

/* A new class joins the lists of its bases written in Python (a built-in type's
 * attributes never change, so its subclasses need no telling). */
static int register_subclass(GType *t)
{
    int r = 0;
    g_raw_lock(&g_runtime.types_mu);
    for (int64_t i = 0; i < G_TUPLE_SIZE(t->bases) && r == 0; i++) {
        GType *b = (GType *)G_TUPLE_ITEM(t->bases, i);
        if (b->flags & G_TPFLAG_HEAPTYPE)
            r = add_subclass(b, t);
    }
    g_raw_unlock(&g_runtime.types_mu);
    if (r < 0)
        g_no_memory();
    return r;
}

void g_type_unregister_subclass(GType *t)
{
    if (!t->bases)
        return;
    g_raw_lock(&g_runtime.types_mu);
    for (int64_t i = 0; i < G_TUPLE_SIZE(t->bases); i++) {
        GType *b = (GType *)G_TUPLE_ITEM(t->bases, i);
        for (int32_t j = 0; j < b->nsubclasses; j++)
            if (b->subclasses[j] == t) {
                b->subclasses[j] = b->subclasses[--b->nsubclasses];
                break;
            }
    }
    /* its own subclasses held references to it: they are all gone */
    G_ASSERT(t->nsubclasses == 0);
    g_raw_unlock(&g_runtime.types_mu);
    g_mem_free(t->subclasses);
    t->subclasses = NULL;
}

static void update_tree(GType *t)
{
    g_type_update_slots(t);
    for (int32_t i = 0; i < t->nsubclasses; i++)
        update_tree(t->subclasses[i]);
}

/* A dunder of t was set or deleted: t and every class below it choose their C
 * slots again.  Other threads read those function pointers without any lock (each
 * call of len(), +, repr ... does), so they are rewritten with the world stopped;
 * that also makes the subclass lists safe to walk (nobody adds or removes while
 * every other thread is parked).  Setting a dunder on a class after it is made is
 * rare, so the stop's cost (a safepoint) is paid rarely. */
void g_type_slots_changed(GType *t)
{
    GThreadState *ts = g_tstate();
    g_stop_the_world(ts);
    g_runtime.stw_reason = 2;   /* set while holding the stop */
    update_tree(t);
    g_start_the_world(ts);
}

/* ====================================================================================
 * Creating classes
 * ==================================================================================== */

static void subtype_dealloc(GObject *o)
{
    GType *t = G_TYPE(o);
    GObject **dp = g_instance_dict_ptr(o);
    if (dp)
        G_CLEAR(*dp);
    GType *sb = first_static_base(t);
    g_race_forget(o);   /* --race: its address may be the next instance's */
    sb->tp_dealloc(o);
    g_decref((GObject *)t);
}

static int subtype_traverse(GObject *o, GVisitFn visit, void *arg)
{
    GObject **dp = g_instance_dict_ptr(o);
    if (dp && *dp && visit(*dp, arg))
        return 1;
    if (visit((GObject *)G_TYPE(o), arg))
        return 1;
    GType *sb = first_static_base(G_TYPE(o));
    return sb->tp_traverse ? sb->tp_traverse(o, visit, arg) : 0;
}

/* The collector breaks a cycle through an instance by dropping its __dict__ (and
 * the contents of a list, dict or set it extends). */
static void subtype_clear(GObject *o)
{
    GObject **dp = g_instance_dict_ptr(o);
    if (dp && *dp) {
        GObject *d = *dp;
        *dp = NULL;
        g_decref(d);
    }
    GType *sb = first_static_base(G_TYPE(o));
    if (sb->tp_clear)
        sb->tp_clear(o);
}

/* Names that Python makes implicit staticmethods or classmethods when a class
 * body defines them as plain functions. */
static int wrap_implicit(GObject *dict, const char *name, GType *wrapper)
{
    GObject *f = g_dict_get_str(dict, name);
    if (!f || G_TYPE(f) != &GFunction_type)
        return 0;
    GObject *w = g_call1((GObject *)wrapper, f);
    int r = w ? g_dict_set_str(dict, name, w) : -1;
    g_xdecref(w);
    return r;
}

/* The class body left a __classcell__ in the namespace when a method uses super()
 * or __class__: take it out (it is no attribute) and hand it back, new ref. */
static GObject *take_classcell(GObject *dict)
{
    GObject *cell = g_dict_get_str(dict, "__classcell__");
    if (!cell)
        return NULL;
    g_incref(cell);
    if (g_dict_del(dict, g_str_intern("__classcell__")) < 0) {
        g_err_clear();
    }
    return cell;
}

/* The fields that differ from the layout base's (which memcpy copied). */
static int init_heap_type(GType *t, GType *base, GObject *name, GObject *bases, GObject *ns)
{
    t->heap_name = g_newref(name);
    t->heap_qualname = NULL;
    t->name = g_str_data(name);
    t->flags = G_TPFLAG_HEAPTYPE | G_TPFLAG_BASETYPE | G_TPFLAG_GC |
               (base->flags & (G_TPFLAG_EXC | G_TPFLAG_INT | G_TPFLAG_STR | G_TPFLAG_TUPLE |
                               G_TPFLAG_LIST | G_TPFLAG_DICT | G_TPFLAG_TYPE));
    t->base = base;
    if (base->flags & G_TPFLAG_HEAPTYPE)
        g_incref((GObject *)base);
    t->bases = g_newref(bases);
    t->subclasses = NULL;
    t->nsubclasses = t->subclasses_cap = 0;
    t->methods = NULL;
    t->getsets = NULL;
    t->doc = NULL;
    t->dict = NULL;
    t->mro = NULL;
    t->module_name = NULL;
    /* a __dict__ for the instances, unless the base has one, is variable-sized
     * (int, str, tuple) or is type (a class's namespace is its own dict) */
    if (!base->dictoffset && base->itemsize == 0 && !(base->flags & G_TPFLAG_TYPE)) {
        t->dictoffset = (ssize_t)base->basicsize;
        t->basicsize = base->basicsize + sizeof(GObject *);
    }
    t->tp_dealloc = subtype_dealloc;
    t->tp_traverse = subtype_traverse;
    t->tp_clear = subtype_clear;
    t->dict = g_dict_copy(ns);
    if (!t->dict)
        return -1;
    if (wrap_implicit(t->dict, "__new__", &GStaticMethod_type) < 0 ||
        wrap_implicit(t->dict, "__init_subclass__", &GClassMethod_type) < 0 ||
        wrap_implicit(t->dict, "__class_getitem__", &GClassMethod_type) < 0)
        return -1;
    /* defining __eq__ without __hash__ makes instances unhashable, as in Python */
    if (g_dict_get_str(t->dict, "__eq__") && !g_dict_get_str(t->dict, "__hash__") &&
        g_dict_set_str(t->dict, "__hash__", G_NONE) < 0)
        return -1;
    GObject *mod = g_dict_get_str(t->dict, "__module__");
    if (!mod) {
        GObject *globals = g_current_globals();
        mod = globals ? g_dict_get_str(globals, "__name__") : NULL;
        if (mod && g_dict_set_str(t->dict, "__module__", mod) < 0)
            return -1;
    }
    t->module_name = mod ? g_newref(mod) : NULL;
    GObject *qn = g_dict_get_str(t->dict, "__qualname__");
    if (qn && !g_is_str(qn)) {
        g_raise(&GExc_TypeError, "type __qualname__ must be a str, not %T", qn);
        return -1;
    }
    t->heap_qualname = g_newref(qn ? qn : name);
    if (qn && g_dict_del(t->dict, g_str_intern("__qualname__")) < 0)
        return -1;
    if (!g_dict_get_str(t->dict, "__doc__") && g_dict_set_str(t->dict, "__doc__", G_NONE) < 0)
        return -1;
    t->mro = g_mro_compute(t, bases);
    return t->mro ? 0 : -1;
}

/* type.__new__(meta, name, bases, ns): a class whose type is meta.  The layout base
 * and the MRO come from mro.c; the slots from g_type_update_slots. */
GObject *g_type_new_heap(GType *meta, GObject *name, GObject *bases, GObject *ns)
{
    GObject *own_bases = G_TUPLE_SIZE(bases) ? g_newref(bases) : g_tuple_pack(1, (GObject *)&GObject_type);
    if (!own_bases)
        return NULL;
    GType *base = g_best_base(own_bases);
    if (!base) {
        g_decref(own_bases);
        return NULL;
    }
    G_ASSERT(meta->basicsize >= sizeof(GType));
    GType *t = (GType *)g_object_alloc(meta, meta->basicsize);
    if (!t) {
        g_decref(own_bases);
        return g_no_memory();
    }
    memcpy((char *)t + sizeof(GObject), (char *)base + sizeof(GObject), sizeof(GType) - sizeof(GObject));
    memset((char *)t + sizeof(GType), 0, meta->basicsize - sizeof(GType));
    int r = init_heap_type(t, base, name, own_bases, ns);
    g_decref(own_bases);
    if (r < 0) {
        g_decref((GObject *)t);
        return NULL;
    }
    GObject *cell = take_classcell(t->dict);
    g_type_update_slots(t);
    if (register_subclass(t) < 0) {
        g_xdecref(cell);
        g_decref((GObject *)t);
        return NULL;
    }
    if (cell && G_TYPE(cell) == &GCell_type)
        g_cell_store((GCell *)cell, g_newref((GObject *)t));
    g_xdecref(cell);
    return (GObject *)t;
}

/* Each attribute value whose type has __set_name__ learns its owner and name. */
static int call_set_names(GType *t)
{
    GDictEntry *e;
    int64_t n;
    if (g_dict_snapshot(t->dict, &e, &n) < 0)
        return -1;
    int r = 0;
    GObject *set_name = g_str_intern("__set_name__");
    for (int64_t i = 0; i < n && r == 0; i++) {
        if (!(G_TYPE(e[i].value)->flags & G_TPFLAG_HEAPTYPE))
            continue;   /* no built-in value has __set_name__ */
        GObject *f = g_lookup_special(e[i].value, set_name);
        if (!f) {
            r = g_err_occurred() ? -1 : 0;
            continue;
        }
        GObject *args[2] = { (GObject *)t, e[i].key };
        GObject *res = g_call(f, args, 2, NULL);
        g_decref(f);
        if (!res) {
            r = -1;
        } else {
            g_decref(res);
        }
    }
    g_dict_snapshot_free(e, n);
    return r;
}

/* super(t, t).__init_subclass__(**kw): the first base class that defines it;
 * object's takes no keywords. */
static int call_init_subclass(GType *t, GObject *const *kwvalues, GObject *kwnames)
{
    GTuple *m = (GTuple *)t->mro;
    GObject *name = g_str_intern("__init_subclass__");
    for (int64_t i = 1; i < m->size; i++) {
        GType *b = (GType *)m->items[i];
        GObject *v = g_dict_get_interned(b->dict, name);
        if (!v)
            continue;
        GObject *bound = G_TYPE(v)->tp_descr_get ? G_TYPE(v)->tp_descr_get(v, NULL, t) : g_newref(v);
        if (!bound)
            return -1;
        size_t nkw = kwnames ? (size_t)G_TUPLE_SIZE(kwnames) : 0;
        GObject *r = g_call(bound, kwvalues, nkw, nkw ? kwnames : NULL);
        g_decref(bound);
        if (!r)
            return -1;
        g_decref(r);
        return 0;
    }
    return 0;
}

GObject *g_type_new_full(GType *meta, GObject *name, GObject *bases, GObject *ns,
                         GObject *const *kwvalues, GObject *kwnames)
{
    GObject *t = g_type_new_heap(meta, name, bases, ns);
    if (!t)
        return NULL;
    if (call_set_names((GType *)t) < 0 || call_init_subclass((GType *)t, kwvalues, kwnames) < 0) {
        g_decref(t);
        return NULL;
    }
    return t;
}

/* The metaclass of a class with these bases: the most derived of `meta` (the
 * metaclass= keyword, or type) and the bases' types.  Each must be a subclass of
 * the winner, or the metaclasses conflict. */
static GType *calculate_meta(GType *meta, GObject *bases)
{
    GType *winner = meta;
    for (int64_t i = 0; i < G_TUPLE_SIZE(bases); i++) {
        GType *bt = G_TYPE(G_TUPLE_ITEM(bases, i));
        if (g_type_is_subtype(winner, bt))
            continue;
        if (g_type_is_subtype(bt, winner)) {
            winner = bt;
            continue;
        }
        g_raise(&GExc_TypeError, "metaclass conflict: the metaclass of a derived class must be a "
                                 "(non-strict) subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

/* The keywords of a class statement, apart from metaclass=. */
typedef struct {
    GObject *meta;           /* borrowed, or NULL */
    GObject *kwnames;        /* new ref, or NULL when none are left */
    GObject **values;        /* g_mem_alloc'ed, or NULL */
} ClassKw;

static int split_class_kw(GObject *const *kwvalues, GObject *kwnames, ClassKw *out)
{
    *out = (ClassKw){ NULL, NULL, NULL };
    int64_t n = kwnames ? G_TUPLE_SIZE(kwnames) : 0;
    int64_t rest = 0;
    for (int64_t i = 0; i < n; i++) {
        if (g_str_eq_cstr(G_TUPLE_ITEM(kwnames, i), "metaclass"))
            out->meta = kwvalues[i];
        else
            rest++;
    }
    if (rest == 0)
        return 0;
    out->kwnames = g_tuple_new(rest);
    out->values = g_mem_alloc((size_t)rest * sizeof(GObject *));
    if (!out->kwnames || !out->values) {
        g_xdecref(out->kwnames);
        g_mem_free(out->values);
        g_no_memory();
        return -1;
    }
    int64_t j = 0;
    for (int64_t i = 0; i < n; i++) {
        if (g_str_eq_cstr(G_TUPLE_ITEM(kwnames, i), "metaclass"))
            continue;
        G_TUPLE_ITEM(out->kwnames, j) = g_newref(G_TUPLE_ITEM(kwnames, i));
        out->values[j++] = kwvalues[i];
    }
    return 0;
}

static void class_kw_free(ClassKw *k)
{
    g_xdecref(k->kwnames);
    g_mem_free(k->values);
}

/* f(*pos, **kw), the keywords being a class statement's. */
static GObject *call_with_class_kw(GObject *f, GObject *const *pos, size_t npos, const ClassKw *kw)
{
    size_t nkw = kw->kwnames ? (size_t)G_TUPLE_SIZE(kw->kwnames) : 0;
    GObject *small[10];
    GObject **args = npos + nkw <= 10 ? small : g_mem_alloc((npos + nkw) * sizeof(GObject *));
    if (!args)
        return g_no_memory();
    memcpy(args, pos, npos * sizeof(GObject *));
    if (nkw)
        memcpy(args + npos, kw->values, nkw * sizeof(GObject *));
    GObject *r = g_call(f, args, npos + nkw, kw->kwnames);
    if (args != small)
        g_mem_free(args);
    return r;
}

/* metaclass.__prepare__(name, bases, **kw) if a metaclass written in Python has
 * one; a new dict otherwise.  New reference. */
static GObject *prepare_namespace(GObject *meta, GObject *name, GObject *bases, const ClassKw *kw)
{
    GObject *prep = g_is_type(meta) ? heap_defines((GType *)meta, "__prepare__") : NULL;
    if (!prep)
        return g_dict_new();
    GObject *f = g_getattr(meta, g_str_intern("__prepare__"));
    if (!f)
        return NULL;
    GObject *pos[2] = { name, bases };
    GObject *ns = call_with_class_kw(f, pos, 2, kw);
    g_decref(f);
    if (ns && !g_is_dict(ns)) {
        g_raise(&GExc_TypeError, "gilt: %s.__prepare__() must return a dict, not %T",
                ((GType *)meta)->name, ns);
        G_CLEAR(ns);
    }
    return ns;
}

/* __build_class__(func, name, *bases, **kw): pick the metaclass, prepare the
 * namespace, run the class body into it, then call the metaclass. */
GObject *g_build_class(GObject *func, GObject *name, GObject *const *bases, size_t nbases, GObject *kwnames)
{
    ClassKw kw;
    if (split_class_kw(bases + nbases, kwnames, &kw) < 0)
        return NULL;
    GObject *cls = NULL, *ns = NULL;
    GObject *bt = g_tuple_from_array(bases, (int64_t)nbases);
    if (!bt)
        goto done;
    GObject *meta = kw.meta;
    if (!meta)
        meta = nbases ? (GObject *)G_TYPE(bases[0]) : (GObject *)&GType_type;
    if (g_is_type(meta)) {
        GType *m = calculate_meta((GType *)meta, bt);
        if (!m)
            goto done;
        meta = (GObject *)m;
    }
    ns = prepare_namespace(meta, name, bt, &kw);
    if (!ns)
        goto done;
    GObject *r = g_eval_class_body((GFunction *)func, ns);
    if (!r)
        goto done;
    g_decref(r);
    GObject *pos[3] = { name, bt, ns };
    if (meta == (GObject *)&GType_type)
        cls = g_type_new_full(&GType_type, name, bt, ns, kw.values, kw.kwnames);
    else
        cls = call_with_class_kw(meta, pos, 3, &kw);
    /* a class statement that runs once per load of its file is deferred like its
     * body's function (the defined-once rule, compile/compiler_internal.h); a class
     * made in a function, a loop, by exec or by type() is counted and collected */
    if (cls && g_is_type(cls) && g_is_deferred(func))
        g_set_deferred(cls);
done:
    g_xdecref(bt);
    g_xdecref(ns);
    class_kw_free(&kw);
    return cls;
}
