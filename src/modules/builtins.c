/* builtins.c -- the builtins module: print, len, sorted, isinstance, ...
 *
 * Each built-in function is a C function with the uniform calling convention
 * (objects/object.h).  The built-in types (int, list, dict, ...) and exceptions are
 * entered into the module's dict by name, so `int("3")` calls the type object.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compiler.h"
#include "modules/modules.h"
#include "objects/file.h"
#include "objects/objects.h"
#include "runtime/blockio.h"
#include "runtime/runtime.h"
#include "vm/vm.h"

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw
#define UNUSED_SELF (void)self


/* ---- output ---- */

static GObject *builtin_print(ARGS)
{
    UNUSED_SELF;
    size_t nkw = kw ? (size_t)G_TUPLE_SIZE(kw) : 0;
    size_t npos = nargs - nkw;
    GObject *sep = NULL, *end = NULL, *file = NULL, *flush = NULL;
    for (size_t i = 0; i < nkw; i++) {
        GObject *k = G_TUPLE_ITEM(kw, i), *v = args[npos + i];
        if (g_str_eq_cstr(k, "sep")) sep = v;
        else if (g_str_eq_cstr(k, "end")) end = v;
        else if (g_str_eq_cstr(k, "file")) file = v;
        else if (g_str_eq_cstr(k, "flush")) flush = v;
        else return g_raise(&GExc_TypeError, "'%U' is an invalid keyword argument for print()", k);
    }
    if (sep == G_NONE) sep = NULL;
    if (end == G_NONE) end = NULL;
    if (sep && !g_is_str(sep))
        return g_raise(&GExc_TypeError, "sep must be None or a string, not %T", sep);
    if (end && !g_is_str(end))
        return g_raise(&GExc_TypeError, "end must be None or a string, not %T", end);
    if (!file || file == G_NONE)
        file = g_sys_stdout();
    GBuf b;
    g_buf_init(&b);
    for (size_t i = 0; i < npos; i++) {
        if (i)
            g_buf_put(&b, sep ? g_str_data(sep) : " ", sep ? (size_t)g_str_nbytes(sep) : 1);
        GObject *s = g_str(args[i]);
        if (!s) {
            g_buf_free(&b);
            return NULL;
        }
        g_buf_put_obj(&b, s);
        g_decref(s);
    }
    g_buf_put(&b, end ? g_str_data(end) : "\n", end ? (size_t)g_str_nbytes(end) : 1);
    GObject *text = g_buf_finish(&b);
    if (!text)
        return NULL;
    int r = g_file_write(file, text);
    g_decref(text);
    if (r < 0)
        return NULL;
    if (flush && flush != G_FALSE && flush != G_NONE) {
        GObject *fr = g_call_method(file, "flush", NULL, 0);
        if (!fr)
            return NULL;
        g_decref(fr);
    }
    return G_NONE;
}

static GObject *builtin_input(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("input", kw) < 0 || g_check_nargs("input", nargs, 0, 1) < 0)
        return NULL;
    if (nargs) {
        GObject *s = g_str(args[0]);
        if (!s)
            return NULL;
        int r = g_file_write(g_sys_stdout(), s);
        g_decref(s);
        if (r < 0)
            return NULL;
    }
    g_stream_flush(stdout);
    /* read detached: the user may take their time, and the world must not wait */
    size_t n;
    char *line = g_stream_readline(stdin, &n);
    if (!line)
        return g_raise(&GExc_EOFError, "EOF when reading a line");
    if (n && line[n - 1] == '\n')
        n--;
    GObject *r = g_str_new(line, n);
    free(line);
    return r;
}

/* ---- simple one-argument functions ---- */

static GObject *builtin_len(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("len", kw) < 0 || g_check_nargs("len", nargs, 1, 1) < 0)
        return NULL;
    int64_t n = g_len(args[0]);
    return n < 0 ? NULL : g_int_from_i64(n);
}

static GObject *builtin_repr(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("repr", kw) < 0 || g_check_nargs("repr", nargs, 1, 1) < 0)
        return NULL;
    return g_repr(args[0]);
}

static GObject *builtin_ascii(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("ascii", kw) < 0 || g_check_nargs("ascii", nargs, 1, 1) < 0)
        return NULL;
    return g_ascii(args[0]);
}

static GObject *builtin_abs(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("abs", kw) < 0 || g_check_nargs("abs", nargs, 1, 1) < 0)
        return NULL;
    return g_abs(args[0]);
}

