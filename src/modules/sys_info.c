/* sys_info.c -- sys.getsizeof, sys.implementation and sys.float_info.
 *
 * sys.getsizeof(obj) answers with the size CPython 3.11 on a 64-bit machine gives
 * for the same value wherever that is a plain function of the value, because a
 * lesson comparing sizes wants CPython's numbers, not the layout of gilt's own
 * structs (which carry a free-threaded header and differ in other ways):
 *
 *   int       24 + 4 per 30-bit digit (at least one: 0 is 28; so are True and False)
 *   float 24, None/object() 16, range 48
 *   str       49 + n (ASCII), 73 + n (Latin-1), 74 + 2n (BMP), 76 + 4n (else)
 *   tuple     40 + 8n        list 56 + 8n (CPython's over-allocation not modelled)
 *   dict      64 empty, else 64 + a key table sized for n (the table of a dict
 *             built at once; one grown by inserts may be bigger in CPython)
 *   set       216, plus 16 per slot past 8 (gilt's own table size)
 *   instances of classes: 56, or __sizeof__() + 32 if the class defines it
 *   anything else: gilt's own allocation (its type's basicsize)
 *
 * Threads: the sizes are read without locks; a container changing meanwhile
 * gives a size it had at some moment, as len() does.
 */
#include <float.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "modules/modules.h"

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

static int64_t str_size(GObject *s)
{
    int64_t n = g_str_len(s), nb = g_str_nbytes(s);
    if (n == nb)
        return 49 + n;
    const char *p = g_str_data(s), *end = p + nb;
    uint32_t maxcp = 0, cp;
    while (p < end) {
        int k = g_utf8_decode(p, (size_t)(end - p), &cp);
        if (k <= 0)
            break;
        if (cp > maxcp)
            maxcp = cp;
        p += k;
    }
    return maxcp < 0x100 ? 73 + n : maxcp < 0x10000 ? 74 + 2 * n : 76 + 4 * n;
}

/* CPython's dict for n items, as built by a display: 48 bytes of object, 16 of GC
 * header, and a keys object (32 + one index byte and one 24-byte entry -- 16 with
 * only str keys -- per usable slot: two thirds of a power-of-two table). */
static int64_t dict_size(GObject *d)
{
    int64_t n = g_len(d);
    if (n <= 0)
        return 64;
    int64_t slots = 8;
    while (slots * 2 / 3 < n)
        slots *= 2;
    bool all_str = true;
    GObject *it = g_iter(d), *k;
    while (it && all_str && (k = G_TYPE(it)->tp_iternext(it))) {
        all_str = g_is_str(k);
        g_decref(k);
    }
    g_xdecref(it);
    g_err_clear();
    int64_t usable = slots * 2 / 3, index_bytes = slots <= 128 ? 1 : slots <= 0x7fff ? 2 : 4;
    return 64 + 32 + slots * index_bytes + usable * (all_str ? 16 : 24);
}

/* The size of o, or -1 with an exception (a bad __sizeof__). */
static int64_t size_of(GObject *o)
{
    GType *t = G_TYPE(o);
    if (t->flags & G_TPFLAG_HEAPTYPE) {
        GObject *m = g_lookup_special(o, g_str_intern("__sizeof__"));
        if (!m)
            return g_err_occurred() ? -1 : 56;
        GObject *r = g_call0(m);
        g_decref(m);
        if (!r)
            return -1;
        if (!g_is_int(r)) {
            g_decref(r);
            g_raise(&GExc_TypeError, "an integer is required");
            return -1;
        }
        int64_t n = g_as_ssize(r);
        g_decref(r);
        if (n == -1 && g_err_occurred())
            return -1;
        if (n < 0) {
            g_raise(&GExc_ValueError, "__sizeof__() should return >= 0");
            return -1;
        }
        return n + 32;
    }
    if (o == G_NONE)
        return 16;
    if (t == &GBool_type)
        return 28;
    if (t == &GInt_type) {
        int64_t digits = ((int64_t)g_int_bit_length(o) + 29) / 30;
        return 24 + 4 * (digits ? digits : 1);
    }
    if (t == &GFloat_type)
        return 24;
    if (t == &GStr_type)
        return str_size(o);
    if (t == &GTuple_type)
        return 40 + 8 * G_TUPLE_SIZE(o);
    if (t == &GList_type)
        return 56 + 8 * G_LIST_SIZE(o);
    if (t == &GDict_type)
        return dict_size(o);
    if (t == &GSet_type || t == &GFrozenSet_type) {
        int64_t slots = ((GSet *)o)->mask + 1;
        return 216 + (slots > 8 ? 16 * slots : 0);
    }
    if (t == &GRange_type)
        return 48;
    if (t == &GObject_type)
        return 16;
    return (int64_t)t->basicsize;
}

