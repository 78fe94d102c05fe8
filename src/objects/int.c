/* int.c -- int and bool: integers that never wrap.
 *
 * An int is small or big, and every value that fits in 64 bits is small:
 *
 *   small (flag G_INT_BIG clear)   big (flag G_INT_BIG set)
 *   +--------+----------+          +--------+------------------+-----+-----+-----+
 *   | header | v: value |          | header | v: +/- ndigits   | d0  | d1  | ... |
 *   +--------+----------+          +--------+------------------+-----+-----+-----+
 *                                   magnitude = sum d[i] * 2**(32*i); sign of v = sign
 *
 * Arithmetic on two small ints uses the compiler's overflow-checked builtins; when
 * they overflow, or when either side is big, the operation runs on magnitudes
 * (int_mag.c: schoolbook add, subtract and multiply, Knuth's algorithm D for
 * division).  Results are normalised, so a big int never holds a small value.
 *
 * Ints from -5 to 1024 are preallocated and immortal (g_small_ints), as are True and
 * False, which are ints of type bool.  hash() follows Python: the value modulo the
 * Mersenne prime 2**61 - 1, so that equal ints and floats hash alike and sets of small
 * ints iterate in the order CPython shows.  Conversion to and from text lives in
 * int_str.c.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "objects/int_mag.h"
#include "objects/objects.h"
#include "runtime/alloc_word.h"

GInt g_small_ints[G_SMALLINT_MAX - G_SMALLINT_MIN + 1];
GInt g_True_obj = { G_STATIC_HEADER(&GBool_type), 1 };
GInt g_False_obj = { G_STATIC_HEADER(&GBool_type), 0 };

/* ====================================================================================
 * Making int objects
 * ==================================================================================== */

/* Small ints come from the thread's block cache (runtime/alloc.h) */
_Static_assert(sizeof(GInt) == G_WORD_OBJECT_SIZE, "a small int is a word object");

GObject *g_int_from_i64_slow(int64_t v)
{
    GInt *o = (GInt *)g_word_alloc(&GInt_type);
    if (!o)
        return g_no_memory();
    o->v = v;
    return (GObject *)o;
}

static GInt *int_alloc_big(int64_t ndigits)
{
    if (ndigits > ((int64_t)1 << 28))
        return (GInt *)g_raise(&GExc_OverflowError, "too many digits in integer");
    GInt *o = (GInt *)g_object_alloc(&GInt_type, sizeof(GInt) + (size_t)ndigits * sizeof(uint32_t));
    if (!o)
        return (GInt *)g_no_memory();
    o->ob.ob_flags = G_INT_BIG;
    return o;
}

/* Build an int from a sign and a magnitude (copied). */
GObject *g_int_from_mag(int sign, const uint32_t *d, int64_t n)
{
    n = g_mag_norm(d, n);
    if (n == 0)
        return g_int_from_i64(0);
    if (n <= 2) {
        uint64_t m = d[0] | (n == 2 ? (uint64_t)d[1] << 32 : 0);
        if (sign > 0 && m <= (uint64_t)INT64_MAX)
            return g_int_from_i64((int64_t)m);
        if (sign < 0 && m <= (uint64_t)INT64_MAX + 1)
            return g_int_from_i64((int64_t)(0 - m));
    }
    GInt *o = int_alloc_big(n);
    if (!o)
        return NULL;
    memcpy(o->d, d, (size_t)n * sizeof(uint32_t));
    o->v = sign < 0 ? -n : n;
    return (GObject *)o;
}

GObject *g_int_from_u64(uint64_t v)
{
    uint32_t d[2] = { (uint32_t)v, (uint32_t)(v >> 32) };
    return g_int_from_mag(1, d, 2);
}

GObject *g_int_from_double(double x)
{
    if (isinf(x))
        return g_raise(&GExc_OverflowError, "cannot convert float infinity to integer");
    if (isnan(x))
        return g_raise(&GExc_ValueError, "cannot convert float NaN to integer");
    x = trunc(x);
    if (x >= -9.2e18 && x <= 9.2e18)
        return g_int_from_i64((int64_t)x);
    int sign = x < 0 ? -1 : 1;
    x = fabs(x);
    int exp;
    frexp(x, &exp);                        /* x < 2**exp */
    int64_t n = (exp + 31) / 32;
    uint32_t *d = g_mem_calloc((size_t)n, sizeof(uint32_t));
    if (!d)
        return g_no_memory();
    /* x is a whole number with at most 53 significant bits: peel digits off the top. */
    double scaled = ldexp(x, (int)(-(n - 1) * 32));
    for (int64_t i = n - 1; i >= 0; i--) {
        double digit = floor(scaled);
        d[i] = (uint32_t)digit;
        scaled = (scaled - digit) * 4294967296.0;
    }
    GObject *r = g_int_from_mag(sign, d, n);
    g_mem_free(d);
    return r;
}