static GObject *builtin_hash(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("hash", kw) < 0 || g_check_nargs("hash", nargs, 1, 1) < 0)
        return NULL;
    int64_t h = g_hash(args[0]);
    if (h == -1 && g_err_occurred())
        return NULL;
    return g_int_from_i64(h);
}

static GObject *builtin_id(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("id", kw) < 0 || g_check_nargs("id", nargs, 1, 1) < 0)
        return NULL;
    return g_int_from_u64((uint64_t)(uintptr_t)args[0]);
}

static GObject *builtin_callable(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("callable", kw) < 0 || g_check_nargs("callable", nargs, 1, 1) < 0)
        return NULL;
    return g_bool(g_callable(args[0]));
}

static GObject *builtin_chr(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("chr", kw) < 0 || g_check_nargs("chr", nargs, 1, 1) < 0)
        return NULL;
    if (!g_is_int(args[0]))
        return g_raise(&GExc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    int64_t v;
    if (!g_int_as_i64(args[0], &v) || v < 0 || v > 0x10FFFF)
        return g_raise(&GExc_ValueError, "chr() arg not in range(0x110000)");
    if (v >= 0xD800 && v <= 0xDFFF)
        return g_raise(&GExc_ValueError, "surrogate code points are not supported by gilt");
    return g_str_from_codepoint((uint32_t)v);
}

static GObject *builtin_ord(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("ord", kw) < 0 || g_check_nargs("ord", nargs, 1, 1) < 0)
        return NULL;
    if (g_is_bytes(args[0]) || g_is_bytearray(args[0])) {
        int64_t n = g_len(args[0]);
        if (n != 1)
            return g_raise(&GExc_TypeError, "ord() expected a character, but string of length %zd found", (ssize_t)n);
        GObject *zero = g_int_from_i64(0);
        return g_getitem(args[0], zero);
    }
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "ord() expected string of length 1, but %T found", args[0]);
    if (g_str_len(args[0]) != 1)
        return g_raise(&GExc_TypeError, "ord() expected a character, but string of length %zd found",
                       (ssize_t)g_str_len(args[0]));
    return g_int_from_i64(g_str_codepoint_at(args[0], 0));
}

static GObject *int_to_base(GObject *const *args, size_t nargs, GObject *kw, const char *name, int base)
{
    if (g_no_kwargs(name, kw) < 0 || g_check_nargs(name, nargs, 1, 1) < 0)
        return NULL;
    GObject *i = g_index(args[0]);
    if (!i)
        return NULL;
    GObject *r = g_int_to_str(i, base);
    g_decref(i);
    return r;
}
static GObject *builtin_hex(ARGS) { UNUSED_SELF; return int_to_base(args, nargs, kw, "hex", 16); }
static GObject *builtin_oct(ARGS) { UNUSED_SELF; return int_to_base(args, nargs, kw, "oct", 8); }
static GObject *builtin_bin(ARGS) { UNUSED_SELF; return int_to_base(args, nargs, kw, "bin", 2); }

static GObject *builtin_format(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("format", kw) < 0 || g_check_nargs("format", nargs, 1, 2) < 0)
        return NULL;
    if (nargs == 2 && !g_is_str(args[1]))
        return g_raise(&GExc_TypeError, "format() argument 2 must be str, not %T", args[1]);
    return g_format_obj(args[0], nargs == 2 ? args[1] : g_str_intern(""));
}

/* ---- attributes ---- */

static GObject *builtin_getattr(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("getattr", kw) < 0 || g_check_nargs("getattr", nargs, 2, 3) < 0)
        return NULL;
    if (!g_is_str(args[1]))
        return g_raise(&GExc_TypeError, "attribute name must be string, not '%T'", args[1]);
    GObject *v = g_getattr(args[0], args[1]);
    if (!v && nargs == 3 && g_err_matches(&GExc_AttributeError)) {
        g_err_clear();
        return g_newref(args[2]);
    }
    return v;
}

static GObject *builtin_setattr(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("setattr", kw) < 0 || g_check_nargs("setattr", nargs, 3, 3) < 0)
        return NULL;
    if (!g_is_str(args[1]))
        return g_raise(&GExc_TypeError, "attribute name must be string, not '%T'", args[1]);
    return g_setattr(args[0], args[1], args[2]) < 0 ? NULL : G_NONE;
}

static GObject *builtin_delattr(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("delattr", kw) < 0 || g_check_nargs("delattr", nargs, 2, 2) < 0)
        return NULL;
    if (!g_is_str(args[1]))
        return g_raise(&GExc_TypeError, "attribute name must be string, not '%T'", args[1]);
    return g_delattr(args[0], args[1]) < 0 ? NULL : G_NONE;
}

