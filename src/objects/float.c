/* float.c -- float: IEEE-754 doubles with Python's repr, hash and arithmetic.
 *
 * repr(x) is the shortest string that reads back as the same double: we try 1, 2,
 * ... 17 significant digits and keep the first that round-trips through strtod, then
 * lay the digits out as Python does (plain notation when the decimal point falls
 * within 16 places, otherwise 1.5e+16 style).
 *
 * Floor division and modulo follow Python: the remainder takes the divisor's sign.
 * hash() agrees with int's for whole numbers (both reduce modulo 2**61 - 1).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "objects/objects.h"
#include "runtime/alloc_word.h"

/* Floats come from the thread's block cache (runtime/alloc.h) */
_Static_assert(sizeof(GFloat) == G_WORD_OBJECT_SIZE, "a float is a word object");

GObject *g_float_new(double v)
{
    GFloat *f = (GFloat *)g_word_alloc(&GFloat_type);
    if (!f)
        return g_no_memory();
    f->v = v;
    return (GObject *)f;
}

/* ---- repr --------------------------------------------------------------------------- */

int g_float_to_buf(double v, char *out, size_t outn)
{
    if (isnan(v))
        return snprintf(out, outn, "nan");
    if (isinf(v))
        return snprintf(out, outn, v < 0 ? "-inf" : "inf");
    char tmp[40];
    int prec;
    for (prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    /* tmp is like "-1.2345e+05": split it into sign, digits and exponent */
    char digits[24];
    int nd = 0;
    const char *p = tmp;
    bool neg = false;
    if (*p == '-') {
        neg = true;
        p++;
    }
    for (; *p && *p != 'e'; p++)
        if (*p != '.')
            digits[nd++] = *p;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = 0;
    int exp10 = atoi(p + 1);
    int decpt = exp10 + 1;      /* value = 0.DIGITS * 10**decpt */
    char *o = out;
    char *end = out + outn - 1;
#define PUT(c) do { if (o < end) *o++ = (c); } while (0)
    if (neg)
        PUT('-');
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0) {
            PUT('0');
            PUT('.');
            for (int i = 0; i < -decpt; i++)
                PUT('0');
            for (int i = 0; i < nd; i++)
                PUT(digits[i]);
        } else {
            for (int i = 0; i < decpt; i++)
                PUT(i < nd ? digits[i] : '0');
            PUT('.');
            if (nd > decpt)
                for (int i = decpt; i < nd; i++)
                    PUT(digits[i]);
            else
                PUT('0');
        }
    } else {
        PUT(digits[0]);
        if (nd > 1) {
            PUT('.');
            for (int i = 1; i < nd; i++)
                PUT(digits[i]);
        }
        char e[16];
        snprintf(e, sizeof e, "e%c%02d", exp10 < 0 ? '-' : '+', abs(exp10));
        for (char *q = e; *q; q++)
            PUT(*q);
    }
#undef PUT
    *o = 0;
    return (int)(o - out);
}

GObject *g_float_repr_str(double v)
{
    char buf[64];
    int n = g_float_to_buf(v, buf, sizeof buf);
    return g_str_new(buf, (size_t)n);
}

static GObject *float_repr(GObject *o) { return g_float_repr_str(((GFloat *)o)->v); }

/* ---- hash --------------------------------------------------------------------------- */

int64_t g_float_hash(double v)
{
    const uint64_t P = ((uint64_t)1 << 61) - 1;
    if (isinf(v))
        return v > 0 ? 314159 : -314159;
    if (isnan(v))
        return 0;
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    uint64_t x = 0;
    while (m) {
        x = ((x << 28) & P) | x >> (61 - 28);
        m *= 268435456.0;
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= P)
            x -= P;
    }
    e = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61);
    x = ((x << e) & P) | x >> (61 - e);
    int64_t r = (int64_t)x * sign;
    return r == -1 ? -2 : r;
}

static int64_t float_hash(GObject *o) { return g_float_hash(((GFloat *)o)->v); }

/* ---- arithmetic --------------------------------------------------------------------- */

bool g_as_double(GObject *o, double *out)
{
    if (g_is_float(o)) {
        *out = ((GFloat *)o)->v;
        return true;
    }
    if (g_is_int(o)) {
        *out = g_int_as_double(o);
        return !g_err_occurred();
    }
    g_raise(&GExc_TypeError, "must be real number, not %T", o);
    return false;
}