bool g_int_as_i64(GObject *o, int64_t *out)
{
    if (!(o->ob_flags & G_INT_BIG)) {
        *out = ((GInt *)o)->v;
        return true;
    }
    return false;
}

int64_t g_int_as_ssize(GObject *o)
{
    int64_t v;
    if (g_int_as_i64(o, &v))
        return v;
    g_raise(&GExc_OverflowError, "Python int too large to convert to C ssize_t");
    return -1;
}

double g_int_as_double(GObject *o)
{
    if (!(o->ob_flags & G_INT_BIG))
        return (double)((GInt *)o)->v;
    IntView w;
    g_view_int(o, &w);
    /* Use the top three digits (96 bits > 53) and scale. */
    double r = 0;
    int64_t lo = w.n > 3 ? w.n - 3 : 0;
    for (int64_t i = w.n - 1; i >= lo; i--)
        r = r * 4294967296.0 + w.d[i];
    if (lo * 32 > 1100) {
        g_raise(&GExc_OverflowError, "int too large to convert to float");
        return -1;
    }
    r = ldexp(r, (int)(lo * 32));
    if (isinf(r)) {
        g_raise(&GExc_OverflowError, "int too large to convert to float");
        return -1;
    }
    return w.sign * r;
}

int g_int_sign(GObject *o)
{
    GInt *i = (GInt *)o;
    return i->v < 0 ? -1 : (i->v > 0);
}

size_t g_int_bit_length(GObject *o)
{
    IntView w;
    g_view_int(o, &w);
    if (w.n == 0)
        return 0;
    return (size_t)(w.n - 1) * 32 + (32 - (size_t)__builtin_clz(w.d[w.n - 1]));
}

int g_int_compare(GObject *a, GObject *b)
{
    if (!((a->ob_flags | b->ob_flags) & G_INT_BIG)) {
        int64_t x = ((GInt *)a)->v, y = ((GInt *)b)->v;
        return x < y ? -1 : x > y;
    }
    IntView x, y;
    g_view_int(a, &x);
    g_view_int(b, &y);
    if (x.sign != y.sign)
        return x.sign < y.sign ? -1 : 1;
    int c = g_mag_cmp(x.d, x.n, y.d, y.n);
    return x.sign < 0 ? -c : c;
}

int64_t g_int_hash(GObject *o)
{
    const uint64_t P = ((uint64_t)1 << 61) - 1;
    if (!(o->ob_flags & G_INT_BIG)) {   /* one word: |v| mod P, with v's sign */
        int64_t v = ((GInt *)o)->v;
        uint64_t m = (v < 0 ? 0 - (uint64_t)v : (uint64_t)v) % P;
        int64_t r = v < 0 ? -(int64_t)m : (int64_t)m;
        return r == -1 ? -2 : r;
    }
    IntView w;
    g_view_int(o, &w);
    uint64_t h = 0;
    for (int64_t i = w.n - 1; i >= 0; i--) {
        /* h = (h * 2**32 + d) mod P, using the rotation trick for 2**61 - 1 */
        h = ((h << 32) & P) | (h >> 29);
        h += w.d[i];
        if (h >= P)
            h -= P;
    }
    int64_t r = w.sign < 0 ? -(int64_t)h : (int64_t)h;
    return r == -1 ? -2 : r;
}

/* ====================================================================================
 * Arithmetic on magnitudes with signs
 * ==================================================================================== */

static GObject *big_addsub(IntView *x, IntView *y, int ysign)
{
    int64_t n = (x->n > y->n ? x->n : y->n) + 1;
    uint32_t *out = g_mem_alloc((size_t)n * sizeof(uint32_t));
    if (!out)
        return g_no_memory();
    GObject *r;
    if (x->sign == ysign || x->sign == 0 || ysign == 0) {
        int sign = x->sign ? x->sign : ysign;
        int64_t m = g_mag_add(x->d, x->n, y->d, y->n, out);
        r = g_int_from_mag(sign, out, m);
    } else if (g_mag_cmp(x->d, x->n, y->d, y->n) >= 0) {
        int64_t m = g_mag_sub(x->d, x->n, y->d, y->n, out);
        r = g_int_from_mag(x->sign, out, m);
    } else {
        int64_t m = g_mag_sub(y->d, y->n, x->d, x->n, out);
        r = g_int_from_mag(ysign, out, m);
    }
    g_mem_free(out);
    return r;
}

