/* abstract.c -- operations on any object: the protocols behind Python's syntax.
 *
 * Each function here looks at the operands' type slots and does what Python does
 * for the corresponding expression: g_binary_op is `a + b` (try a's slot, then b's,
 * honouring subclasses first), g_richcompare is `a < b` (with the reflected
 * comparison as fallback, and identity for == and != as a last resort), g_getitem
 * is `a[k]`, g_iter is `iter(a)`, g_call is `f(...)`, and so on.  The eval loop calls
 * these for everything it has no fast path for.
 */
#include <math.h>
#include <string.h>

#include "objects/objects.h"
#include "runtime/runtime.h"
#include "vm/vm.h"

/* ====================================================================================
 * Text
 * ==================================================================================== */

GObject *g_repr(GObject *o)
{
    if (g_enter_recursion(" while getting the repr of an object") < 0)
        return NULL;
    GUnaryFn f = G_TYPE(o)->tp_repr;
    GObject *r = f ? f(o) : g_object_repr_default(o);
    g_leave_recursion();
    return r;
}

GObject *g_str(GObject *o)
{
    if (G_TYPE(o) == &GStr_type)
        return g_newref(o);
    GUnaryFn f = G_TYPE(o)->tp_str;
    if (!f)
        return g_repr(o);
    if (g_enter_recursion(" while getting the str of an object") < 0)
        return NULL;
    GObject *r = f(o);
    g_leave_recursion();
    return r;
}

GObject *g_ascii(GObject *o)
{
    GObject *r = g_repr(o);
    if (!r)
        return NULL;
    if (r->ob_flags & G_STR_ASCII)
        return r;
    GBuf b;
    g_buf_init(&b);
    const char *s = g_str_data(r);
    int64_t n = g_str_nbytes(r);
    for (int64_t i = 0; i < n;) {
        uint32_t cp;
        int k = g_utf8_decode(s + i, (size_t)(n - i), &cp);
        if (k <= 0)
            k = 1, cp = (unsigned char)s[i];
        if (cp < 0x80)
            g_buf_putc(&b, (char)cp);
        else if (cp < 0x100)
            g_buf_printf(&b, "\\x%02x", cp);
        else if (cp < 0x10000)
            g_buf_printf(&b, "\\u%04x", cp);
        else
            g_buf_printf(&b, "\\U%08x", cp);
        i += k;
    }
    g_decref(r);
    return g_buf_finish(&b);
}

const char *g_type_name(GObject *o) { return G_TYPE(o)->name; }

GObject *g_type_name_obj(GObject *o) { return g_str_from_cstr(G_TYPE(o)->name); }

/* ====================================================================================
 * Hashing, truth, comparison
 * ==================================================================================== */

int64_t g_hash(GObject *o)
{
    GType *t = G_TYPE(o);
    if (t == &GStr_type)
        return g_str_hash(o);
    if (!t->tp_hash) {
        g_raise(&GExc_TypeError, "unhashable type: '%T'", o);
        return -1;
    }
    return t->tp_hash(o);
}