static GObject *builtin_hasattr(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("hasattr", kw) < 0 || g_check_nargs("hasattr", nargs, 2, 2) < 0)
        return NULL;
    if (!g_is_str(args[1]))
        return g_raise(&GExc_TypeError, "attribute name must be string, not '%T'", args[1]);
    GObject *v = g_getattr(args[0], args[1]);
    if (v) {
        g_decref(v);
        return G_TRUE;
    }
    if (g_err_matches(&GExc_AttributeError)) {
        g_err_clear();
        return G_FALSE;
    }
    return NULL;
}

/* ---- type checks ---- */

static int isinstance_one(GObject *o, GObject *cls, const char *fname)
{
    if (g_is_tuple(cls)) {
        for (int64_t i = 0; i < G_TUPLE_SIZE(cls); i++) {
            int r = isinstance_one(o, G_TUPLE_ITEM(cls, i), fname);
            if (r)
                return r;
        }
        return 0;
    }
    if (g_union_args(cls))   /* int | str: each member, like a tuple */
        return isinstance_one(o, g_union_args(cls), fname);
    if (G_TYPE(cls) == &GGenericAlias_type) {
        g_raise(&GExc_TypeError, "%s() argument 2 cannot be a parameterized generic", fname);
        return -1;
    }
    if (!g_is_type(cls)) {
        g_raise(&GExc_TypeError, "%s() arg 2 must be a type, a tuple of types, or a union", fname);
        return -1;
    }
    if (G_TYPE(cls)->flags & G_TPFLAG_HEAPTYPE) {
        /* a metaclass written in Python may answer: __instancecheck__ / __subclasscheck__ */
        GObject *hook = g_lookup_special(cls, g_str_intern(fname[2] == 'i' ? "__instancecheck__" : "__subclasscheck__"));
        if (hook) {
            GObject *r = g_call1(hook, o);
            g_decref(hook);
            if (!r)
                return -1;
            int t = g_truthy(r);
            g_decref(r);
            return t;
        }
        if (g_err_occurred())
            return -1;
    }
    if (fname[2] == 'i')   /* isinstance */
        return g_isinstance(o, (GType *)cls);
    if (!g_is_type(o)) {
        g_raise(&GExc_TypeError, "issubclass() arg 1 must be a class");
        return -1;
    }
    return g_type_is_subtype((GType *)o, (GType *)cls);
}

static GObject *builtin_isinstance(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("isinstance", kw) < 0 || g_check_nargs("isinstance", nargs, 2, 2) < 0)
        return NULL;
    int r = isinstance_one(args[0], args[1], "isinstance");
    return r < 0 ? NULL : g_bool(r);
}

static GObject *builtin_issubclass(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("issubclass", kw) < 0 || g_check_nargs("issubclass", nargs, 2, 2) < 0)
        return NULL;
    int r = isinstance_one(args[0], args[1], "issubclass");
    return r < 0 ? NULL : g_bool(r);
}

/* ---- iteration ---- */

static GObject *builtin_iter(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("iter", kw) < 0 || g_check_nargs("iter", nargs, 1, 2) < 0)
        return NULL;
    if (nargs == 2) {
        if (!g_callable(args[0]))
            return g_raise(&GExc_TypeError, "iter(v, w): v must be callable");
        return g_calliter_new(args[0], args[1]);
    }
    return g_iter(args[0]);
}

static GObject *builtin_next(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("next", kw) < 0 || g_check_nargs("next", nargs, 1, 2) < 0)
        return NULL;
    if (!G_TYPE(args[0])->tp_iternext)
        return g_raise(&GExc_TypeError, "'%T' object is not an iterator", args[0]);
    GObject *v = g_next(args[0]);
    if (v)
        return v;
    if (g_err_occurred()) {
        if (nargs == 2 && g_err_matches(&GExc_StopIteration)) {
            g_err_clear();
            return g_newref(args[1]);
        }
        return NULL;
    }
    if (nargs == 2)
        return g_newref(args[1]);
    return g_raise(&GExc_StopIteration, "");
}

static GObject *builtin_any_all(GObject *const *args, size_t nargs, GObject *kw, bool any)
{
    if (g_no_kwargs(any ? "any" : "all", kw) < 0 || g_check_nargs(any ? "any" : "all", nargs, 1, 1) < 0)
        return NULL;
    GObject *it = g_iter(args[0]);
    if (!it)
        return NULL;
    GObject *v;
    while ((v = g_next(it))) {
        int t = g_truthy(v);
        g_decref(v);
        if (t < 0 || t == any) {
            g_decref(it);
            return t < 0 ? NULL : g_bool(any);
        }
    }
    g_decref(it);
    return g_err_occurred() ? NULL : g_bool(!any);
}
static GObject *builtin_any(ARGS) { UNUSED_SELF; return builtin_any_all(args, nargs, kw, true); }
static GObject *builtin_all(ARGS) { UNUSED_SELF; return builtin_any_all(args, nargs, kw, false); }