static GObject *big_mul(IntView *x, IntView *y)
{
    if (x->n == 0 || y->n == 0)
        return g_int_from_i64(0);
    uint32_t *out = g_mem_alloc((size_t)(x->n + y->n) * sizeof(uint32_t));
    if (!out)
        return g_no_memory();
    int64_t m = g_mag_mul(x->d, x->n, y->d, y->n, out);
    GObject *r = g_int_from_mag(x->sign * y->sign, out, m);
    g_mem_free(out);
    return r;
}

/* Truncating division of magnitudes: *q and *r are new ints with the given signs. */
static int big_divmod_trunc(IntView *x, IntView *y, GObject **q, GObject **r)
{
    if (g_mag_cmp(x->d, x->n, y->d, y->n) < 0) {
        *q = g_int_from_i64(0);
        *r = g_int_from_mag(x->sign, x->d, x->n);
        return *r ? 0 : -1;
    }
    uint32_t *qd = g_mem_calloc((size_t)(x->n - y->n + 1), sizeof(uint32_t));
    uint32_t *rd = g_mem_calloc((size_t)(y->n > 1 ? y->n : 1), sizeof(uint32_t));
    if (!qd || !rd) {
        g_mem_free(qd);
        g_mem_free(rd);
        g_no_memory();
        return -1;
    }
    int64_t rn;
    if (y->n == 1) {
        uint32_t *tmp = g_mem_alloc((size_t)x->n * sizeof(uint32_t));
        if (!tmp) {
            g_mem_free(qd);
            g_mem_free(rd);
            g_no_memory();
            return -1;
        }
        memcpy(tmp, x->d, (size_t)x->n * sizeof(uint32_t));
        rd[0] = g_mag_divmod_small(tmp, x->n, y->d[0]);
        memcpy(qd, tmp, (size_t)x->n * sizeof(uint32_t));
        g_mem_free(tmp);
        rn = 1;
    } else {
        if (!g_mag_divmod_knuth(x->d, x->n, y->d, y->n, qd, rd)) {
            g_mem_free(qd);
            g_mem_free(rd);
            g_no_memory();
            return -1;
        }
        rn = y->n;
    }
    *q = g_int_from_mag(x->sign * y->sign, qd, x->n - y->n + 1);
    *r = g_int_from_mag(x->sign, rd, rn);
    g_mem_free(qd);
    g_mem_free(rd);
    if (!*q || !*r) {
        G_CLEAR(*q);
        G_CLEAR(*r);
        return -1;
    }
    return 0;
}

/* Python's floor division and modulo: the remainder takes the divisor's sign. */
static int int_divmod_floor(GObject *a, GObject *b, GObject **q, GObject **r)
{
    IntView x, y;
    g_view_int(a, &x);
    g_view_int(b, &y);
    if (y.sign == 0) {
        g_raise(&GExc_ZeroDivisionError, "integer division or modulo by zero");
        return -1;
    }
    if (big_divmod_trunc(&x, &y, q, r) < 0)
        return -1;
    if (g_int_sign(*r) != 0 && g_int_sign(*r) != y.sign) {
        GObject *one = g_int_from_i64(1);
        GObject *q2 = g_int_binop(*q, one, NB_SUB);
        GObject *r2 = q2 ? g_int_binop(*r, b, NB_ADD) : NULL;
        g_decref(*q);
        g_decref(*r);
        *q = q2;
        *r = r2;
        if (!q2 || !r2) {
            G_CLEAR(*q);
            G_CLEAR(*r);
            return -1;
        }
    }
    return 0;
}