int g_truthy(GObject *o)
{
    if (o == G_TRUE)
        return 1;
    if (o == G_FALSE || o == G_NONE)
        return 0;
    GType *t = G_TYPE(o);
    if (t->nb_bool)
        return t->nb_bool(o);
    if (t->sq_len) {
        ssize_t n = t->sq_len(o);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

static const GCmpOp swapped_op[] = { CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_LT, CMP_LE };
static const char *const op_symbol[] = { "<", "<=", "==", "!=", ">", ">=" };

/* The general way: the reflected slot first if b's type is a subtype of a's, then
 * a's slot, then b's reflected one, then identity for == and !=. */
static GObject *richcompare_slots(GObject *a, GObject *b, GCmpOp op)
{
    GType *ta = G_TYPE(a), *tb = G_TYPE(b);
    bool checked_reverse = false;
    if (g_enter_recursion(" in comparison") < 0)
        return NULL;
    GObject *r;
    if (ta != tb && g_type_is_subtype(tb, ta) && tb->tp_richcompare) {
        checked_reverse = true;
        r = tb->tp_richcompare(b, a, swapped_op[op]);
        if (r != G_NOTIMPL)
            goto done;
        g_decref(r);
    }
    if (ta->tp_richcompare) {
        r = ta->tp_richcompare(a, b, op);
        if (r != G_NOTIMPL)
            goto done;
        g_decref(r);
    }
    if (!checked_reverse && tb->tp_richcompare) {
        r = tb->tp_richcompare(b, a, swapped_op[op]);
        if (r != G_NOTIMPL)
            goto done;
        g_decref(r);
    }
    if (op == CMP_EQ)
        r = g_bool(a == b);
    else if (op == CMP_NE)
        r = g_bool(a != b);
    else
        r = g_raise(&GExc_TypeError, "'%s' not supported between instances of '%T' and '%T'", op_symbol[op], a, b);
done:
    g_leave_recursion();
    return r;
}

GObject *g_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    int leaf = g_compare_leaves(a, b, op);
    return leaf >= 0 ? g_bool(leaf) : richcompare_slots(a, b, op);
}

int g_richcompare_bool(GObject *a, GObject *b, GCmpOp op)
{
    int leaf = g_compare_leaves(a, b, op);
    if (leaf >= 0)
        return leaf;
    GObject *r = richcompare_slots(a, b, op);
    if (!r)
        return -1;
    int t = g_truthy(r);
    g_decref(r);
    return t;
}

int g_eq(GObject *a, GObject *b)
{
    if (a == b)
        return 1;
    return g_richcompare_bool(a, b, CMP_EQ);
}

/* ====================================================================================
 * Arithmetic
 * ==================================================================================== */

static const char *const binop_symbol[NB_COUNT] = {
    "+", "-", "*", "/", "//", "%", "** or pow()", "<<", ">>", "&", "|", "^", "@",
};
static const char *const inplace_symbol[NB_COUNT] = {
    "+=", "-=", "*=", "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=", "@=",
};

/* str, list and tuple concatenate and repeat through what CPython calls sequence
 * slots, which it tries after both operands' number slots: in [0] + x and 'a' * x,
 * x's __radd__ / __rmul__ goes first (collections.UserList and UserString rely on
 * it). */
static bool seq_op_defers(GBinaryFn fa, GBinOp op)
{
    return (op == NB_ADD || op == NB_MUL) &&
           (fa == GStr_type.nb[op] || fa == GList_type.nb[op] || fa == GTuple_type.nb[op]);
}

/* The value of an exact float or an exact int that fits in a word, as a double
 * (false: neither).  An int64's conversion rounds to nearest, as int.__float__ does. */
static inline bool plain_number(GObject *o, double *out)
{
    GType *t = G_TYPE(o);
    if (t == &GFloat_type) {
        *out = g_float_value(o);
        return true;
    }
    if (t == &GInt_type && g_int_is_small(o)) {
        *out = (double)g_int_small_value(o);
        return true;
    }
    return false;
}

static GObject *binary_op1(GObject *a, GObject *b, GBinOp op)
{
    /* arithmetic with a float and a float or small int: what float's slots would
     * compute (g_float_binop), without looking for them */
    double x, y;
    if (op <= NB_POW && (G_TYPE(a) == &GFloat_type || G_TYPE(b) == &GFloat_type) &&
        plain_number(a, &x) && plain_number(b, &y))
        return g_float_binop(x, y, op);
    GBinaryFn fa = G_TYPE(a)->nb[op];
    GBinaryFn fb = G_TYPE(b) != G_TYPE(a) ? G_TYPE(b)->nb[op] : NULL;
    if (fb == fa)
        fb = NULL;
    if (fa) {
        if (fb && (g_type_is_subtype(G_TYPE(b), G_TYPE(a)) || seq_op_defers(fa, op))) {
            GObject *r = fb(a, b);
            if (r != G_NOTIMPL)
                return r;
            g_decref(r);
            fb = NULL;
        }
        GObject *r = fa(a, b);
        if (r != G_NOTIMPL)
            return r;
        g_decref(r);
    }
    if (fb)
        return fb(a, b);
    return g_newref(G_NOTIMPL);
}

static GObject *binop_type_error(GObject *a, GObject *b, GBinOp op, bool inplace)
{
    if (op == NB_ADD && g_is_str(a) && !inplace)
        return g_raise(&GExc_TypeError, "can only concatenate str (not \"%T\") to str", b);
    if (op == NB_ADD && g_is_list(a) && !inplace)
        return g_raise(&GExc_TypeError, "can only concatenate list (not \"%T\") to list", b);
    return g_raise(&GExc_TypeError, "unsupported operand type(s) for %s: '%T' and '%T'",
                   inplace ? inplace_symbol[op] : binop_symbol[op], a, b);
}

GObject *g_binary_op(GObject *a, GObject *b, GBinOp op)
{
    GObject *r = binary_op1(a, b, op);
    if (r == G_NOTIMPL) {
        g_decref(r);
        if (op == NB_MUL) {
            bool seq_a = g_is_str(a) || g_is_list(a) || g_is_tuple(a);
            bool seq_b = g_is_str(b) || g_is_list(b) || g_is_tuple(b);
            if (seq_a && !G_TYPE(b)->nb_index)
                return g_raise(&GExc_TypeError, "can't multiply sequence by non-int of type '%T'", b);
            if (seq_b && !G_TYPE(a)->nb_index)
                return g_raise(&GExc_TypeError, "can't multiply sequence by non-int of type '%T'", a);
        }
        return binop_type_error(a, b, op, false);
    }
    return r;
}

GObject *g_inplace_op(GObject *a, GObject *b, GBinOp op)
{
    GBinaryFn f = G_TYPE(a)->nb_inplace[op];
    if (f) {
        GObject *r = f(a, b);
        if (r != G_NOTIMPL)
            return r;
        g_decref(r);
    }
    GObject *r = binary_op1(a, b, op);
    if (r == G_NOTIMPL) {
        g_decref(r);
        return binop_type_error(a, b, op, true);
    }
    return r;
}

#define UNARY(NAME, SLOT, SYM) \
    GObject *NAME(GObject *o) \
    { \
        GUnaryFn f = G_TYPE(o)->SLOT; \
        if (!f) \
            return g_raise(&GExc_TypeError, "bad operand type for " SYM ": '%T'", o); \
        return f(o); \
    }
UNARY(g_unary_neg, nb_neg, "unary -")
UNARY(g_unary_pos, nb_pos, "unary +")
UNARY(g_unary_invert, nb_invert, "unary ~")
UNARY(g_abs, nb_abs, "abs()")

GObject *g_number_to_int(GObject *o)
{
    GType *t = G_TYPE(o);
    if (t == &GInt_type)
        return g_newref(o);
    if (g_is_str(o))
        return g_int_from_string(g_str_data(o), (size_t)g_str_nbytes(o), 10);
    if (t->nb_int) {
        GObject *r = t->nb_int(o);
        if (r && !g_is_int(r)) {
            g_raise(&GExc_TypeError, "__int__ returned non-int (type %T)", r);
            G_CLEAR(r);
        }
        return r;
    }
    if (t->nb_index)
        return t->nb_index(o);
    GObject *trunc = g_lookup_special(o, g_str_intern("__trunc__"));
    if (trunc) {
        GObject *r = g_call0(trunc);
        g_decref(trunc);
        return r;
    }
    return g_raise(&GExc_TypeError, "int() argument must be a string, a bytes-like object or a real number, not '%T'", o);
}

GObject *g_number_to_float(GObject *o)
{
    GType *t = G_TYPE(o);
    if (t == &GFloat_type)
        return g_newref(o);
    if (g_is_str(o))
        return g_float_from_string(o);
    if (t->nb_float) {
        GObject *r = t->nb_float(o);
        if (r && !g_is_float(r)) {
            g_raise(&GExc_TypeError, "%T.__float__ returned non-float (type %T)", o, r);
            G_CLEAR(r);
        }
        return r;
    }
    if (t->nb_index) {
        GObject *i = t->nb_index(o);
        if (!i)
            return NULL;
        GObject *r = t == &GInt_type || g_is_int(i) ? g_float_new(g_int_as_double(i)) : NULL;
        g_decref(i);
        if (g_err_occurred())
            G_CLEAR(r);
        return r;
    }
    return g_raise(&GExc_TypeError, "float() argument must be a string or a real number, not '%T'", o);
}

/* ====================================================================================
 * Attributes
 * ==================================================================================== */

GObject *g_getattr(GObject *o, GObject *name)
{
    GType *t = G_TYPE(o);
    if (!t->tp_getattr)
        return g_generic_getattr(o, name);
    return t->tp_getattr(o, name);
}

GObject *g_getattr_str(GObject *o, const char *name)
{
    GObject *n = g_str_intern(name);
    return n ? g_getattr(o, n) : NULL;
}

GObject *g_getattr_opt(GObject *o, GObject *name)
{
    GObject *r = g_getattr(o, name);
    if (!r && g_err_matches(&GExc_AttributeError))
        g_err_clear();
    return r;
}

int g_setattr(GObject *o, GObject *name, GObject *value)
{
    GType *t = G_TYPE(o);
    if (!t->tp_setattr) {
        if (g_type_lookup(t, name))
            g_raise(&GExc_AttributeError, "'%T' object attribute '%U' is read-only", o, name);
        else
            g_raise(&GExc_AttributeError, "'%T' object has no attribute '%U'", o, name);
        return -1;
    }
    return t->tp_setattr(o, name, value);
}

int g_delattr(GObject *o, GObject *name) { return g_setattr(o, name, NULL); }

/* ====================================================================================
 * Containers
 * ==================================================================================== */

GObject *g_getitem(GObject *o, GObject *key)
{
    GType *t = G_TYPE(o);
    if (t->mp_getitem)
        return t->mp_getitem(o, key);
    if (g_is_type(o)) {
        /* cls[key] calls cls.__class_getitem__(key): a plain function there is an
         * implicit classmethod (as in CPython), anything else is bound as found */
        GObject *cg = g_type_lookup((GType *)o, g_str_intern("__class_getitem__"));
        if (cg && G_TYPE(cg) == &GFunction_type)
            return g_call2(cg, o, key);
        if (cg && G_TYPE(cg)->tp_descr_get) {
            GObject *bound = G_TYPE(cg)->tp_descr_get(cg, NULL, (GType *)o);
            if (!bound)
                return NULL;
            GObject *r = g_call1(bound, key);
            g_decref(bound);
            return r;
        }
        if (cg)
            return g_call1(cg, key);
        GObject *alias = g_generic_alias_new(o, key);   /* list[int], dict[str, int] */
        if (alias || g_err_occurred())
            return alias;
        return g_raise(&GExc_TypeError, "type '%s' is not subscriptable", ((GType *)o)->name);
    }
    return g_raise(&GExc_TypeError, "'%T' object is not subscriptable", o);
}

int g_setitem(GObject *o, GObject *key, GObject *value)
{
    GType *t = G_TYPE(o);
    if (t->mp_setitem)
        return t->mp_setitem(o, key, value);
    g_raise(&GExc_TypeError, "'%T' object does not support item assignment", o);
    return -1;
}

int g_delitem(GObject *o, GObject *key)
{
    GType *t = G_TYPE(o);
    if (t->mp_setitem)
        return t->mp_setitem(o, key, NULL);
    g_raise(&GExc_TypeError, "'%T' object does not support item deletion", o);
    return -1;
}

int g_contains(GObject *container, GObject *item)
{
    GType *t = G_TYPE(container);
    if (t->sq_contains)
        return t->sq_contains(container, item);
    if (!t->tp_iter && !t->mp_getitem) {
        g_raise(&GExc_TypeError, "argument of type '%T' is not iterable", container);
        return -1;
    }
    GObject *it = g_iter(container);
    if (!it)
        return -1;
    GObject *v;
    while ((v = g_next(it))) {
        int eq = g_eq(v, item);
        g_decref(v);
        if (eq) {
            g_decref(it);
            return eq;
        }
    }
    g_decref(it);
    return g_err_occurred() ? -1 : 0;
}

int64_t g_len(GObject *o)
{
    GType *t = G_TYPE(o);
    if (!t->sq_len) {
        g_raise(&GExc_TypeError, "object of type '%T' has no len()", o);
        return -1;
    }
    return t->sq_len(o);
}

GObject *g_iter(GObject *o)
{
    GType *t = G_TYPE(o);
    if (t->tp_iter)
        return t->tp_iter(o);
    if (t->mp_getitem && !g_is_dict(o))
        return g_seqiter_new(o);
    return g_raise(&GExc_TypeError, "'%T' object is not iterable", o);
}

GObject *g_next(GObject *it)
{
    GUnaryFn f = G_TYPE(it)->tp_iternext;
    if (!f)
        return g_raise(&GExc_TypeError, "'%T' object is not an iterator", it);
    return f(it);
}

/* Unpack an iterable into out[0 .. before + after (+1 if starred)). */
int g_unpack_iterable(GObject *seq, int64_t before, int64_t after, bool starred, GObject **out)
{
    int64_t want = before + after;
    /* the common case, an exact tuple or (with no other thread to change it) list of
     * the right size: no reference to the sequence itself, no copy */
    GType *t = G_TYPE(seq);
    if (!starred && (t == &GTuple_type || (t == &GList_type && !g_concurrent()))) {
        int64_t n = t == &GTuple_type ? G_TUPLE_SIZE(seq) : G_LIST_SIZE(seq);
        if (n == want) {
            GObject **items = t == &GTuple_type ? ((GTuple *)seq)->items : ((GList *)seq)->items;
            for (int64_t i = 0; i < n; i++)
                out[i] = g_newref(items[i]);
            return 0;
        }
    }
    if ((g_is_tuple(seq) || g_is_list(seq)) && !starred) {
        /* with other threads running, a list is copied in one step under its lock */
        GObject *t = g_is_list(seq) && g_concurrent() ? g_list_as_tuple(seq) : g_newref(seq);
        if (!t)
            return -1;
        int64_t n = g_is_tuple(t) ? G_TUPLE_SIZE(t) : G_LIST_SIZE(t);
        GObject **items = g_is_tuple(t) ? ((GTuple *)t)->items : ((GList *)t)->items;
        if (n != want) {
            g_decref(t);
            if (n < want)
                g_raise(&GExc_ValueError, "not enough values to unpack (expected %zd, got %zd)", (ssize_t)want, (ssize_t)n);
            else
                g_raise(&GExc_ValueError, "too many values to unpack (expected %zd)", (ssize_t)want);
            return -1;
        }
        for (int64_t i = 0; i < n; i++)
            out[i] = g_newref(items[i]);
        g_decref(t);
        return 0;
    }
    GObject *it = g_iter(seq);
    if (!it) {
        if (g_err_matches(&GExc_TypeError) && !G_TYPE(seq)->tp_iter && !G_TYPE(seq)->mp_getitem) {
            g_err_clear();
            g_raise(&GExc_TypeError, "cannot unpack non-iterable %T object", seq);
        }
        return -1;
    }
    int64_t i = 0;
    for (; i < before; i++) {
        out[i] = g_next(it);
        if (!out[i]) {
            if (!g_err_occurred()) {
                if (starred)
                    g_raise(&GExc_ValueError, "not enough values to unpack (expected at least %zd, got %zd)", (ssize_t)want, (ssize_t)i);
                else
                    g_raise(&GExc_ValueError, "not enough values to unpack (expected %zd, got %zd)", (ssize_t)want, (ssize_t)i);
            }
            goto fail;
        }
    }
    if (!starred) {
        GObject *extra = g_next(it);
        if (extra) {
            g_decref(extra);
            g_raise(&GExc_ValueError, "too many values to unpack (expected %zd)", (ssize_t)want);
            goto fail;
        }
        if (g_err_occurred())
            goto fail;
        g_decref(it);
        return 0;
    }
    GObject *rest = g_list_from_iterable(it);
    if (!rest)
        goto fail;
    if (G_LIST_SIZE(rest) < after) {
        g_raise(&GExc_ValueError, "not enough values to unpack (expected at least %zd, got %zd)",
                (ssize_t)want, (ssize_t)(before + G_LIST_SIZE(rest)));
        g_decref(rest);
        goto fail;
    }
    int64_t keep = G_LIST_SIZE(rest) - after;
    for (int64_t j = 0; j < after; j++)
        out[before + 1 + j] = G_LIST_ITEM(rest, keep + j);
    atomic_store_explicit(&((GList *)rest)->size, keep, memory_order_relaxed);   /* (rest is ours alone) */
    out[before] = rest;
    g_decref(it);
    return 0;
fail:
    for (int64_t j = 0; j < i; j++)
        g_decref(out[j]);
    g_decref(it);
    return -1;
}

/* ====================================================================================
 * Calls
 * ==================================================================================== */

bool g_callable(GObject *o) { return G_TYPE(o)->tp_call != NULL; }

/* How error messages name a callable: "mod.qualname()", or "qualname()" for
 * built-ins (CPython's _PyObject_FunctionStr). */
GObject *g_function_str(GObject *f)
{
    if (G_TYPE(f) == &GBoundMethod_type)
        f = ((GBoundMethod *)f)->func;
    GObject *qn = g_getattr_opt(f, g_str_intern("__qualname__"));
    if (!qn) {
        g_err_clear();
        return g_format("%T object", f);
    }
    GObject *mod = g_getattr_opt(f, g_str_intern("__module__"));
    g_err_clear();
    GObject *r;
    if (mod && g_is_str(mod) && !g_str_eq_cstr(mod, "builtins"))
        r = g_format("%U.%U()", mod, qn);
    else
        r = g_format("%U()", qn);
    g_xdecref(mod);
    g_decref(qn);
    return r;
}

GObject *g_call(GObject *f, GObject *const *args, size_t nargs, GObject *kwnames)
{
    GCallFn call = G_TYPE(f)->tp_call;
    if (!call)
        return g_raise(&GExc_TypeError, "'%T' object is not callable", f);
    return call(f, args, nargs, kwnames);
}

GObject *g_call0(GObject *f) { return g_call(f, NULL, 0, NULL); }
GObject *g_call1(GObject *f, GObject *a) { return g_call(f, &a, 1, NULL); }
GObject *g_call2(GObject *f, GObject *a, GObject *b)
{
    GObject *args[2] = { a, b };
    return g_call(f, args, 2, NULL);
}

/* f(*args, **kwargs).  The keyword values are taken with references of their own:
 * kwargs may be a dict another thread changes while f runs. */
GObject *g_call_tuple_dict(GObject *f, GObject *args, GObject *kwargs)
{
    int64_t npos = G_TUPLE_SIZE(args);
    int64_t nkw = kwargs ? g_dict_size(kwargs) : 0;
    if (nkw == 0)
        return g_call(f, ((GTuple *)args)->items, (size_t)npos, NULL);
    GObject **all = g_mem_alloc((size_t)(npos + nkw) * sizeof(GObject *));
    GObject *names = g_tuple_new(nkw);
    if (!all || !names) {
        g_mem_free(all);
        g_xdecref(names);
        return g_no_memory();
    }
    memcpy(all, ((GTuple *)args)->items, (size_t)npos * sizeof(GObject *));
    int64_t pos = 0, i = 0;
    GObject *k, *v;
    while (i < nkw && g_dict_next(kwargs, &pos, &k, &v)) {
        G_TUPLE_ITEM(names, i) = g_newref(k);
        all[npos + i] = g_newref(v);
        i++;
    }
    GObject *r = NULL;
    if (i == nkw)
        r = g_call(f, all, (size_t)(npos + nkw), names);
    else
        g_raise(&GExc_RuntimeError, "dictionary changed size during iteration");
    for (int64_t j = 0; j < i; j++)
        g_decref(all[npos + j]);
    g_mem_free(all);
    g_decref(names);
    return r;
}

GObject *g_call_method(GObject *o, const char *name, GObject *const *args, size_t nargs)
{
    GObject *m = g_getattr_str(o, name);
    if (!m)
        return NULL;
    GObject *r = g_call(m, args, nargs, NULL);
    g_decref(m);
    return r;
}

/* ====================================================================================
 * Argument parsing for C functions
 * ==================================================================================== */

int g_check_nargs(const char *fname, size_t nargs, size_t min, size_t max)
{
    if (nargs >= min && nargs <= max)
        return 0;
    if (min == max) {
        if (min == 0)
            g_raise(&GExc_TypeError, "%s() takes no arguments (%zd given)", fname, (ssize_t)nargs);
        else if (min == 1)
            g_raise(&GExc_TypeError, "%s() takes exactly one argument (%zd given)", fname, (ssize_t)nargs);
        else
            g_raise(&GExc_TypeError, "%s expected %zd arguments, got %zd", fname, (ssize_t)min, (ssize_t)nargs);
    } else if (nargs < min) {
        g_raise(&GExc_TypeError, "%s expected at least %zd argument%s, got %zd", fname, (ssize_t)min,
                min == 1 ? "" : "s", (ssize_t)nargs);
    } else {
        g_raise(&GExc_TypeError, "%s expected at most %zd argument%s, got %zd", fname, (ssize_t)max,
                max == 1 ? "" : "s", (ssize_t)nargs);
    }
    return -1;
}

int g_no_kwargs(const char *fname, GObject *kwnames)
{
    if (kwnames && G_TUPLE_SIZE(kwnames) > 0) {
        g_raise(&GExc_TypeError, "%s() takes no keyword arguments", fname);
        return -1;
    }
    return 0;
}

int g_parse_args(const char *fname, GObject *const *args, size_t nargs, GObject *kwnames,
                 const char *const *names, size_t min_pos, GObject **out)
{
    size_t nnames = 0;
    while (names[nnames])
        nnames++;
    size_t nkw = kwnames ? (size_t)G_TUPLE_SIZE(kwnames) : 0;
    size_t npos = nargs - nkw;
    if (npos > nnames) {
        g_raise(&GExc_TypeError, "%s() takes at most %zd argument%s (%zd given)", fname, (ssize_t)nnames,
                nnames == 1 ? "" : "s", (ssize_t)npos);
        return -1;
    }
    for (size_t i = 0; i < nnames; i++)
        out[i] = i < npos ? args[i] : NULL;
    for (size_t k = 0; k < nkw; k++) {
        GObject *kn = G_TUPLE_ITEM(kwnames, k);
        size_t i = 0;
        while (i < nnames && !g_str_eq_cstr(kn, names[i]))
            i++;
        if (i == nnames) {
            g_raise(&GExc_TypeError, "%s() got an unexpected keyword argument '%U'", fname, kn);
            return -1;
        }
        if (out[i]) {
            g_raise(&GExc_TypeError, "argument for %s() given by name ('%s') and position (%zd)", fname, names[i], (ssize_t)(i + 1));
            return -1;
        }
        out[i] = args[npos + k];
    }
    for (size_t i = 0; i < min_pos; i++)
        if (!out[i]) {
            g_raise(&GExc_TypeError, "%s() missing required argument '%s' (pos %zd)", fname, names[i], (ssize_t)(i + 1));
            return -1;
        }
    return 0;
}