static GObject *builtin_sum(ARGS)
{
    UNUSED_SELF;
    static const char *const names[] = { "iterable", "start", NULL };
    GObject *a[2];
    if (g_parse_args("sum", args, nargs, kw, names, 1, a) < 0)
        return NULL;
    GObject *acc = a[1] ? g_newref(a[1]) : g_int_from_i64(0);
    if (g_is_str(acc)) {
        g_decref(acc);
        return g_raise(&GExc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    }
    GObject *it = g_iter(a[0]);
    if (!it) {
        g_decref(acc);
        return NULL;
    }
    /* fast accumulation of small ints and floats */
    int64_t iacc = 0;
    bool ifast = G_TYPE(acc) == &GInt_type && g_int_as_i64(acc, &iacc);
    GObject *v;
    while ((v = g_next(it))) {
        if (ifast && G_TYPE(v) == &GInt_type && g_int_is_small(v) &&
            !__builtin_add_overflow(iacc, g_int_small_value(v), &iacc)) {
            g_decref(v);
            continue;
        }
        if (ifast) {
            g_decref(acc);
            acc = g_int_from_i64(iacc);
            ifast = false;
        }
        GObject *n = g_binary_op(acc, v, NB_ADD);
        g_decref(v);
        g_decref(acc);
        if (!n) {
            g_decref(it);
            return NULL;
        }
        acc = n;
    }
    g_decref(it);
    if (ifast) {
        g_decref(acc);
        acc = g_int_from_i64(iacc);
    }
    if (g_err_occurred()) {
        g_decref(acc);
        return NULL;
    }
    return acc;
}

static GObject *minmax(GObject *const *args, size_t nargs, GObject *kw, bool is_max)
{
    const char *name = is_max ? "max" : "min";
    size_t nkw = kw ? (size_t)G_TUPLE_SIZE(kw) : 0;
    size_t npos = nargs - nkw;
    GObject *key = NULL, *dflt = NULL;
    for (size_t i = 0; i < nkw; i++) {
        GObject *k = G_TUPLE_ITEM(kw, i);
        if (g_str_eq_cstr(k, "key"))
            key = args[npos + i];
        else if (g_str_eq_cstr(k, "default"))
            dflt = args[npos + i];
        else
            return g_raise(&GExc_TypeError, "%s() got an unexpected keyword argument '%U'", name, k);
    }
    if (key == G_NONE)
        key = NULL;
    if (npos == 0)
        return g_raise(&GExc_TypeError, "%s expected at least 1 argument, got 0", name);
    GObject *it;
    if (npos == 1) {
        it = g_iter(args[0]);
    } else {
        if (dflt)
            return g_raise(&GExc_TypeError, "Cannot specify a default for %s() with multiple positional arguments", name);
        GObject *t = g_tuple_from_array(args, (int64_t)npos);
        it = t ? g_iter(t) : NULL;
        g_xdecref(t);
    }
    if (!it)
        return NULL;
    GObject *best = NULL, *bestkey = NULL, *v;
    while ((v = g_next(it))) {
        GObject *k = key ? g_call1(key, v) : g_newref(v);
        if (!k) {
            g_decref(v);
            goto fail;
        }
        if (!best) {
            best = v;
            bestkey = k;
            continue;
        }
        int better = g_richcompare_bool(k, bestkey, is_max ? CMP_GT : CMP_LT);
        if (better < 0) {
            g_decref(v);
            g_decref(k);
            goto fail;
        }
        if (better) {
            g_decref(best);
            g_decref(bestkey);
            best = v;
            bestkey = k;
        } else {
            g_decref(v);
            g_decref(k);
        }
    }
    g_decref(it);
    it = NULL;
    if (g_err_occurred())
        goto fail;
    g_xdecref(bestkey);
    if (!best) {
        if (dflt)
            return g_newref(dflt);
        return g_raise(&GExc_ValueError, "%s() arg is an empty sequence", name);
    }
    return best;
fail:
    g_xdecref(it);
    g_xdecref(best);
    g_xdecref(bestkey);
    return NULL;
}
static GObject *builtin_max(ARGS) { UNUSED_SELF; return minmax(args, nargs, kw, true); }
static GObject *builtin_min(ARGS) { UNUSED_SELF; return minmax(args, nargs, kw, false); }

static GObject *builtin_sorted(ARGS)
{
    UNUSED_SELF;
    size_t nkw = kw ? (size_t)G_TUPLE_SIZE(kw) : 0;
    if (nargs - nkw != 1)
        return g_raise(&GExc_TypeError, nargs - nkw == 0 ? "sorted expected 1 argument, got 0"
                                                         : "sorted expected 1 argument, got %zd", (ssize_t)(nargs - nkw));
    GObject *key = NULL, *rev = NULL;
    for (size_t i = 0; i < nkw; i++) {
        GObject *k = G_TUPLE_ITEM(kw, i);
        if (g_str_eq_cstr(k, "key")) key = args[1 + i];
        else if (g_str_eq_cstr(k, "reverse")) rev = args[1 + i];
        else return g_raise(&GExc_TypeError, "'%U' is an invalid keyword argument for sort()", k);
    }
    GObject *l = g_list_from_iterable(args[0]);
    if (!l)
        return NULL;
    int r = rev ? g_truthy(rev) : 0;
    if (r < 0 || g_list_sort(l, key, r) < 0) {
        g_decref(l);
        return NULL;
    }
    return l;
}

/* ---- numbers ---- */

static GObject *builtin_divmod(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("divmod", kw) < 0 || g_check_nargs("divmod", nargs, 2, 2) < 0)
        return NULL;
    GObject *custom = g_lookup_special(args[0], g_str_intern("__divmod__"));
    if (custom && !g_is_int(args[0]) && !g_is_float(args[0])) {
        GObject *r = g_call1(custom, args[1]);
        g_decref(custom);
        return r;
    }
    g_xdecref(custom);
    g_err_clear();
    if (!(g_is_int(args[0]) || g_is_float(args[0])) || !(g_is_int(args[1]) || g_is_float(args[1])))
        return g_raise(&GExc_TypeError, "unsupported operand type(s) for divmod(): '%T' and '%T'", args[0], args[1]);
    GObject *q = g_binary_op(args[0], args[1], NB_FLOORDIV);
    if (!q)
        return NULL;
    GObject *m = g_binary_op(args[0], args[1], NB_MOD);
    if (!m) {
        g_decref(q);
        return NULL;
    }
    GObject *t = g_tuple_pack(2, q, m);
    g_decref(q);
    g_decref(m);
    return t;
}