static GObject *int_pow(GObject *a, GObject *b)
{
    if (g_int_sign(b) < 0) {
        double x = g_int_as_double(a), y = g_int_as_double(b);
        if (g_err_occurred())
            return NULL;
        if (x == 0)
            return g_raise(&GExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
        return g_float_new(pow(x, y));
    }
    int64_t e;
    if (!g_int_as_i64(b, &e)) {
        int64_t base;
        if (g_int_as_i64(a, &base) && (base == 0 || base == 1))
            return g_int_from_i64(base);
        if (g_int_as_i64(a, &base) && base == -1)
            return g_int_from_i64((((GInt *)b)->d[0] & 1) ? -1 : 1);
        return g_raise(&GExc_OverflowError, "exponent too large");
    }
    int64_t base;
    if (g_int_as_i64(a, &base)) {
        int64_t result = 1, bb = base, ee = e;
        bool overflow = false;
        while (ee > 0) {
            if (ee & 1 && __builtin_mul_overflow(result, bb, &result)) {
                overflow = true;
                break;
            }
            ee >>= 1;
            if (ee && __builtin_mul_overflow(bb, bb, &bb)) {
                overflow = true;
                break;
            }
        }
        if (!overflow)
            return g_int_from_i64(result);
    }
    if ((double)g_int_bit_length(a) * (double)e > 8.0e9)
        return g_no_memory();
    GObject *result = g_int_from_i64(1);
    GObject *sq = g_newref(a);
    while (e > 0) {
        if (e & 1) {
            GObject *t = g_int_binop(result, sq, NB_MUL);
            g_decref(result);
            result = t;
            if (!t)
                break;
        }
        e >>= 1;
        if (e) {
            GObject *t = g_int_binop(sq, sq, NB_MUL);
            g_decref(sq);
            sq = t;
            if (!t)
                break;
        }
    }
    g_xdecref(sq);
    if (!sq) {
        g_xdecref(result);
        return NULL;
    }
    return result;
}

/* Two's complement helpers for &, |, ^ on big or negative ints. */
static uint32_t *to_twos(IntView *w, int64_t n)
{
    uint32_t *t = g_mem_calloc((size_t)n, sizeof(uint32_t));
    if (!t)
        return NULL;
    memcpy(t, w->d, (size_t)w->n * sizeof(uint32_t));
    if (w->sign < 0) {
        uint64_t carry = 1;
        for (int64_t i = 0; i < n; i++) {
            carry += (uint32_t)~t[i];
            t[i] = (uint32_t)carry;
            carry >>= 32;
        }
    }
    return t;
}

static GObject *int_bitwise(GObject *a, GObject *b, GBinOp op)
{
    int64_t x, y;
    if (g_int_as_i64(a, &x) && g_int_as_i64(b, &y))
        return g_int_from_i64(op == NB_AND ? (x & y) : op == NB_OR ? (x | y) : (x ^ y));
    IntView va, vb;
    g_view_int(a, &va);
    g_view_int(b, &vb);
    int64_t n = (va.n > vb.n ? va.n : vb.n) + 1;
    uint32_t *ta = to_twos(&va, n), *tb = to_twos(&vb, n);
    if (!ta || !tb) {
        g_mem_free(ta);
        g_mem_free(tb);
        return g_no_memory();
    }
    for (int64_t i = 0; i < n; i++)
        ta[i] = op == NB_AND ? (ta[i] & tb[i]) : op == NB_OR ? (ta[i] | tb[i]) : (ta[i] ^ tb[i]);
    int neg = (ta[n - 1] >> 31) & 1;
    if (neg) {
        /* back from two's complement: negate */
        uint64_t carry = 1;
        for (int64_t i = 0; i < n; i++) {
            carry += (uint32_t)~ta[i];
            ta[i] = (uint32_t)carry;
            carry >>= 32;
        }
    }
    GObject *r = g_int_from_mag(neg ? -1 : 1, ta, n);
    g_mem_free(ta);
    g_mem_free(tb);
    return r;
}

static GObject *int_shift(GObject *a, GObject *b, bool left)
{
    int64_t s;
    if (!g_int_as_i64(b, &s)) {
        if (g_int_sign(b) < 0)
            return g_raise(&GExc_ValueError, "negative shift count");
        if (!left || g_int_sign(a) == 0)
            return g_int_from_i64(left ? 0 : (g_int_sign(a) < 0 ? -1 : 0));
        return g_no_memory();
    }
    if (s < 0)
        return g_raise(&GExc_ValueError, "negative shift count");
    int64_t x;
    if (g_int_as_i64(a, &x)) {
        if (!left)
            return g_int_from_i64(s >= 64 ? (x < 0 ? -1 : 0) : (x >> s));
        if (x == 0)
            return g_int_from_i64(0);
        if (s < 62 && x > -((int64_t)1 << (62 - s)) && x < ((int64_t)1 << (62 - s)))
            return g_int_from_i64((int64_t)((uint64_t)x << s));
    }
    IntView w;
    g_view_int(a, &w);
    if (left) {
        if (s > ((int64_t)1 << 32))
            return g_no_memory();
        int64_t ds = s / 32, bs = s % 32;
        int64_t n = w.n + ds + 1;
        uint32_t *out = g_mem_calloc((size_t)n, sizeof(uint32_t));
        if (!out)
            return g_no_memory();
        for (int64_t i = 0; i < w.n; i++) {
            uint64_t v = (uint64_t)w.d[i] << bs;
            out[i + ds] |= (uint32_t)v;
            out[i + ds + 1] |= (uint32_t)(v >> 32);
        }
        GObject *r = g_int_from_mag(w.sign, out, n);
        g_mem_free(out);
        return r;
    }
    /* right shift: floor semantics for negatives: -((|a| - 1) >> s) - 1 */
    if (w.sign < 0) {
        GObject *one = g_int_from_i64(1);
        GObject *neg = g_int_binop(a, one, NB_ADD);           /* a + 1 (<= 0) */
        if (!neg)
            return NULL;
        GObject *pos = g_unary_neg(neg);                        /* |a| - 1 */
        g_decref(neg);
        if (!pos)
            return NULL;
        GObject *sh = int_shift(pos, b, false);
        g_decref(pos);
        if (!sh)
            return NULL;
        GObject *r = g_unary_invert(sh);
        g_decref(sh);
        return r;
    }
    int64_t ds = s / 32, bs = s % 32;
    if (ds >= w.n)
        return g_int_from_i64(0);
    int64_t n = w.n - ds;
    uint32_t *out = g_mem_calloc((size_t)n, sizeof(uint32_t));
    if (!out)
        return g_no_memory();
    for (int64_t i = 0; i < n; i++) {
        uint64_t v = w.d[i + ds] >> bs;
        if (bs && i + ds + 1 < w.n)
            v |= (uint64_t)w.d[i + ds + 1] << (32 - bs);
        out[i] = (uint32_t)v;
    }
    GObject *r = g_int_from_mag(1, out, n);
    g_mem_free(out);
    return r;
}

/* a / b, correctly rounded as CPython's is.  Exact in doubles when both are below
 * 2**53.  Otherwise: scale |a| or |b| by a power of two so that the integer quotient
 * q has 55 or 56 bits, fold a nonzero remainder into q's lowest bit (it only says
 * "a little more than q"), and let the int64 -> double conversion round q to 53 bits
 * (nearest, ties to even: the two bits below and that sticky bit decide it the way
 * the exact quotient would); then scale back. */
static GObject *int_truediv(GObject *a, GObject *b)
{
    if (g_int_sign(b) == 0)
        return g_raise(&GExc_ZeroDivisionError, "division by zero");
    int64_t x, y;
    if (g_int_as_i64(a, &x) && g_int_as_i64(b, &y) &&
        x > -(1LL << 53) && x < (1LL << 53) && y > -(1LL << 53) && y < (1LL << 53))
        return g_float_new((double)x / (double)y);
    int sign = g_int_sign(a) * g_int_sign(b);
    if (sign == 0)
        return g_float_new(g_int_sign(b) < 0 ? -0.0 : 0.0);
    int64_t shift = 55 - ((int64_t)g_int_bit_length(a) - (int64_t)g_int_bit_length(b));
    if (shift < -1100)
        return g_raise(&GExc_OverflowError, "integer division result too large for a float");
    if (shift > 1200)
        return g_float_new(sign < 0 ? -0.0 : 0.0);
    GObject *ua = g_int_sign(a) < 0 ? g_int_binop(a, g_int_from_i64(-1), NB_MUL) : g_newref(a);
    GObject *ub = g_int_sign(b) < 0 ? g_int_binop(b, g_int_from_i64(-1), NB_MUL) : g_newref(b);
    GObject *k = g_int_from_i64(shift >= 0 ? shift : -shift);
    GObject *r = NULL;
    if (ua && ub && k) {
        GObject *na = shift >= 0 ? g_int_binop(ua, k, NB_LSHIFT) : g_newref(ua);
        GObject *nb = shift >= 0 ? g_newref(ub) : g_int_binop(ub, k, NB_LSHIFT);
        GObject *q = na && nb ? g_int_binop(na, nb, NB_FLOORDIV) : NULL;
        GObject *m = na && nb ? g_int_binop(na, nb, NB_MOD) : NULL;
        int64_t qv;
        if (q && m && g_int_as_i64(q, &qv)) {
            if (g_int_sign(m) != 0)
                qv |= 1;
            double d = ldexp((double)qv, (int)-shift);
            if (isinf(d))
                g_raise(&GExc_OverflowError, "integer division result too large for a float");
            else
                r = g_float_new(sign < 0 ? -d : d);
        }
        g_xdecref(na);
        g_xdecref(nb);
        g_xdecref(q);
        g_xdecref(m);
    }
    g_xdecref(ua);
    g_xdecref(ub);
    g_xdecref(k);
    return r;
}

/* a op b for two ints (either may be bool). */
GObject *g_int_binop(GObject *a, GObject *b, GBinOp op)
{
    int64_t x = ((GInt *)a)->v, y = ((GInt *)b)->v, r;
    bool small = !((a->ob_flags | b->ob_flags) & G_INT_BIG);
    switch (op) {
    case NB_ADD:
        if (small && !__builtin_add_overflow(x, y, &r))
            return g_int_from_i64(r);
        break;
    case NB_SUB:
        if (small && !__builtin_sub_overflow(x, y, &r))
            return g_int_from_i64(r);
        break;
    case NB_MUL:
        if (small && !__builtin_mul_overflow(x, y, &r))
            return g_int_from_i64(r);
        break;
    case NB_FLOORDIV:
    case NB_MOD:
        if (small && y != 0 && !(x == INT64_MIN && y == -1)) {
            int64_t q = x / y, m = x % y;
            if (m != 0 && ((m < 0) != (y < 0))) {
                q -= 1;
                m += y;
            }
            return g_int_from_i64(op == NB_MOD ? m : q);
        }
        {
            GObject *q, *m;
            if (op == NB_MOD && g_int_sign(b) == 0)
                return g_raise(&GExc_ZeroDivisionError, "integer modulo by zero");
            if (int_divmod_floor(a, b, &q, &m) < 0)
                return NULL;
            if (op == NB_MOD) {
                g_decref(q);
                return m;
            }
            g_decref(m);
            return q;
        }
    case NB_TRUEDIV:
        return int_truediv(a, b);
    case NB_POW:
        return int_pow(a, b);
    case NB_LSHIFT:
        return int_shift(a, b, true);
    case NB_RSHIFT:
        return int_shift(a, b, false);
    case NB_AND:
    case NB_OR:
    case NB_XOR:
        return int_bitwise(a, b, op);
    default:
        return g_newref(G_NOTIMPL);
    }
    IntView va, vb;
    g_view_int(a, &va);
    g_view_int(b, &vb);
    if (op == NB_ADD)
        return big_addsub(&va, &vb, vb.sign);
    if (op == NB_SUB)
        return big_addsub(&va, &vb, -vb.sign);
    return big_mul(&va, &vb);
}

/* The number-slot form: either side may be another type. */
#define INT_SLOT(NAME, OP) \
    static GObject *NAME(GObject *a, GObject *b) \
    { \
        if (!g_is_int(a) || !g_is_int(b)) \
            return g_newref(G_NOTIMPL); \
        return g_int_binop(a, b, OP); \
    }
INT_SLOT(int_add, NB_ADD)
INT_SLOT(int_sub, NB_SUB)
INT_SLOT(int_mul, NB_MUL)
INT_SLOT(int_floordiv, NB_FLOORDIV)
INT_SLOT(int_mod, NB_MOD)
INT_SLOT(int_tdiv, NB_TRUEDIV)
INT_SLOT(int_powslot, NB_POW)
INT_SLOT(int_lshift, NB_LSHIFT)
INT_SLOT(int_rshift, NB_RSHIFT)
INT_SLOT(int_and, NB_AND)
INT_SLOT(int_or, NB_OR)
INT_SLOT(int_xor, NB_XOR)

static GObject *int_neg(GObject *a)
{
    int64_t x;
    if (g_int_as_i64(a, &x) && x != INT64_MIN)
        return g_int_from_i64(-x);
    IntView w;
    g_view_int(a, &w);
    return g_int_from_mag(-w.sign, w.d, w.n);
}

static GObject *int_pos(GObject *a)
{
    if (G_TYPE(a) == &GInt_type)
        return g_newref(a);
    IntView w;
    g_view_int(a, &w);
    return g_int_from_mag(w.sign, w.d, w.n);
}

static GObject *int_abs(GObject *a)
{
    return g_int_sign(a) < 0 ? int_neg(a) : int_pos(a);
}

static GObject *int_invert(GObject *a)
{
    int64_t x;
    if (g_int_as_i64(a, &x))
        return g_int_from_i64(~x);
    GObject *one = g_int_from_i64(1);
    GObject *s = g_int_binop(a, one, NB_ADD);
    if (!s)
        return NULL;
    GObject *r = int_neg(s);
    g_decref(s);
    return r;
}

static int int_bool(GObject *a) { return ((GInt *)a)->v != 0; }

static GObject *int_int(GObject *a) { return int_pos(a); }

static GObject *int_float(GObject *a)
{
    double d = g_int_as_double(a);
    if (g_err_occurred())
        return NULL;
    return g_float_new(d);
}

static GObject *int_repr(GObject *o) { return g_int_to_str(o, 10); }

/* ====================================================================================
 * The int and bool types
 * ==================================================================================== */

GObject *g_index(GObject *o)
{
    if (g_is_int(o))
        return g_newref(o);
    if (G_TYPE(o)->nb_index)
        return G_TYPE(o)->nb_index(o);
    return g_raise(&GExc_TypeError, "'%T' object cannot be interpreted as an integer", o);
}

int64_t g_as_ssize(GObject *o)
{
    GObject *i = g_index(o);
    if (!i)
        return -1;
    int64_t v = g_int_as_ssize(i);
    g_decref(i);
    return v;
}

static GObject *int_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    static const char *const names[] = { "x", "base", NULL };
    GObject *a[2];
    if (g_parse_args("int", args, nargs, kwnames, names, 0, a) < 0)
        return NULL;
    GObject *r;
    if (!a[0]) {
        if (a[1])
            return g_raise(&GExc_TypeError, "int() missing string argument");
        r = g_int_from_i64(0);
    } else if (a[1]) {
        int64_t base = g_as_ssize(a[1]);
        if (base == -1 && g_err_occurred())
            return NULL;
        if (!g_is_str(a[0]))
            return g_raise(&GExc_TypeError, "int() can't convert non-string with explicit base");
        if (base != 0 && (base < 2 || base > 36))
            return g_raise(&GExc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        r = g_int_from_string(g_str_data(a[0]), (size_t)g_str_nbytes(a[0]), (int)base);
    } else {
        r = g_number_to_int(a[0]);
    }
    if (!r || type == &GInt_type)
        return r;
    /* a subclass of int: copy the value into an instance of it */
    IntView w;
    g_view_int(r, &w);
    size_t extra = (r->ob_flags & G_INT_BIG) ? (size_t)w.n * sizeof(uint32_t) : 0;
    GInt *o = (GInt *)g_object_alloc(type, type->basicsize + extra);
    if (!o) {
        g_decref(r);
        return g_no_memory();
    }
    memset((char *)o + sizeof(GObject), 0, type->basicsize - sizeof(GObject));
    o->ob.ob_flags = r->ob_flags;
    o->v = ((GInt *)r)->v;
    if (extra)
        memcpy(o->d, ((GInt *)r)->d, extra);
    g_decref(r);
    return (GObject *)o;
}

static GObject *int_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (!g_is_int(a) || !g_is_int(b)) {
        if (g_is_int(a) && g_is_float(b)) {
            /* let float handle mixed comparisons exactly */
            return G_TYPE(b)->tp_richcompare(b, a, op == CMP_LT ? CMP_GT : op == CMP_LE ? CMP_GE :
                                             op == CMP_GT ? CMP_LT : op == CMP_GE ? CMP_LE : op);
        }
        return g_newref(G_NOTIMPL);
    }
    int c = g_int_compare(a, b);
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

/* A small exact int goes back to the block cache; a big one, or an instance of a
 * subclass (whose dealloc ends here), has another size. */
static void int_dealloc(GObject *o)
{
    if (G_TYPE(o) == &GInt_type && !(o->ob_flags & G_INT_BIG))
        g_word_free(o);
    else
        g_object_free(o);
}

static GObject *int_bit_length(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args;
    if (g_no_kwargs("bit_length", kw) < 0 || g_check_nargs("bit_length", nargs, 0, 0) < 0)
        return NULL;
    return g_int_from_u64(g_int_bit_length(self));
}

static GObject *int_conjugate(GObject *self, GObject *const *args, size_t nargs, GObject *kw)
{
    (void)args;
    if (g_no_kwargs("conjugate", kw) < 0 || g_check_nargs("conjugate", nargs, 0, 0) < 0)
        return NULL;
    return int_pos(self);
}

static GObject *int_get_real(GObject *self) { return int_pos(self); }
static GObject *int_get_imag(GObject *self) { (void)self; return g_int_from_i64(0); }

static const GMethodDef int_methods[] = {
    { "bit_length", int_bit_length, 0, "Number of bits necessary to represent self in binary." },
    { "conjugate", int_conjugate, 0, NULL },
    { "to_bytes", g_int_to_bytes, 0, NULL }, { "from_bytes", g_int_from_bytes, G_METH_CLASS, NULL },
    { NULL, NULL, 0, NULL },
};

static const GGetSetDef int_getsets[] = {
    { "real", int_get_real, NULL },
    { "imag", int_get_imag, NULL },
    { "numerator", int_get_real, NULL },
    { NULL, NULL, NULL },
};

GType GInt_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "int",
    .basicsize = sizeof(GInt),
    .itemsize = sizeof(uint32_t),
    .flags = G_TPFLAG_BASETYPE | G_TPFLAG_INT | G_TPFLAG_LEAF,
    .base = &GObject_type,
    .tp_new = int_new,
    .tp_dealloc = int_dealloc,
    .tp_repr = int_repr,
    .tp_hash = g_int_hash,
    .tp_richcompare = int_richcompare,
    .nb = { [NB_ADD] = int_add, [NB_SUB] = int_sub, [NB_MUL] = int_mul,
            [NB_TRUEDIV] = int_tdiv, [NB_FLOORDIV] = int_floordiv, [NB_MOD] = int_mod,
            [NB_POW] = int_powslot, [NB_LSHIFT] = int_lshift, [NB_RSHIFT] = int_rshift,
            [NB_AND] = int_and, [NB_OR] = int_or, [NB_XOR] = int_xor },
    .nb_neg = int_neg, .nb_pos = int_pos, .nb_abs = int_abs, .nb_invert = int_invert,
    .nb_bool = int_bool, .nb_int = int_int, .nb_float = int_float, .nb_index = int_int,
    .methods = int_methods,
    .getsets = int_getsets,
};

