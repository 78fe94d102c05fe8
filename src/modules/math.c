/* math.c -- the math module: the C library's functions with Python's errors.
 *
 * Domain errors raise ValueError("math domain error") and overflows
 * OverflowError("math range error"), as CPython does.  gcd, factorial, comb, perm
 * and isqrt work on arbitrary-precision ints.
 */
#include <errno.h>
#include <math.h>

#include "modules/modules.h"

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

static bool arg_double(GObject *o, double *out)
{
    if (g_is_float(o) || g_is_int(o))
        return g_as_double(o, out);
    GObject *f = g_number_to_float(o);
    if (!f) {
        if (g_err_matches(&GExc_TypeError)) {
            g_err_clear();
            g_raise(&GExc_TypeError, "must be real number, not %T", o);
        }
        return false;
    }
    *out = g_float_value(f);
    g_decref(f);
    return true;
}

static GObject *math_result(double r, double x, bool check_domain)
{
    if (isnan(r) && !isnan(x) && check_domain)
        return g_raise(&GExc_ValueError, "math domain error");
    if (isinf(r) && isfinite(x))
        return g_raise(&GExc_OverflowError, "math range error");
    return g_float_new(r);
}

#define MATH1(NAME, FN) \
    static GObject *math_##NAME(ARGS) \
    { \
        (void)self; \
        if (g_no_kwargs(#NAME, kw) < 0 || g_check_nargs(#NAME, nargs, 1, 1) < 0) \
            return NULL; \
        double x; \
        if (!arg_double(args[0], &x)) \
            return NULL; \
        return math_result(FN(x), x, true); \
    }
MATH1(exp, exp)
MATH1(sin, sin)
MATH1(cos, cos)
MATH1(tan, tan)
MATH1(asin, asin)
MATH1(acos, acos)
MATH1(atan, atan)
MATH1(sinh, sinh)
MATH1(cosh, cosh)
MATH1(tanh, tanh)
MATH1(fabs, fabs)
MATH1(expm1, expm1)
MATH1(log1p, log1p)

static GObject *math_sqrt(ARGS)
{
    (void)self;
    if (g_no_kwargs("sqrt", kw) < 0 || g_check_nargs("sqrt", nargs, 1, 1) < 0)
        return NULL;
    double x;
    if (!arg_double(args[0], &x))
        return NULL;
    if (x < 0)
        return g_raise(&GExc_ValueError, "math domain error");
    return g_float_new(sqrt(x));
}

static double log_of(GObject *o, bool *ok)
{
    double x;
    *ok = true;
    if (g_is_int(o) && !g_int_is_small(o) && g_int_sign(o) > 0) {
        /* huge ints: log(x) = log(x / 2**k) + k*log(2) */
        size_t bits = g_int_bit_length(o);
        GObject *k = g_int_from_i64((int64_t)bits - 60);
        GObject *shifted = g_int_binop(o, k, NB_RSHIFT);
        g_decref(k);
        double v = g_int_as_double(shifted);
        g_decref(shifted);
        return log(v) + (double)(bits - 60) * log(2.0);
    }
    if (!arg_double(o, &x)) {
        *ok = false;
        return 0;
    }
    if (x <= 0) {
        g_raise(&GExc_ValueError, "math domain error");
        *ok = false;
        return 0;
    }
    return log(x);
}

static GObject *math_log(ARGS)
{
    (void)self;
    if (g_no_kwargs("log", kw) < 0 || g_check_nargs("log", nargs, 1, 2) < 0)
        return NULL;
    bool ok;
    double l = log_of(args[0], &ok);
    if (!ok)
        return NULL;
    if (nargs == 2) {
        double b = log_of(args[1], &ok);
        if (!ok)
            return NULL;
        if (b == 0)
            return g_raise(&GExc_ZeroDivisionError, "float division by zero");
        return g_float_new(l / b);
    }
    return g_float_new(l);
}

static GObject *math_log2(ARGS)
{
    (void)self;
    if (g_no_kwargs("log2", kw) < 0 || g_check_nargs("log2", nargs, 1, 1) < 0)
        return NULL;
    double x;
    if (!arg_double(args[0], &x))
        return NULL;
    if (x <= 0)
        return g_raise(&GExc_ValueError, "math domain error");
    return g_float_new(log2(x));
}

static GObject *math_log10(ARGS)
{
    (void)self;
    if (g_no_kwargs("log10", kw) < 0 || g_check_nargs("log10", nargs, 1, 1) < 0)
        return NULL;
    double x;
    if (!arg_double(args[0], &x))
        return NULL;
    if (x <= 0)
        return g_raise(&GExc_ValueError, "math domain error");
    return g_float_new(log10(x));
}

static GObject *to_int_rounded(GObject *o, double (*fn)(double), const char *dunder)
{
    if (g_is_int(o))
        return g_newref(o);
    if (!g_is_float(o)) {
        GObject *m = g_lookup_special(o, g_str_intern(dunder));
        if (m) {
            GObject *r = g_call0(m);
            g_decref(m);
            return r;
        }
    }
    double x;
    if (!arg_double(o, &x))
        return NULL;
    return g_int_from_double(fn(x));
}

static GObject *math_floor(ARGS)
{
    (void)self;
    if (g_no_kwargs("floor", kw) < 0 || g_check_nargs("floor", nargs, 1, 1) < 0)
        return NULL;
    return to_int_rounded(args[0], floor, "__floor__");
}

static GObject *math_ceil(ARGS)
{
    (void)self;
    if (g_no_kwargs("ceil", kw) < 0 || g_check_nargs("ceil", nargs, 1, 1) < 0)
        return NULL;
    return to_int_rounded(args[0], ceil, "__ceil__");
}

static GObject *math_trunc(ARGS)
{
    (void)self;
    if (g_no_kwargs("trunc", kw) < 0 || g_check_nargs("trunc", nargs, 1, 1) < 0)
        return NULL;
    return to_int_rounded(args[0], trunc, "__trunc__");
}

#define MATH2(NAME, BODY) \
    static GObject *math_##NAME(ARGS) \
    { \
        (void)self; \
        if (g_no_kwargs(#NAME, kw) < 0 || g_check_nargs(#NAME, nargs, 2, 2) < 0) \
            return NULL; \
        double x, y; \
        if (!arg_double(args[0], &x) || !arg_double(args[1], &y)) \
            return NULL; \
        BODY \
    }
MATH2(pow, {
    if (x == 0 && y < 0)
        return g_raise(&GExc_ValueError, "math domain error");
    double r = pow(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y))
        return g_raise(&GExc_ValueError, "math domain error");
    if (isinf(r) && isfinite(x) && isfinite(y))
        return g_raise(&GExc_OverflowError, "math range error");
    return g_float_new(r);
})
MATH2(atan2, { return g_float_new(atan2(x, y)); })
MATH2(copysign, { return g_float_new(copysign(x, y)); })
MATH2(fmod, {
    if (y == 0 || isinf(x))
        return g_raise(&GExc_ValueError, "math domain error");
    return g_float_new(fmod(x, y));
})
MATH2(ldexp_d, { return g_float_new(ldexp(x, (int)y)); })

static GObject *math_hypot(ARGS)
{
    (void)self; (void)kw;
    double acc = 0;
    for (size_t i = 0; i < nargs; i++) {
        double x;
        if (!arg_double(args[i], &x))
            return NULL;
        acc = hypot(acc, x);
    }
    return g_float_new(acc);
}

static GObject *math_degrees(ARGS)
{
    (void)self;
    if (g_no_kwargs("degrees", kw) < 0 || g_check_nargs("degrees", nargs, 1, 1) < 0)
        return NULL;
    double x;
    if (!arg_double(args[0], &x))
        return NULL;
    return g_float_new(x * (180.0 / M_PI));
}

static GObject *math_radians(ARGS)
{
    (void)self;
    if (g_no_kwargs("radians", kw) < 0 || g_check_nargs("radians", nargs, 1, 1) < 0)
        return NULL;
    double x;
    if (!arg_double(args[0], &x))
        return NULL;
    return g_float_new(x * (M_PI / 180.0));
}

#define MATHPRED(NAME, EXPR) \
    static GObject *math_##NAME(ARGS) \
    { \
        (void)self; \
        if (g_no_kwargs(#NAME, kw) < 0 || g_check_nargs(#NAME, nargs, 1, 1) < 0) \
            return NULL; \
        double x; \
        if (!arg_double(args[0], &x)) \
            return NULL; \
        return g_bool(EXPR); \
    }
MATHPRED(isfinite, isfinite(x))
MATHPRED(isinf, isinf(x))
MATHPRED(isnan, isnan(x))

static GObject *math_isclose(ARGS)
{
    (void)self;
    static const char *const names[] = { "a", "b", "rel_tol", "abs_tol", NULL };
    GObject *a[4];
    if (g_parse_args("isclose", args, nargs, kw, names, 2, a) < 0)
        return NULL;
    double x, y, rel = 1e-9, abs_tol = 0;
    if (!arg_double(a[0], &x) || !arg_double(a[1], &y) || (a[2] && !arg_double(a[2], &rel)) ||
        (a[3] && !arg_double(a[3], &abs_tol)))
        return NULL;
    if (rel < 0 || abs_tol < 0)
        return g_raise(&GExc_ValueError, "tolerances must be non-negative");
    if (x == y)
        return G_TRUE;
    if (isinf(x) || isinf(y))
        return G_FALSE;
    double diff = fabs(y - x);
    return g_bool(diff <= fabs(rel * y) || diff <= fabs(rel * x) || diff <= abs_tol);
}

static GObject *int_arg(GObject *o)
{
    if (!g_is_int(o))
        return g_raise(&GExc_TypeError, "'%T' object cannot be interpreted as an integer", o);
    return g_newref(o);
}

static GObject *gcd2(GObject *a, GObject *b)
{
    GObject *x = g_abs(a), *y = g_abs(b);
    while (x && y && g_int_sign(y) != 0) {
        GObject *r = g_int_binop(x, y, NB_MOD);
        g_decref(x);
        x = y;
        y = r;
    }
    g_xdecref(y);
    return x;
}

static GObject *math_gcd(ARGS)
{
    (void)self; (void)kw;
    GObject *acc = g_int_from_i64(0);
    for (size_t i = 0; i < nargs && acc; i++) {
        GObject *v = int_arg(args[i]);
        if (!v) {
            g_decref(acc);
            return NULL;
        }
        GObject *g = gcd2(acc, v);
        g_decref(v);
        g_decref(acc);
        acc = g;
    }
    return acc;
}

static GObject *math_lcm(ARGS)
{
    (void)self; (void)kw;
    GObject *acc = g_int_from_i64(1);
    for (size_t i = 0; i < nargs && acc; i++) {
        GObject *v = int_arg(args[i]);
        if (!v) {
            g_decref(acc);
            return NULL;
        }
        if (g_int_sign(v) == 0) {
            g_decref(v);
            g_decref(acc);
            return g_int_from_i64(0);
        }
        GObject *g = gcd2(acc, v);
        GObject *prod = g ? g_int_binop(acc, v, NB_MUL) : NULL;
        GObject *l = prod ? g_int_binop(prod, g, NB_FLOORDIV) : NULL;
        GObject *al = l ? g_abs(l) : NULL;
        g_xdecref(g);
        g_xdecref(prod);
        g_xdecref(l);
        g_decref(v);
        g_decref(acc);
        acc = al;
    }
    return acc;
}

static GObject *product_range(int64_t lo, int64_t hi)
{
    /* product of lo..hi inclusive, split in halves to keep operands balanced */
    if (lo > hi)
        return g_int_from_i64(1);
    if (hi - lo < 8) {
        GObject *acc = g_int_from_i64(1);
        for (int64_t i = lo; i <= hi && acc; i++) {
            GObject *v = g_int_from_i64(i);
            GObject *n = g_int_binop(acc, v, NB_MUL);
            g_decref(acc);
            acc = n;
        }
        return acc;
    }
    int64_t mid = lo + (hi - lo) / 2;
    GObject *a = product_range(lo, mid), *b = a ? product_range(mid + 1, hi) : NULL;
    GObject *r = b ? g_int_binop(a, b, NB_MUL) : NULL;
    g_xdecref(a);
    g_xdecref(b);
    return r;
}

static GObject *math_factorial(ARGS)
{
    (void)self;
    if (g_no_kwargs("factorial", kw) < 0 || g_check_nargs("factorial", nargs, 1, 1) < 0)
        return NULL;
    if (!g_is_int(args[0]))
        return g_raise(&GExc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    int64_t n;
    if (!g_int_as_i64(args[0], &n) || n > 1000000)
        return g_raise(&GExc_OverflowError, "factorial() argument should not exceed %ld", 1000000L);
    if (n < 0)
        return g_raise(&GExc_ValueError, "factorial() not defined for negative values");
    return product_range(2, n);
}

static GObject *math_comb_perm(GObject *const *args, size_t nargs, GObject *kw, bool comb)
{
    const char *name = comb ? "comb" : "perm";
    if (g_no_kwargs(name, kw) < 0 || g_check_nargs(name, nargs, comb ? 2 : 1, 2) < 0)
        return NULL;
    int64_t n, k;
    if (!g_is_int(args[0]) || (nargs == 2 && !g_is_int(args[1])))
        return g_raise(&GExc_TypeError, "'%T' object cannot be interpreted as an integer",
                       !g_is_int(args[0]) ? args[0] : args[1]);
    if (!g_int_as_i64(args[0], &n) || (nargs == 2 && !g_int_as_i64(args[1], &k)))
        return g_raise(&GExc_OverflowError, "%s() arguments too large for gilt", name);
    if (nargs == 1)
        k = n;
    if (n < 0)
        return g_raise(&GExc_ValueError, "n must be a non-negative integer");
    if (k < 0)
        return g_raise(&GExc_ValueError, "k must be a non-negative integer");
    if (k > n)
        return g_int_from_i64(0);
    if (comb && k > n - k)
        k = n - k;
    GObject *num = product_range(n - k + 1, n);
    if (!comb || !num)
        return num;
    GObject *den = product_range(2, k);
    GObject *r = den ? g_int_binop(num, den, NB_FLOORDIV) : NULL;
    g_decref(num);
    g_xdecref(den);
    return r;
}
static GObject *math_comb(ARGS) { (void)self; return math_comb_perm(args, nargs, kw, true); }
static GObject *math_perm(ARGS) { (void)self; return math_comb_perm(args, nargs, kw, false); }

static GObject *math_isqrt(ARGS)
{
    (void)self;
    if (g_no_kwargs("isqrt", kw) < 0 || g_check_nargs("isqrt", nargs, 1, 1) < 0)
        return NULL;
    GObject *n = g_index(args[0]);
    if (!n)
        return NULL;
    if (g_int_sign(n) < 0) {
        g_decref(n);
        return g_raise(&GExc_ValueError, "isqrt() argument must be nonnegative");
    }
    if (g_int_sign(n) == 0)
        return n;
    /* Newton's method from an over-estimate */
    GObject *one = g_int_from_i64(1);
    GObject *shift = g_int_from_i64((int64_t)(g_int_bit_length(n) + 1) / 2);
    GObject *x = g_int_binop(one, shift, NB_LSHIFT);
    g_decref(shift);
    for (;;) {
        GObject *q = g_int_binop(n, x, NB_FLOORDIV);
        GObject *s = q ? g_int_binop(x, q, NB_ADD) : NULL;
        GObject *y = s ? g_int_binop(s, one, NB_RSHIFT) : NULL;
        g_xdecref(q);
        g_xdecref(s);
        if (!y) {
            g_decref(x);
            g_decref(n);
            return NULL;
        }
        if (g_int_compare(y, x) >= 0) {
            g_decref(y);
            break;
        }
        g_decref(x);
        x = y;
    }
    g_decref(n);
    return x;
}

/* Add x into the partials: non-overlapping doubles whose exact sum is the running
 * total, smallest first (Shewchuk's algorithm, as CPython's fsum).  False: an
 * intermediate sum overflowed. */
static bool fsum_add(double **p, int64_t *n, int64_t *cap, double x)
{
    int64_t i = 0;
    for (int64_t j = 0; j < *n; j++) {
        double y = (*p)[j];
        if (fabs(x) < fabs(y)) {
            double t = x;
            x = y;
            y = t;
        }
        double hi = x + y, lo = y - (hi - x);
        if (lo != 0.0)
            (*p)[i++] = lo;
        x = hi;
    }
    *n = i;
    if (!isfinite(x))
        return false;
    if (x == 0.0)
        return true;          /* zeros are not kept: [-0.0, -0.0] sums to 0.0, as in CPython */
    if (i >= *cap) {
        int64_t c = *cap * 2;
        double *q = g_mem_realloc(*p, (size_t)c * sizeof(double));
        if (!q)
            return false;
        *p = q;
        *cap = c;
    }
    (*p)[i++] = x;
    *n = i;
    return true;
}

/* The partials' exact sum, correctly rounded (ties to even). */
static double fsum_round(const double *p, int64_t n)
{
    if (n == 0)
        return 0.0;
    double hi = p[--n], lo = 0.0;
    while (n > 0) {
        double x = hi, y = p[--n];
        hi = x + y;
        lo = y - (hi - x);
        if (lo != 0.0)
            break;
    }
    /* a half-way case the top two did not settle: the next partial's sign decides */
    if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
        double y = lo * 2, x = hi + y;
        if (y == x - hi)
            hi = x;
    }
    return hi;
}

static GObject *math_fsum(ARGS)
{
    (void)self;
    if (g_no_kwargs("fsum", kw) < 0 || g_check_nargs("fsum", nargs, 1, 1) < 0)
        return NULL;
    GObject *it = g_iter(args[0]);
    if (!it)
        return NULL;
    int64_t n = 0, cap = 32;
    double *p = g_mem_alloc((size_t)cap * sizeof(double));
    double special = 0.0;     /* the sum of the infinities and NaNs, kept apart */
    double infs = 0.0;        /* of the infinities alone: NaN if both signs came */
    bool overflow = false;
    GObject *v;
    while (p && (v = g_next(it))) {
        double x;
        bool ok = arg_double(v, &x);
        g_decref(v);
        if (!ok)
            break;
        if (!isfinite(x)) {
            special += x;
            if (isinf(x))
                infs += x;
        } else if (!overflow && !fsum_add(&p, &n, &cap, x))
            overflow = true;
    }
    g_decref(it);
    GObject *r = NULL;
    if (!p)
        r = g_no_memory();
    else if (g_err_occurred())
        r = NULL;
    else if (special != 0.0)      /* true for a NaN too */
        r = isnan(infs) ? g_raise(&GExc_ValueError, "-inf + inf in fsum") : g_float_new(special);
    else if (overflow)
        r = g_raise(&GExc_OverflowError, "intermediate overflow in fsum");
    else
        r = g_float_new(fsum_round(p, n));
    g_mem_free(p);
    return r;
}

static GObject *math_prod(ARGS)
{
    (void)self;
    static const char *const names[] = { "iterable", "start", NULL };
    GObject *a[2];
    if (g_parse_args("prod", args, nargs, kw, names, 1, a) < 0)
        return NULL;
    GObject *acc = a[1] ? g_newref(a[1]) : g_int_from_i64(1);
    GObject *it = g_iter(a[0]);
    if (!it) {
        g_decref(acc);
        return NULL;
    }
    GObject *v;
    while ((v = g_next(it))) {
        GObject *n = g_binary_op(acc, v, NB_MUL);
        g_decref(v);
        g_decref(acc);
        acc = n;
        if (!acc)
            break;
    }
    g_decref(it);
    if (!acc || g_err_occurred()) {
        g_xdecref(acc);
        return NULL;
    }
    return acc;
}

static GObject *math_modf(ARGS)
{
    (void)self;
    if (g_no_kwargs("modf", kw) < 0 || g_check_nargs("modf", nargs, 1, 1) < 0)
        return NULL;
    double x, ip;
    if (!arg_double(args[0], &x))
        return NULL;
    double fp = modf(x, &ip);
    GObject *a = g_float_new(fp), *b = g_float_new(ip);
    GObject *t = g_tuple_pack(2, a, b);
    g_decref(a);
    g_decref(b);
    return t;
}

static GObject *math_frexp(ARGS)
{
    (void)self;
    if (g_no_kwargs("frexp", kw) < 0 || g_check_nargs("frexp", nargs, 1, 1) < 0)
        return NULL;
    double x;
    if (!arg_double(args[0], &x))
        return NULL;
    int e;
    double m = frexp(x, &e);
    GObject *a = g_float_new(m), *b = g_int_from_i64(e);
    GObject *t = g_tuple_pack(2, a, b);
    g_decref(a);
    g_decref(b);
    return t;
}

static const GMethodDef math_functions[] = {
    { "sqrt", math_sqrt, 0, NULL }, { "exp", math_exp, 0, NULL }, { "log", math_log, 0, NULL },
    { "log2", math_log2, 0, NULL }, { "log10", math_log10, 0, NULL }, { "sin", math_sin, 0, NULL },
    { "cos", math_cos, 0, NULL }, { "tan", math_tan, 0, NULL }, { "asin", math_asin, 0, NULL },
    { "acos", math_acos, 0, NULL }, { "atan", math_atan, 0, NULL }, { "atan2", math_atan2, 0, NULL },
    { "sinh", math_sinh, 0, NULL }, { "cosh", math_cosh, 0, NULL }, { "tanh", math_tanh, 0, NULL },
    { "fabs", math_fabs, 0, NULL }, { "expm1", math_expm1, 0, NULL }, { "log1p", math_log1p, 0, NULL },
    { "floor", math_floor, 0, NULL }, { "ceil", math_ceil, 0, NULL }, { "trunc", math_trunc, 0, NULL },
    { "pow", math_pow, 0, NULL }, { "copysign", math_copysign, 0, NULL }, { "fmod", math_fmod, 0, NULL },
    { "ldexp", math_ldexp_d, 0, NULL }, { "hypot", math_hypot, 0, NULL }, { "degrees", math_degrees, 0, NULL },
    { "radians", math_radians, 0, NULL }, { "isfinite", math_isfinite, 0, NULL }, { "isinf", math_isinf, 0, NULL },
    { "isnan", math_isnan, 0, NULL }, { "isclose", math_isclose, 0, NULL }, { "gcd", math_gcd, 0, NULL },
    { "lcm", math_lcm, 0, NULL }, { "factorial", math_factorial, 0, NULL }, { "comb", math_comb, 0, NULL },
    { "perm", math_perm, 0, NULL }, { "isqrt", math_isqrt, 0, NULL }, { "fsum", math_fsum, 0, NULL },
    { "prod", math_prod, 0, NULL }, { "modf", math_modf, 0, NULL }, { "frexp", math_frexp, 0, NULL },
    { NULL, NULL, 0, NULL },
};

GObject *g_math_init(void)
{
    GObject *m = g_module_new("math");
    if (!m)
        return NULL;
    g_module_add_functions(m, math_functions);
    g_module_add(m, "pi", g_float_new(M_PI));
    g_module_add(m, "e", g_float_new(M_E));
    g_module_add(m, "tau", g_float_new(2 * M_PI));
    g_module_add(m, "inf", g_float_new(INFINITY));
    g_module_add(m, "nan", g_float_new(NAN));
    return m;
}