static GObject *builtin_pow(ARGS)
{
    UNUSED_SELF;
    static const char *const names[] = { "base", "exp", "mod", NULL };
    GObject *a[3];
    if (g_parse_args("pow", args, nargs, kw, names, 2, a) < 0)
        return NULL;
    if (!a[2] || a[2] == G_NONE)
        return g_binary_op(a[0], a[1], NB_POW);
    if (!g_is_int(a[0]) || !g_is_int(a[1]) || !g_is_int(a[2]))
        return g_raise(&GExc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    if (g_int_sign(a[2]) == 0)
        return g_raise(&GExc_ValueError, "pow() 3rd argument cannot be 0");
    if (g_int_sign(a[1]) < 0)
        return g_raise(&GExc_ValueError, "pow() negative exponent with modulus is not supported by gilt");
    /* square-and-multiply, reducing as we go */
    GObject *result = g_int_from_i64(1), *base = g_int_binop(a[0], a[2], NB_MOD), *e = g_newref(a[1]);
    GObject *two = g_int_from_i64(2), *one = g_int_from_i64(1);
    while (base && result && g_int_sign(e) > 0) {
        GObject *bit = g_int_binop(e, one, NB_AND);
        if (!bit)
            break;
        if (g_int_sign(bit)) {
            GObject *t = g_int_binop(result, base, NB_MUL);
            g_decref(result);
            result = t ? g_int_binop(t, a[2], NB_MOD) : NULL;
            g_xdecref(t);
        }
        g_decref(bit);
        GObject *ne = g_int_binop(e, one, NB_RSHIFT);
        g_decref(e);
        e = ne;
        if (!e)
            break;
        GObject *sq = g_int_binop(base, base, NB_MUL);
        g_decref(base);
        base = sq ? g_int_binop(sq, a[2], NB_MOD) : NULL;
        g_xdecref(sq);
    }
    (void)two;
    g_xdecref(base);
    g_xdecref(e);
    if (g_err_occurred()) {
        g_xdecref(result);
        return NULL;
    }
    return result;
}

static GObject *round_float(double x, int64_t nd)
{
    if (!isfinite(x) || nd > 308)
        return g_float_new(x);
    if (nd < -308)
        return g_float_new(0.0 * x);
    /* round-half-even via correctly rounded decimal conversion */
    char buf[400];
    if (nd >= 0) {
        snprintf(buf, sizeof buf, "%.*f", (int)nd, x);
        return g_float_new(strtod(buf, NULL));
    }
    double p = pow(10.0, (double)-nd);
    double y = x / p;
    double r = nearbyint(y);
    return g_float_new(r * p);
}

static GObject *builtin_round(ARGS)
{
    UNUSED_SELF;
    static const char *const names[] = { "number", "ndigits", NULL };
    GObject *a[2];
    if (g_parse_args("round", args, nargs, kw, names, 1, a) < 0)
        return NULL;
    GObject *x = a[0], *nd = a[1] == G_NONE ? NULL : a[1];
    if (g_is_float(x)) {
        double v = g_float_value(x);
        if (!nd) {
            if (isinf(v))
                return g_raise(&GExc_OverflowError, "cannot convert float infinity to integer");
            if (isnan(v))
                return g_raise(&GExc_ValueError, "cannot convert float NaN to integer");
            double r = nearbyint(v);
            return g_int_from_double(r);
        }
        int64_t n = g_as_ssize(nd);
        if (n == -1 && g_err_occurred())
            return NULL;
        return round_float(v, n);
    }
    if (g_is_int(x)) {
        if (!nd)
            return G_TYPE(x)->nb_int(x);   /* round(True) is the int 1 */
        int64_t n = g_as_ssize(nd);
        if (n == -1 && g_err_occurred())
            return NULL;
        if (n >= 0)
            return g_newref(x);
        /* round to a multiple of 10**-n, half to even */
        GObject *ten = g_int_from_i64(10), *e = g_int_from_i64(-n);
        GObject *p = g_int_binop(ten, e, NB_POW);
        if (!p)
            return NULL;
        GObject *q = g_int_binop(x, p, NB_FLOORDIV), *m = q ? g_int_binop(x, p, NB_MOD) : NULL;
        GObject *r = NULL;
        if (m) {
            GObject *twice = g_int_binop(m, g_int_from_i64(2), NB_MUL);
            int c = twice ? g_int_compare(twice, p) : 0;
            g_xdecref(twice);
            GObject *one = g_int_from_i64(1);
            GObject *qodd = g_int_binop(q, one, NB_AND);
            bool up = c > 0 || (c == 0 && qodd && g_int_sign(qodd));
            g_xdecref(qodd);
            GObject *q2 = up ? g_int_binop(q, one, NB_ADD) : g_newref(q);
            r = q2 ? g_int_binop(q2, p, NB_MUL) : NULL;
            g_xdecref(q2);
        }
        g_xdecref(q);
        g_xdecref(m);
        g_decref(p);
        return r;
    }
    GObject *meth = g_lookup_special(x, g_str_intern("__round__"));
    if (!meth)
        return g_err_occurred() ? NULL : g_raise(&GExc_TypeError, "type %T doesn't define __round__ method", x);
    GObject *r = nd ? g_call1(meth, nd) : g_call0(meth);
    g_decref(meth);
    return r;
}

/* ---- namespaces ---- */

static GObject *builtin_globals(ARGS)
{
    UNUSED_SELF;
    (void)args;
    if (g_no_kwargs("globals", kw) < 0 || g_check_nargs("globals", nargs, 0, 0) < 0)
        return NULL;
    GObject *g = g_current_globals();
    return g ? g_newref(g) : g_dict_new();
}

static GObject *builtin_locals(ARGS)
{
    UNUSED_SELF;
    (void)args;
    if (g_no_kwargs("locals", kw) < 0 || g_check_nargs("locals", nargs, 0, 0) < 0)
        return NULL;
    GFrame *f = g_tstate()->frame;
    if (!f)
        return g_dict_new();
    if (f->locals)
        return g_newref(f->locals);
    GObject *d = g_dict_new();
    if (!d)
        return NULL;
    GCode *co = f->code;
    for (int i = 0; i < co->nlocals; i++)
        if (f->localsplus[i])
            g_dict_set(d, G_TUPLE_ITEM(co->varnames, i), f->localsplus[i]);
    for (int i = 0; i < co->ncells + co->nfrees; i++) {
        GObject *c = g_cell_load((GCell *)f->localsplus[co->nlocals + i]);
        GObject *name = i < co->ncells ? G_TUPLE_ITEM(co->cellvars, i) : G_TUPLE_ITEM(co->freevars, i - co->ncells);
        if (c)
            g_dict_set(d, name, c);
    }
    return d;
}

static GObject *builtin_vars(ARGS)
{
    if (nargs == 0)
        return builtin_locals(self, args, nargs, kw);
    if (g_no_kwargs("vars", kw) < 0 || g_check_nargs("vars", nargs, 0, 1) < 0)
        return NULL;
    GObject *d = g_getattr_opt(args[0], g_str_intern("__dict__"));
    if (!d && !g_err_occurred())
        return g_raise(&GExc_TypeError, "vars() argument must have __dict__ attribute");
    return d;
}

static GObject *builtin_dir(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("dir", kw) < 0 || g_check_nargs("dir", nargs, 0, 1) < 0)
        return NULL;
    GObject *names;
    if (nargs == 0) {
        GObject *l = builtin_locals(NULL, NULL, 0, NULL);
        if (!l)
            return NULL;
        names = g_list_from_iterable(l);
        g_decref(l);
    } else if (g_is_type(args[0]) || G_TYPE(args[0]) == &GModule_type) {
        GObject *s = g_set_new(&GSet_type, NULL);
        if (G_TYPE(args[0]) == &GModule_type) {
            int64_t pos = 0;
            GObject *k;
            while (g_dict_next(g_module_dict(args[0]), &pos, &k, NULL))
                g_set_add(s, k);
        } else {
            GTuple *m = (GTuple *)((GType *)args[0])->mro;
            for (int64_t i = 0; i < m->size; i++) {
                int64_t pos = 0;
                GObject *k;
                while (g_dict_next(((GType *)m->items[i])->dict, &pos, &k, NULL))
                    g_set_add(s, k);
            }
        }
        names = g_list_from_iterable(s);
        g_decref(s);
    } else {
        names = g_call_method(args[0], "__dir__", NULL, 0);
        if (names && !g_is_list(names)) {
            GObject *l = g_list_from_iterable(names);
            g_decref(names);
            names = l;
        }
    }
    if (names && g_list_sort(names, NULL, false) < 0)
        G_CLEAR(names);
    return names;
}

