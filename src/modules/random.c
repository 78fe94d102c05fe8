/* random.c -- the random module: a Mersenne Twister with CPython's algorithms.
 *
 * The generator is MT19937, seeded from an int the way CPython does (the int's
 * 32-bit words fed to init_by_array), and every derived function (random, randrange,
 * choice, shuffle, sample, gauss, choices) follows CPython's recipe.  So a seeded
 * script prints the same numbers under gilt and python3 -- which keeps classroom
 * output reproducible and lets the tests compare against CPython.
 *
 * The module-level functions are methods of one hidden Random instance; random.Random
 * makes independent generators.
 */
#include <math.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "modules/modules.h"
#include "runtime/critsec.h"

#define MT_N 624
#define MT_M 397

typedef struct {
    GObject ob;
    uint32_t mt[MT_N];
    int index;
    double gauss_next;
    bool has_gauss;
} GRandom;

static GType GRandom_type;

static void init_genrand(GRandom *r, uint32_t s)
{
    r->mt[0] = s;
    for (int i = 1; i < MT_N; i++)
        r->mt[i] = 1812433253u * (r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) + (uint32_t)i;
    r->index = MT_N;
}

static void init_by_array(GRandom *r, const uint32_t *key, size_t len)
{
    init_genrand(r, 19650218u);
    size_t i = 1, j = 0;
    for (size_t k = MT_N > len ? MT_N : len; k; k--) {
        r->mt[i] = (r->mt[i] ^ ((r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint32_t)j;
        i++;
        j++;
        if (i >= MT_N) {
            r->mt[0] = r->mt[MT_N - 1];
            i = 1;
        }
        if (j >= len)
            j = 0;
    }
    for (size_t k = MT_N - 1; k; k--) {
        r->mt[i] = (r->mt[i] ^ ((r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) * 1566083941u)) - (uint32_t)i;
        i++;
        if (i >= MT_N) {
            r->mt[0] = r->mt[MT_N - 1];
            i = 1;
        }
    }
    r->mt[0] = 0x80000000u;
    r->has_gauss = false;
}

/* The next 32 random bits.  Threads share the module's generator, so this runs in
 * a (short) critical section on it: two threads stepping `index` at once could
 * otherwise read past the end of mt[]. */
static uint32_t genrand_locked(GRandom *r);
static uint32_t genrand(GRandom *r)
{
    GCritSec cs;
    g_critsec_begin_short(&cs, (GObject *)r);
    uint32_t y = genrand_locked(r);
    g_critsec_end_short(&cs);
    return y;
}

static uint32_t genrand_locked(GRandom *r)
{
    static const uint32_t mag01[2] = { 0, 0x9908b0dfu };
    if (r->index >= MT_N) {
        int kk;
        uint32_t y;
        for (kk = 0; kk < MT_N - MT_M; kk++) {
            y = (r->mt[kk] & 0x80000000u) | (r->mt[kk + 1] & 0x7fffffffu);
            r->mt[kk] = r->mt[kk + MT_M] ^ (y >> 1) ^ mag01[y & 1];
        }
        for (; kk < MT_N - 1; kk++) {
            y = (r->mt[kk] & 0x80000000u) | (r->mt[kk + 1] & 0x7fffffffu);
            r->mt[kk] = r->mt[kk + (MT_M - MT_N)] ^ (y >> 1) ^ mag01[y & 1];
        }
        y = (r->mt[MT_N - 1] & 0x80000000u) | (r->mt[0] & 0x7fffffffu);
        r->mt[MT_N - 1] = r->mt[MT_M - 1] ^ (y >> 1) ^ mag01[y & 1];
        r->index = 0;
    }
    uint32_t y = r->mt[r->index++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

static double random_double(GRandom *r)
{
    uint32_t a = genrand(r) >> 5, b = genrand(r) >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

static int seed_from(GRandom *r, GObject *arg)
{
    if ((!arg || arg == G_NONE) && g_sched_controlled()) {
        /* a controlled run must repeat: seed from its virtual clock only */
        uint64_t t = (uint64_t)g_sched_now_ns();
        uint32_t key[2] = { (uint32_t)t, (uint32_t)(t >> 32) };
        init_by_array(r, key, 2);
        return 0;
    }
    if (!arg || arg == G_NONE) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint32_t key[4] = { (uint32_t)ts.tv_nsec, (uint32_t)ts.tv_sec, (uint32_t)getpid(), (uint32_t)(uintptr_t)r };
        init_by_array(r, key, 4);
        return 0;
    }
    GObject *n;
    if (g_is_int(arg)) {
        n = g_abs(arg);
    } else if (g_is_float(arg) || g_is_str(arg)) {
        /* CPython hashes these differently; gilt seeds from hash() (docs/language.md) */
        int64_t h = g_hash(arg);
        GObject *hv = g_int_from_i64(h);
        n = hv ? g_abs(hv) : NULL;
        g_xdecref(hv);
    } else {
        g_raise(&GExc_TypeError, "The only supported seed types are: None, int, float, str");
        return -1;
    }
    if (!n)
        return -1;
    size_t bits = g_int_bit_length(n);
    size_t words = bits ? (bits + 31) / 32 : 1;
    uint32_t *key = g_mem_alloc(words * sizeof(uint32_t));
    if (!key) {
        g_decref(n);
        g_no_memory();
        return -1;
    }
    GObject *mask = g_int_from_u64(0xffffffffu), *shift = g_int_from_i64(32);
    GObject *cur = g_newref(n);
    for (size_t i = 0; i < words; i++) {
        GObject *w = g_int_binop(cur, mask, NB_AND);
        int64_t v = 0;
        g_int_as_i64(w, &v);
        key[i] = (uint32_t)v;
        g_decref(w);
        GObject *next = g_int_binop(cur, shift, NB_RSHIFT);
        g_decref(cur);
        cur = next;
    }
    g_decref(cur);
    g_decref(mask);
    g_decref(n);
    init_by_array(r, key, words);
    g_mem_free(key);
    return 0;
}

static GObject *getrandbits(GRandom *r, int64_t k)
{
    if (k <= 32)
        return g_int_from_u64(k == 0 ? 0 : genrand(r) >> (32 - k));
    GObject *acc = g_int_from_i64(0);
    int64_t shift = 0;
    for (int64_t left = k; left > 0 && acc; left -= 32) {
        uint32_t w = genrand(r);
        if (left < 32)
            w >>= (32 - left);
        GObject *wv = g_int_from_u64(w), *sh = g_int_from_i64(shift);
        GObject *part = g_int_binop(wv, sh, NB_LSHIFT);
        g_decref(wv);
        g_decref(sh);
        GObject *n = part ? g_int_binop(acc, part, NB_OR) : NULL;
        g_xdecref(part);
        g_decref(acc);
        acc = n;
        shift += 32;
    }
    return acc;
}

/* A random int in [0, n), by rejection sampling on n.bit_length() bits. */
static GObject *randbelow(GRandom *r, GObject *n)
{
    int64_t small;
    if (g_int_as_i64(n, &small) && small > 0 && small < ((int64_t)1 << 32)) {
        int k = 64 - __builtin_clzll((uint64_t)small);
        uint64_t v;
        do
            v = genrand(r) >> (32 - k);
        while (v >= (uint64_t)small);
        return g_int_from_i64((int64_t)v);
    }
    int64_t k = (int64_t)g_int_bit_length(n);
    for (;;) {
        GObject *v = getrandbits(r, k);
        if (!v || g_int_compare(v, n) < 0)
            return v;
        g_decref(v);
    }
}

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw
#define R ((GRandom *)self)

static GObject *m_seed(ARGS)
{
    static const char *const names[] = { "a", "version", NULL };
    GObject *a[2];
    if (g_parse_args("seed", args, nargs, kw, names, 0, a) < 0)
        return NULL;
    GCritSec cs;
    g_critsec_begin(&cs, self);   /* full: hashing a str or other seed may run code */
    int r = seed_from(R, a[0]);
    g_critsec_end(&cs);
    return r < 0 ? NULL : G_NONE;
}

static GObject *m_random(ARGS)
{
    (void)args;
    if (g_no_kwargs("random", kw) < 0 || g_check_nargs("random", nargs, 0, 0) < 0)
        return NULL;
    return g_float_new(random_double(R));
}

static GObject *m_getrandbits(ARGS)
{
    if (g_no_kwargs("getrandbits", kw) < 0 || g_check_nargs("getrandbits", nargs, 1, 1) < 0)
        return NULL;
    int64_t k = g_as_ssize(args[0]);
    if (k == -1 && g_err_occurred())
        return NULL;
    if (k < 0)
        return g_raise(&GExc_ValueError, "number of bits must be non-negative");
    return getrandbits(R, k);
}

static GObject *randrange(GRandom *r, GObject *start, GObject *stop, GObject *step)
{
    GObject *istart = g_index(start);
    if (!istart)
        return NULL;
    if (!stop || stop == G_NONE) {
        if (g_int_sign(istart) > 0) {
            GObject *v = randbelow(r, istart);
            g_decref(istart);
            return v;
        }
        g_decref(istart);
        return g_raise(&GExc_ValueError, "empty range for randrange()");
    }
    GObject *istop = g_index(stop);
    if (!istop) {
        g_decref(istart);
        return NULL;
    }
    GObject *width = g_int_binop(istop, istart, NB_SUB);
    GObject *istep = step ? g_index(step) : g_int_from_i64(1);
    GObject *result = NULL;
    if (!width || !istep)
        goto done;
    int64_t s;
    if (g_int_as_i64(istep, &s) && s == 1) {
        if (g_int_sign(width) > 0) {
            GObject *v = randbelow(r, width);
            result = v ? g_int_binop(istart, v, NB_ADD) : NULL;
            g_xdecref(v);
        } else {
            g_raise(&GExc_ValueError, "empty range for randrange() (%S, %S, %S)", istart, istop, width);
        }
        goto done;
    }
    if (g_int_sign(istep) == 0) {
        g_raise(&GExc_ValueError, "zero step for randrange()");
        goto done;
    }
    GObject *one = g_int_from_i64(g_int_sign(istep) > 0 ? -1 : 1);
    GObject *t = g_int_binop(width, istep, NB_ADD);
    GObject *t2 = t ? g_int_binop(t, one, NB_ADD) : NULL;
    GObject *n = t2 ? g_int_binop(t2, istep, NB_FLOORDIV) : NULL;
    g_xdecref(t);
    g_xdecref(t2);
    if (n && g_int_sign(n) <= 0) {
        g_raise(&GExc_ValueError, "empty range for randrange()");
    } else if (n) {
        GObject *v = randbelow(r, n);
        GObject *sv = v ? g_int_binop(istep, v, NB_MUL) : NULL;
        result = sv ? g_int_binop(istart, sv, NB_ADD) : NULL;
        g_xdecref(v);
        g_xdecref(sv);
    }
    g_xdecref(n);
done:
    g_decref(istart);
    g_decref(istop);
    g_xdecref(width);
    g_xdecref(istep);
    return result;
}

static GObject *m_randrange(ARGS)
{
    static const char *const names[] = { "start", "stop", "step", NULL };
    GObject *a[3];
    if (g_parse_args("randrange", args, nargs, kw, names, 1, a) < 0)
        return NULL;
    return randrange(R, a[0], a[1], a[2]);
}

static GObject *m_randint(ARGS)
{
    if (g_no_kwargs("randint", kw) < 0 || g_check_nargs("randint", nargs, 2, 2) < 0)
        return NULL;
    GObject *one = g_int_from_i64(1);
    GObject *b = g_binary_op(args[1], one, NB_ADD);
    if (!b)
        return NULL;
    GObject *r = randrange(R, args[0], b, NULL);
    g_decref(b);
    return r;
}

static GObject *m_choice(ARGS)
{
    if (g_no_kwargs("choice", kw) < 0 || g_check_nargs("choice", nargs, 1, 1) < 0)
        return NULL;
    int64_t n = g_len(args[0]);
    if (n < 0)
        return NULL;
    if (n == 0)
        return g_raise(&GExc_IndexError, "Cannot choose from an empty sequence");
    GObject *nn = g_int_from_i64(n);
    GObject *i = randbelow(R, nn);
    g_decref(nn);
    if (!i)
        return NULL;
    GObject *v = g_getitem(args[0], i);
    g_decref(i);
    return v;
}

static GObject *m_shuffle(ARGS)
{
    if (g_no_kwargs("shuffle", kw) < 0 || g_check_nargs("shuffle", nargs, 1, 1) < 0)
        return NULL;
    GObject *x = args[0];
    int64_t n = g_len(x);
    if (n < 0)
        return NULL;
    for (int64_t i = n - 1; i >= 1; i--) {
        GObject *lim = g_int_from_i64(i + 1);
        GObject *jv = randbelow(R, lim);
        g_decref(lim);
        if (!jv)
            return NULL;
        GObject *iv = g_int_from_i64(i);
        GObject *a = g_getitem(x, iv), *b = a ? g_getitem(x, jv) : NULL;
        int rc = (a && b && g_setitem(x, iv, b) == 0 && g_setitem(x, jv, a) == 0) ? 0 : -1;
        g_xdecref(a);
        g_xdecref(b);
        g_decref(iv);
        g_decref(jv);
        if (rc < 0)
            return NULL;
    }
    return G_NONE;
}

static GObject *m_uniform(ARGS)
{
    if (g_no_kwargs("uniform", kw) < 0 || g_check_nargs("uniform", nargs, 2, 2) < 0)
        return NULL;
    double a, b;
    if (!g_as_double(args[0], &a) || !g_as_double(args[1], &b))
        return NULL;
    return g_float_new(a + (b - a) * random_double(R));
}

static GObject *m_gauss(ARGS)
{
    static const char *const names[] = { "mu", "sigma", NULL };
    GObject *a[2];
    if (g_parse_args("gauss", args, nargs, kw, names, 0, a) < 0)
        return NULL;
    double mu = 0, sigma = 1;
    if ((a[0] && !g_as_double(a[0], &mu)) || (a[1] && !g_as_double(a[1], &sigma)))
        return NULL;
    double z;
    GCritSec cs;
    g_critsec_begin(&cs, self);   /* full: genrand's short sections nest inside it */
    if (R->has_gauss) {
        z = R->gauss_next;
        R->has_gauss = false;
    } else {
        double x2pi = random_double(R) * 2 * M_PI;
        double g2rad = sqrt(-2.0 * log(1.0 - random_double(R)));
        z = cos(x2pi) * g2rad;
        R->gauss_next = sin(x2pi) * g2rad;
        R->has_gauss = true;
    }
    g_critsec_end(&cs);
    return g_float_new(mu + z * sigma);
}

static GObject *m_sample(ARGS)
{
    static const char *const names[] = { "population", "k", "counts", NULL };
    GObject *a[3];
    if (g_parse_args("sample", args, nargs, kw, names, 2, a) < 0)
        return NULL;
    GObject *pop = a[0];
    if (g_is_anyset(pop) || g_is_dict(pop) || !G_TYPE(pop)->mp_getitem)
        return g_raise(&GExc_TypeError, "Population must be a sequence.  For dicts or sets, use sorted(d).");
    int64_t n = g_len(pop);
    int64_t k = g_as_ssize(a[1]);
    if (n < 0 || (k == -1 && g_err_occurred()))
        return NULL;
    if (k < 0 || k > n)
        return g_raise(&GExc_ValueError, "Sample larger than population or is negative");
    GObject *result = g_list_new(k);
    if (!result)
        return NULL;
    int64_t setsize = 21;
    if (k > 5)
        setsize += (int64_t)pow(4, ceil(log((double)k * 3) / log(4)));
    if (n <= setsize) {
        GObject *pool = g_list_from_iterable(pop);
        if (!pool) {
            g_decref(result);
            return NULL;
        }
        for (int64_t i = 0; i < k; i++) {
            GObject *lim = g_int_from_i64(n - i);
            GObject *jv = randbelow(R, lim);
            g_decref(lim);
            int64_t j = g_int_small_value(jv);
            g_decref(jv);
            G_LIST_ITEM(result, i) = g_newref(G_LIST_ITEM(pool, j));
            g_setref(&G_LIST_ITEM(pool, j), g_newref(G_LIST_ITEM(pool, n - i - 1)));
        }
        g_decref(pool);
    } else {
        GObject *selected = g_set_new(&GSet_type, NULL);
        GObject *nn = g_int_from_i64(n);
        for (int64_t i = 0; i < k; i++) {
            GObject *jv = randbelow(R, nn);
            while (g_set_contains(selected, jv) > 0) {
                g_decref(jv);
                jv = randbelow(R, nn);
            }
            g_set_add(selected, jv);
            GObject *v = g_getitem(pop, jv);
            g_decref(jv);
            if (!v) {
                g_decref(selected);
                g_decref(nn);
                g_decref(result);
                return NULL;
            }
            G_LIST_ITEM(result, i) = v;
        }
        g_decref(selected);
        g_decref(nn);
    }
    return result;
}

static GObject *m_choices(ARGS)
{
    static const char *const names[] = { "population", "weights", "cum_weights", "k", NULL };
    GObject *a[4];
    if (g_parse_args("choices", args, nargs, kw, names, 1, a) < 0)
        return NULL;
    GObject *pop = a[0];
    int64_t n = g_len(pop);
    int64_t k = a[3] ? g_as_ssize(a[3]) : 1;
    if (n < 0 || (k == -1 && g_err_occurred()))
        return NULL;
    GObject *result = g_list_new(0);
    if (!result)
        return NULL;
    GObject *weights = a[1] && a[1] != G_NONE ? a[1] : NULL, *cum = a[2] && a[2] != G_NONE ? a[2] : NULL;
    double *cw = NULL;
    if (weights || cum) {
        GObject *src = g_list_from_iterable(cum ? cum : weights);
        if (!src) {
            g_decref(result);
            return NULL;
        }
        if (G_LIST_SIZE(src) != n) {
            g_decref(src);
            g_decref(result);
            return g_raise(&GExc_ValueError, "The number of weights does not match the population");
        }
        cw = g_mem_alloc((size_t)(n ? n : 1) * sizeof(double));
        double acc = 0;
        for (int64_t i = 0; i < n; i++) {
            double w;
            if (!g_as_double(G_LIST_ITEM(src, i), &w)) {
                g_mem_free(cw);
                g_decref(src);
                g_decref(result);
                return NULL;
            }
            acc = cum ? w : acc + w;
            cw[i] = acc;
        }
        g_decref(src);
    }
    for (int64_t i = 0; i < k; i++) {
        int64_t idx;
        if (!cw) {
            idx = (int64_t)floor(random_double(R) * (double)n);
        } else {
            double total = cw[n - 1], x = random_double(R) * total;
            int64_t lo = 0, hi = n - 1;
            while (lo < hi) {   /* bisect_right */
                int64_t mid = (lo + hi) / 2;
                if (x < cw[mid])
                    hi = mid;
                else
                    lo = mid + 1;
            }
            idx = lo;
        }
        GObject *iv = g_int_from_i64(idx);
        GObject *v = g_getitem(pop, iv);
        g_decref(iv);
        if (!v || g_list_append(result, v) < 0) {
            g_xdecref(v);
            g_mem_free(cw);
            g_decref(result);
            return NULL;
        }
        g_decref(v);
    }
    g_mem_free(cw);
    return result;
}

static const GMethodDef random_methods[] = {
    { "seed", m_seed, 0, NULL }, { "random", m_random, 0, NULL }, { "getrandbits", m_getrandbits, 0, NULL },
    { "randrange", m_randrange, 0, NULL }, { "randint", m_randint, 0, NULL }, { "choice", m_choice, 0, NULL },
    { "shuffle", m_shuffle, 0, NULL }, { "uniform", m_uniform, 0, NULL }, { "gauss", m_gauss, 0, NULL },
    { "normalvariate", m_gauss, 0, NULL }, { "sample", m_sample, 0, NULL }, { "choices", m_choices, 0, NULL },
    { NULL, NULL, 0, NULL },
};

static GObject *random_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    if (g_no_kwargs("Random", kwnames) < 0 || g_check_nargs("Random", nargs, 0, 1) < 0)
        return NULL;
    GRandom *r = (GRandom *)g_object_alloc(type, sizeof(GRandom));
    if (!r)
        return g_no_memory();
    r->has_gauss = false;
    if (seed_from(r, nargs ? args[0] : NULL) < 0) {
        g_object_free((GObject *)r);
        return NULL;
    }
    return (GObject *)r;
}

static void random_dealloc(GObject *o) { g_object_free(o); }

static GType GRandom_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "Random",
    .basicsize = sizeof(GRandom),
    .flags = G_TPFLAG_BASETYPE,
    .base = &GObject_type,
    .tp_new = random_new,
    .tp_dealloc = random_dealloc,
    .methods = random_methods,
};

GObject *g_random_init(void)
{
    g_type_ready(&GRandom_type);
    GObject *m = g_module_new("random");
    if (!m)
        return NULL;
    GObject *inst = random_new(&GRandom_type, NULL, 0, NULL);
    if (!inst) {
        g_decref(m);
        return NULL;
    }
    for (const GMethodDef *d = random_methods; d->name; d++)
        g_module_add(m, d->name, g_cfunction_new(d, inst));
    g_module_add(m, "_inst", inst);
    g_dict_set_str(g_module_dict(m), "Random", (GObject *)&GRandom_type);
    return m;
}