GObject *g_float_binop(double a, double b, GBinOp op)
{
    double r;
    switch (op) {
    case NB_ADD: r = a + b; break;
    case NB_SUB: r = a - b; break;
    case NB_MUL: r = a * b; break;
    case NB_TRUEDIV:
        if (b == 0)
            return g_raise(&GExc_ZeroDivisionError, "float division by zero");
        r = a / b;
        break;
    case NB_FLOORDIV:
    case NB_MOD: {
        if (b == 0)
            return g_raise(&GExc_ZeroDivisionError, op == NB_MOD ? "float modulo" : "float floor division by zero");
        double mod = fmod(a, b);
        double div = (a - mod) / b;
        if (mod) {
            if ((b < 0) != (mod < 0)) {
                mod += b;
                div -= 1.0;
            }
        } else {
            mod = copysign(0.0, b);
        }
        if (op == NB_MOD) {
            r = mod;
            break;
        }
        double floordiv;
        if (div) {
            floordiv = floor(div);
            if (div - floordiv > 0.5)
                floordiv += 1.0;
        } else {
            floordiv = copysign(0.0, a / b);
        }
        r = floordiv;
        break;
    }
    case NB_POW:
        if (a == 0 && b < 0)
            return g_raise(&GExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
        if (a < 0 && b != floor(b) && isfinite(b))
            return g_raise(&GExc_ValueError, "math domain error (complex result: complex numbers are not in gilt)");
        errno = 0;
        r = pow(a, b);
        if (isinf(r) && isfinite(a) && isfinite(b))
            return g_raise(&GExc_OverflowError, "(34, 'Numerical result out of range')");
        break;
    default:
        return g_newref(G_NOTIMPL);
    }
    return g_float_new(r);
}

static GObject *float_slot(GObject *a, GObject *b, GBinOp op)
{
    double x, y;
    if (!(g_is_float(a) || g_is_int(a)) || !(g_is_float(b) || g_is_int(b)))
        return g_newref(G_NOTIMPL);
    if (!g_as_double(a, &x) || !g_as_double(b, &y))
        return NULL;
    return g_float_binop(x, y, op);
}

#define FLOAT_SLOT(NAME, OP) static GObject *NAME(GObject *a, GObject *b) { return float_slot(a, b, OP); }
FLOAT_SLOT(float_add, NB_ADD)
FLOAT_SLOT(float_sub, NB_SUB)
FLOAT_SLOT(float_mul, NB_MUL)
FLOAT_SLOT(float_div, NB_TRUEDIV)
FLOAT_SLOT(float_floordiv, NB_FLOORDIV)
FLOAT_SLOT(float_mod, NB_MOD)
FLOAT_SLOT(float_pow, NB_POW)

static GObject *float_neg(GObject *o) { return g_float_new(-((GFloat *)o)->v); }
static GObject *float_pos(GObject *o) { return g_float_new(((GFloat *)o)->v); }
static GObject *float_abs(GObject *o) { return g_float_new(fabs(((GFloat *)o)->v)); }
static int float_bool(GObject *o) { return ((GFloat *)o)->v != 0.0; }
static GObject *float_int(GObject *o) { return g_int_from_double(((GFloat *)o)->v); }

/* Compare a double with an int exactly enough for every int a double can meet. */
static int compare_double_int(double d, GObject *i, bool *unordered)
{
    *unordered = isnan(d);
    if (*unordered)
        return 0;
    if (isinf(d))
        return d > 0 ? 1 : -1;
    int64_t v;
    if (g_int_as_i64(i, &v) && v > -(1LL << 53) && v < (1LL << 53)) {
        double y = (double)v;
        return d < y ? -1 : d > y;
    }
    /* Compare the whole part as ints, then the fraction decides ties. */
    double whole = trunc(d);
    GObject *w = g_int_from_double(whole);
    if (!w)
        return 0;
    int c = g_int_compare(w, i);
    g_decref(w);
    if (c == 0 && d != whole)
        c = d > whole ? 1 : -1;
    return c;
}

static GObject *float_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    int c;
    bool unordered = false;
    double x = ((GFloat *)a)->v;
    if (g_is_float(b)) {
        double y = ((GFloat *)b)->v;
        unordered = isnan(x) || isnan(y);
        c = x < y ? -1 : x > y;
    } else if (g_is_int(b)) {
        c = compare_double_int(x, b, &unordered);
        if (g_err_occurred())
            return NULL;
    } else {
        return g_newref(G_NOTIMPL);
    }
    if (unordered)
        return g_bool(op == CMP_NE);
    bool r;
    switch (op) {
    case CMP_LT: r = c < 0; break;
    case CMP_LE: r = c <= 0; break;
    case CMP_EQ: r = c == 0; break;
    case CMP_NE: r = c != 0; break;
    case CMP_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return g_bool(r);
}

GObject *g_float_from_string(GObject *s)
{
    const char *p = g_str_data(s);
    size_t n = (size_t)g_str_nbytes(s);
    char *buf = g_mem_alloc(n + 1);
    if (!buf)
        return g_no_memory();
    size_t k = 0;
    const char *q = p, *end = p + n;
    while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
        q++;
    while (end > q && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
        end--;
    bool ok = q < end;
    for (const char *c = q; c < end; c++) {
        if (*c == '_') {
            /* underscores only between digits */
            if (c == q || c + 1 == end || !(c[-1] >= '0' && c[-1] <= '9') || !(c[1] >= '0' && c[1] <= '9'))
                ok = false;
            continue;
        }
        buf[k++] = *c;
    }
    buf[k] = 0;
    char *stop = NULL;
    double v = 0;
    if (ok) {
        /* strtod accepts hex floats and "infinity"; Python accepts the latter too */
        const char *t = buf;
        if (*t == '+' || *t == '-')
            t++;
        if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X'))
            ok = false;
        else
            v = strtod(buf, &stop);
        if (ok && (stop == buf || *stop))
            ok = false;
    }
    g_mem_free(buf);
    if (!ok)
        return g_raise(&GExc_ValueError, "could not convert string to float: %R", s);
    return g_float_new(v);
}

static GObject *float_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    if (g_no_kwargs("float", kwnames) < 0 || g_check_nargs("float", nargs, 0, 1) < 0)
        return NULL;
    GObject *r = nargs == 0 ? g_float_new(0.0) : g_number_to_float(args[0]);
    if (!r || type == &GFloat_type)
        return r;
    /* a subclass of float: copy the value into an instance of it */
    GFloat *o = (GFloat *)g_object_alloc(type, type->basicsize);
    if (!o) {
        g_decref(r);
        return g_no_memory();
    }
    memset((char *)o + sizeof(GObject), 0, type->basicsize - sizeof(GObject));
    o->v = ((GFloat *)r)->v;
    g_decref(r);
    return (GObject *)o;
}

static GObject *float_is_integer(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args;
    if (g_no_kwargs("is_integer", kw) < 0 || g_check_nargs("is_integer", nargs, 0, 0) < 0)
        return NULL;
    double v = ((GFloat *)self)->v;
    return g_bool(isfinite(v) && v == floor(v));
}

static GObject *float_conjugate(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args;
    if (g_no_kwargs("conjugate", kw) < 0 || g_check_nargs("conjugate", nargs, 0, 0) < 0)
        return NULL;
    return g_float_new(((GFloat *)self)->v);
}

static GObject *float_as_integer_ratio(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args;
    if (g_no_kwargs("as_integer_ratio", kw) < 0 || g_check_nargs("as_integer_ratio", nargs, 0, 0) < 0)
        return NULL;
    double v = ((GFloat *)self)->v;
    if (isinf(v))
        return g_raise(&GExc_OverflowError, "cannot convert Infinity to integer ratio");
    if (isnan(v))
        return g_raise(&GExc_ValueError, "cannot convert NaN to integer ratio");
    int e;
    double m = frexp(v, &e);
    for (int i = 0; i < 300 && m != floor(m); i++) {
        m *= 2.0;
        e--;
    }
    GObject *num = g_int_from_double(m);
    GObject *den = g_int_from_i64(1);
    GObject *shift = g_int_from_i64(e < 0 ? -e : e);
    if (!num || !shift) {
        g_xdecref(num);
        g_xdecref(shift);
        return NULL;
    }
    GObject *t = g_int_binop(e < 0 ? den : num, shift, NB_LSHIFT);
    g_decref(shift);
    if (!t) {
        g_decref(num);
        return NULL;
    }
    if (e < 0)
        den = t;
    else {
        g_decref(num);
        num = t;
    }
    GObject *r = g_tuple_pack(2, num, den);
    g_decref(num);
    g_decref(den);
    return r;
}

static GObject *float_get_real(GObject *self) { return g_float_new(((GFloat *)self)->v); }
static GObject *float_get_imag(GObject *self) { (void)self; return g_float_new(0.0); }

static const GMethodDef float_methods[] = {
    { "is_integer", float_is_integer, 0, NULL },
    { "conjugate", float_conjugate, 0, NULL },
    { "as_integer_ratio", float_as_integer_ratio, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static const GGetSetDef float_getsets[] = {
    { "real", float_get_real, NULL },
    { "imag", float_get_imag, NULL },
    { NULL, NULL, NULL },
};

/* An exact float goes back to the block cache; an instance of a subclass (whose
 * dealloc ends here) has another size. */
static void float_dealloc(GObject *o)
{
    if (G_TYPE(o) == &GFloat_type)
        g_word_free(o);
    else
        g_object_free(o);
}

GType GFloat_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "float",
    .basicsize = sizeof(GFloat),
    .flags = G_TPFLAG_BASETYPE | G_TPFLAG_LEAF,
    .base = &GObject_type,
    .tp_new = float_new,
    .tp_dealloc = float_dealloc,
    .tp_repr = float_repr,
    .tp_hash = float_hash,
    .tp_richcompare = float_richcompare,
    .nb = { [NB_ADD] = float_add, [NB_SUB] = float_sub, [NB_MUL] = float_mul,
            [NB_TRUEDIV] = float_div, [NB_FLOORDIV] = float_floordiv, [NB_MOD] = float_mod,
            [NB_POW] = float_pow },
    .nb_neg = float_neg, .nb_pos = float_pos, .nb_abs = float_abs,
    .nb_bool = float_bool, .nb_int = float_int, .nb_float = float_pos,
    .methods = float_methods,
    .getsets = float_getsets,
};