/* ---- running code ---- */

static GObject *run_string(GObject *const *args, size_t nargs, GObject *kw, const char *fname, int mode)
{
    if (g_no_kwargs(fname, kw) < 0 || g_check_nargs(fname, nargs, 1, 3) < 0)
        return NULL;
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "%s() arg 1 must be a string or code object", fname);
    GObject *globals = nargs >= 2 && args[1] != G_NONE ? args[1] : g_current_globals();
    if (!globals || !g_is_dict(globals))
        return g_raise(&GExc_TypeError, "%s() globals must be a dict", fname);
    if (!g_dict_get_str(globals, "__builtins__"))
        g_dict_set_str(globals, "__builtins__", g_runtime.builtins_module);
    if (nargs == 3 && args[2] != G_NONE && args[2] != globals)
        return g_raise(&GExc_NotImplementedError, "gilt's %s() takes one namespace dict (globals) only", fname);
    /* CPython checks a string's text before compiling it, so this message has no place */
    if (memchr(g_str_data(args[0]), 0, (size_t)g_str_nbytes(args[0])))
        return g_raise(&GExc_SyntaxError, "source code string cannot contain null bytes");
    GObject *r = g_run_source(g_str_data(args[0]), (size_t)g_str_nbytes(args[0]), "<string>", globals,
                              mode | G_COMPILE_DYNAMIC);
    if (r && mode == G_COMPILE_FILE) {
        g_decref(r);
        return G_NONE;
    }
    return r;
}
static GObject *builtin_exec(ARGS) { UNUSED_SELF; return run_string(args, nargs, kw, "exec", G_COMPILE_FILE); }
static GObject *builtin_eval(ARGS) { UNUSED_SELF; return run_string(args, nargs, kw, "eval", G_COMPILE_EVAL); }
/* (run_string compiles with G_COMPILE_DYNAMIC: text made at run time makes nothing
 * that lives forever) */