/* ---- bool ---- */

static GObject *bool_repr(GObject *o) { return g_str_intern(((GInt *)o)->v ? "True" : "False"); }

static GObject *bool_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    (void)type;
    if (g_no_kwargs("bool", kwnames) < 0 || g_check_nargs("bool", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 0)
        return G_FALSE;
    int t = g_truthy(args[0]);
    if (t < 0)
        return NULL;
    return g_bool(t);
}

#define BOOL_LOGIC(NAME, OP, EXPR) \
    static GObject *NAME(GObject *a, GObject *b) \
    { \
        if (G_TYPE(a) == &GBool_type && G_TYPE(b) == &GBool_type) { \
            bool x = ((GInt *)a)->v, y = ((GInt *)b)->v; \
            return g_bool(EXPR); \
        } \
        if (!g_is_int(a) || !g_is_int(b)) \
            return g_newref(G_NOTIMPL); \
        return g_int_binop(a, b, OP); \
    }
BOOL_LOGIC(bool_and, NB_AND, x && y)
BOOL_LOGIC(bool_or, NB_OR, x || y)
BOOL_LOGIC(bool_xor, NB_XOR, x != y)

GType GBool_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "bool",
    .basicsize = sizeof(GInt),
    .flags = G_TPFLAG_INT | G_TPFLAG_LEAF,
    .base = &GInt_type,
    .tp_new = bool_new,
    .tp_dealloc = int_dealloc,
    .tp_repr = bool_repr,
    .tp_hash = g_int_hash,
    .tp_richcompare = int_richcompare,
    .nb = { [NB_ADD] = int_add, [NB_SUB] = int_sub, [NB_MUL] = int_mul,
            [NB_TRUEDIV] = int_tdiv, [NB_FLOORDIV] = int_floordiv, [NB_MOD] = int_mod,
            [NB_POW] = int_powslot, [NB_LSHIFT] = int_lshift, [NB_RSHIFT] = int_rshift,
            [NB_AND] = bool_and, [NB_OR] = bool_or, [NB_XOR] = bool_xor },
    .nb_neg = int_neg, .nb_pos = int_pos, .nb_abs = int_abs, .nb_invert = int_invert,
    .nb_bool = int_bool, .nb_int = int_int, .nb_float = int_float, .nb_index = int_int,
    .methods = int_methods,
    .getsets = int_getsets,
};

void g_int_init(void)
{
    for (int i = G_SMALLINT_MIN; i <= G_SMALLINT_MAX; i++) {
        GInt *o = &g_small_ints[i - G_SMALLINT_MIN];
        GObject h = G_STATIC_HEADER(&GInt_type);
        memcpy(&o->ob, &h, sizeof h);
        o->v = i;
    }
}