static GObject *sys_getsizeof(ARGS)
{
    (void)self;
    if (g_no_kwargs("getsizeof", kw) < 0 || g_check_nargs("getsizeof", nargs, 1, 2) < 0)
        return NULL;
    int64_t n = size_of(args[0]);
    if (n < 0) {
        if (nargs == 2 && g_err_matches(&GExc_TypeError)) {
            g_err_clear();
            return g_newref(args[1]);
        }
        return NULL;
    }
    return g_int_from_i64(n);
}

static const GMethodDef info_functions[] = {
    { "getsizeof", sys_getsizeof, 0, NULL },
    { NULL, NULL, 0, NULL },
};

/* ---- sys.float_info and sys.implementation ---- */

static const char *const float_info_fields[] = {
    "max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig", "mant_dig", "epsilon", "radix", "rounds",
};

static GStructSeqType float_info_type = {
    .type = { .ob = G_STATIC_HEADER(&GType_type), .name = "float_info" },
    .fullname = "sys.float_info",
    .fields = float_info_fields,
    .nvisible = 11,
    .nfields = 11,
};

/* sys.implementation is a namespace in CPython; here a struct sequence with no
 * indexable fields, whose repr is the same: namespace(name='gilt', ...). */
static const char *const implementation_fields[] = { "name", "cache_tag", "version", "hexversion" };

static GStructSeqType implementation_type = {
    .type = { .ob = G_STATIC_HEADER(&GType_type), .name = "SimpleNamespace" },
    .fullname = "namespace",
    .fields = implementation_fields,
    .nvisible = 0,
    .nfields = 4,
};

void g_sys_add_info(GObject *m)
{
    g_module_add_functions(m, info_functions);
    g_structseq_init_type(&float_info_type);
    g_structseq_init_type(&implementation_type);
    GObject *fi[11] = {
        g_float_new(DBL_MAX), g_int_from_i64(DBL_MAX_EXP), g_int_from_i64(DBL_MAX_10_EXP), g_float_new(DBL_MIN),
        g_int_from_i64(DBL_MIN_EXP), g_int_from_i64(DBL_MIN_10_EXP), g_int_from_i64(DBL_DIG),
        g_int_from_i64(DBL_MANT_DIG), g_float_new(DBL_EPSILON), g_int_from_i64(FLT_RADIX), g_int_from_i64(FLT_ROUNDS),
    };
    g_module_add(m, "float_info", g_structseq_make(&float_info_type, fi));
    /* gilt's own version, from configure.ac's PACKAGE_VERSION ("0.1.0") */
    int major = 0, minor = 0, micro = 0;
    sscanf(PACKAGE_VERSION, "%d.%d.%d", &major, &minor, &micro);
    GObject *impl[4] = {
        g_str_from_cstr("gilt"), g_newref(G_NONE),
        g_tuple_pack(5, g_int_from_i64(major), g_int_from_i64(minor), g_int_from_i64(micro), g_str_intern("final"),
                     g_int_from_i64(0)),
        g_int_from_i64(((int64_t)major << 24) | (minor << 16) | (micro << 8) | 0xf0),
    };
    g_module_add(m, "implementation", g_structseq_make(&implementation_type, impl));
}