static GObject *builtin_build_class(ARGS)
{
    UNUSED_SELF;
    size_t nkw = kw ? (size_t)G_TUPLE_SIZE(kw) : 0;
    if (nargs - nkw < 2)
        return g_raise(&GExc_TypeError, "__build_class__: not enough arguments");
    if (G_TYPE(args[0]) != &GFunction_type)
        return g_raise(&GExc_TypeError, "__build_class__: func must be a function");
    if (!g_is_str(args[1]))
        return g_raise(&GExc_TypeError, "__build_class__: name is not a string");
    return g_build_class(args[0], args[1], args + 2, nargs - nkw - 2, kw);
}

static GObject *builtin_import(ARGS)
{
    UNUSED_SELF;
    if (nargs < 1 || !g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "__import__() argument 1 must be str");
    (void)kw;
    return g_import_module(args[0]);
}

static GObject *builtin_exit(ARGS)
{
    UNUSED_SELF;
    if (g_no_kwargs("exit", kw) < 0 || g_check_nargs("exit", nargs, 0, 1) < 0)
        return NULL;
    return g_raise_with_value(&GExc_SystemExit, nargs ? args[0] : NULL);
}

static const GMethodDef builtin_functions[] = {
    { "print", builtin_print, 0, "Prints the values to a stream, or to sys.stdout by default." },
    { "input", builtin_input, 0, NULL },
    { "len", builtin_len, 0, "Return the number of items in a container." },
    { "repr", builtin_repr, 0, NULL }, { "ascii", builtin_ascii, 0, NULL },
    { "abs", builtin_abs, 0, NULL }, { "hash", builtin_hash, 0, NULL }, { "id", builtin_id, 0, NULL },
    { "callable", builtin_callable, 0, NULL }, { "chr", builtin_chr, 0, NULL }, { "ord", builtin_ord, 0, NULL },
    { "hex", builtin_hex, 0, NULL }, { "oct", builtin_oct, 0, NULL }, { "bin", builtin_bin, 0, NULL },
    { "format", builtin_format, 0, NULL },
    { "getattr", builtin_getattr, 0, NULL }, { "setattr", builtin_setattr, 0, NULL },
    { "delattr", builtin_delattr, 0, NULL }, { "hasattr", builtin_hasattr, 0, NULL },
    { "isinstance", builtin_isinstance, 0, NULL }, { "issubclass", builtin_issubclass, 0, NULL },
    { "iter", builtin_iter, 0, NULL }, { "next", builtin_next, 0, NULL },
    { "any", builtin_any, 0, NULL }, { "all", builtin_all, 0, NULL }, { "sum", builtin_sum, 0, NULL },
    { "max", builtin_max, 0, NULL }, { "min", builtin_min, 0, NULL }, { "sorted", builtin_sorted, 0, NULL },
    { "divmod", builtin_divmod, 0, NULL }, { "pow", builtin_pow, 0, NULL }, { "round", builtin_round, 0, NULL },
    { "globals", builtin_globals, 0, NULL }, { "locals", builtin_locals, 0, NULL },
    { "vars", builtin_vars, 0, NULL }, { "dir", builtin_dir, 0, NULL },
    { "exec", builtin_exec, 0, NULL }, { "eval", builtin_eval, 0, NULL },
    { "__build_class__", builtin_build_class, 0, NULL }, { "__import__", builtin_import, 0, NULL },
    { "open", g_file_open, 0, NULL },
    { "exit", builtin_exit, 0, NULL }, { "quit", builtin_exit, 0, NULL },
    { NULL, NULL, 0, NULL },
};

GObject *g_builtins_init(void)
{
    GObject *m = g_module_new("builtins");
    if (!m)
        return NULL;
    g_module_add_functions(m, builtin_functions);
    static GType *const types[] = {
        &GObject_type, &GType_type, &GInt_type, &GBool_type, &GFloat_type, &GStr_type, &GList_type,
        &GTuple_type, &GDict_type, &GSet_type, &GFrozenSet_type, &GRange_type, &GSlice_type,
        &GEnumerate_type, &GZip_type, &GMap_type, &GFilter_type, &GReversed_type, &GProperty_type,
        &GStaticMethod_type, &GClassMethod_type, &GSuper_type, &GBytes_type, &GByteArray_type,
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        g_dict_set_str(g_module_dict(m), types[i]->name, (GObject *)types[i]);
#define ADD_EXC(NAME, BASE) g_dict_set_str(g_module_dict(m), #NAME, (GObject *)&GExc_##NAME);
    G_EXC_TYPES(ADD_EXC)
#undef ADD_EXC
    g_dict_set_str(g_module_dict(m), "None", G_NONE);
    g_dict_set_str(g_module_dict(m), "True", G_TRUE);
    g_dict_set_str(g_module_dict(m), "False", G_FALSE);
    g_dict_set_str(g_module_dict(m), "NotImplemented", G_NOTIMPL);
    g_dict_set_str(g_module_dict(m), "Ellipsis", G_ELLIPSIS);
    g_dict_set_str(g_module_dict(m), "IOError", (GObject *)&GExc_OSError);
    g_dict_set_str(g_module_dict(m), "EnvironmentError", (GObject *)&GExc_OSError);
    g_dict_set_str(g_module_dict(m), "__debug__", G_TRUE);
    g_help_install(m);
    return m;
}
