/* array_items.c -- the array module's typecodes, and one item's value on its way in
 * or out of an array (array.c is the array itself).
 *
 *   Python int or float  --array_to_value-->  Value  --array_store-->  raw bytes in the array
 *   Python int or float  <--array_box-------  Value  <--array_load---  raw bytes in the array
 *
 * A typecode (b B h H i I l L q Q f d) names a C type: the table `kinds` says each
 * one's size and range.  An array stores only raw values of its kind; this file is
 * the layer that turns them into Python objects and back.  It knows nothing about
 * arrays or their locks, only a kind and bytes, which is why it can live apart:
 * array.c converts its arguments here before it takes the lock (array_to_value and
 * array_pack_iterable may run an object's __index__, which is Python code), then
 * stores, loads and boxes the values with or without the lock as it needs.
 *
 * The range checks give CPython's own OverflowError messages, which differ from one
 * typecode to the next (see int_value).
 */
#include "modules/array_internal.h"

/* ====================================================================================
 * The typecodes
 * ==================================================================================== */

static const ArrayKind kinds[] = {
    { 'b', K_SIGNED, 1, INT8_MIN, INT8_MAX, "signed char" },
    { 'B', K_UNSIGNED, 1, 0, UINT8_MAX, "unsigned byte integer" },
    { 'h', K_SIGNED, 2, INT16_MIN, INT16_MAX, "signed short integer" },
    { 'H', K_UNSIGNED, 2, 0, UINT16_MAX, "unsigned short" },
    { 'i', K_SIGNED, 4, INT32_MIN, INT32_MAX, "signed integer" },
    { 'I', K_UNSIGNED, 4, 0, UINT32_MAX, "unsigned int" },
    { 'l', K_SIGNED, 8, INT64_MIN, INT64_MAX, NULL },
    { 'L', K_UNSIGNED, 8, 0, 0, NULL },
    { 'q', K_SIGNED, 8, INT64_MIN, INT64_MAX, NULL },
    { 'Q', K_UNSIGNED, 8, 0, 0, NULL },
    { 'f', K_FLOAT, 4, 0, 0, NULL },
    { 'd', K_FLOAT, 8, 0, 0, NULL },
};

const ArrayKind *array_kind_of(int code)
{
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (kinds[k].code == code)
            return &kinds[k];
    return NULL;
}

/* ---- values in and out ---- */

Value array_load(const ArrayKind *k, const char *p)
{
    Value v;
    switch (k->code) {
    case 'b': v.i = *(const int8_t *)p; break;
    case 'B': v.u = *(const uint8_t *)p; break;
    case 'h': v.i = *(const int16_t *)p; break;
    case 'H': v.u = *(const uint16_t *)p; break;
    case 'i': v.i = *(const int32_t *)p; break;
    case 'I': v.u = *(const uint32_t *)p; break;
    case 'l': case 'q': v.i = *(const int64_t *)p; break;
    case 'L': case 'Q': v.u = *(const uint64_t *)p; break;
    case 'f': v.d = *(const float *)p; break;
    default: v.d = *(const double *)p; break;
    }
    return v;
}

void array_store(const ArrayKind *k, char *p, Value v)
{
    switch (k->code) {
    case 'b': *(int8_t *)p = (int8_t)v.i; break;
    case 'B': *(uint8_t *)p = (uint8_t)v.u; break;
    case 'h': *(int16_t *)p = (int16_t)v.i; break;
    case 'H': *(uint16_t *)p = (uint16_t)v.u; break;
    case 'i': *(int32_t *)p = (int32_t)v.i; break;
    case 'I': *(uint32_t *)p = (uint32_t)v.u; break;
    case 'l': case 'q': *(int64_t *)p = v.i; break;
    case 'L': case 'Q': *(uint64_t *)p = v.u; break;
    case 'f': *(float *)p = (float)v.d; break;
    default: *(double *)p = v.d; break;
    }
}

GObject *array_box(const ArrayKind *k, Value v)
{
    if (k->kind == K_FLOAT)
        return g_float_new(v.d);
    return k->kind == K_SIGNED ? g_int_from_i64(v.i) : g_int_from_u64(v.u);
}

static int range_error(const char *name, bool low)
{
    g_raise(&GExc_OverflowError, "%s is %s", name, low ? "less than minimum" : "greater than maximum");
    return -1;
}

/* n (an int) as a uint64: 0 ok, 1 negative, 2 too big. */
static int as_u64(GObject *n, uint64_t *out)
{
    if (g_int_sign(n) < 0)
        return 1;
    int64_t s;
    if (g_int_as_i64(n, &s)) {
        *out = (uint64_t)s;
        return 0;
    }
    if (g_int_bit_length(n) > 64)
        return 2;
    GObject *half = g_int_from_u64((uint64_t)1 << 63);
    GObject *rest = half ? g_int_binop(n, half, NB_SUB) : NULL;
    g_xdecref(half);
    if (!rest)
        return -1;
    bool ok = g_int_as_i64(rest, &s);
    g_decref(rest);
    G_ASSERT(ok);
    (void)ok;
    *out = ((uint64_t)1 << 63) + (uint64_t)s;
    return 0;
}

/* The int n checked against the kind's range, with CPython's messages (which come
 * from how CPython parses each typecode: b B h i through a C long (b then as a
 * short), H through a C int first, I L through an unsigned long, q Q through 64-bit conversions). */
static int int_value(const ArrayKind *k, GObject *n, Value *v)
{
    if (k->kind == K_SIGNED || k->code == 'B' || k->code == 'H') {
        int64_t x;
        if (!g_int_as_i64(n, &x)) {
            g_raise(&GExc_OverflowError, k->code == 'q' ? "int too big to convert"
                                                        : "Python int too large to convert to C long");
            return -1;
        }
        if (k->code == 'H' && (x < INT32_MIN || x > INT32_MAX))
            return range_error("signed integer", x < 0);
        if (k->code == 'b' && (x < INT16_MIN || x > INT16_MAX))
            return range_error("signed short integer", x < 0);
        if (k->kind == K_SIGNED && (x < k->min || x > k->max))
            return range_error(k->name, x < 0);
        if (k->kind == K_UNSIGNED && (x < 0 || x > k->max))
            return range_error(k->name, x < 0);
        if (k->kind == K_SIGNED)
            v->i = x;
        else
            v->u = (uint64_t)x;
        return 0;
    }
    uint64_t u;
    int r = as_u64(n, &u);
    if (r < 0)
        return -1;
    bool q = k->code == 'Q';
    if (r == 1) {
        g_raise(&GExc_OverflowError, q ? "can't convert negative int to unsigned"
                                       : "can't convert negative value to unsigned int");
        return -1;
    }
    if (r == 2) {
        g_raise(&GExc_OverflowError, q ? "int too big to convert"
                                       : "Python int too large to convert to C unsigned long");
        return -1;
    }
    if (k->code == 'I' && u > UINT32_MAX)
        return range_error(k->name, false);
    v->u = u;
    return 0;
}

/* Python object -> Value of kind k (runs __index__: call without the lock). */
int array_to_value(const ArrayKind *k, GObject *o, Value *v)
{
    if (k->kind == K_FLOAT)
        return g_as_double(o, &v->d) ? 0 : -1;
    GObject *n = g_index(o);
    if (!n)
        return -1;
    int r = int_value(k, n, v);
    g_decref(n);
    return r;
}

/* ====================================================================================
 * Whole iterables
 * ==================================================================================== */

/* Convert every item of a list or other iterable into packed values of kind k. */
int array_pack_iterable(const ArrayKind *k, GObject *iterable, char **bytes, int64_t *n)
{
    GObject *items = g_is_list(iterable) ? g_list_as_tuple(iterable) : g_tuple_from_iterable(iterable);
    if (!items)
        return -1;
    int64_t count = G_TUPLE_SIZE(items);
    *bytes = g_mem_alloc(count ? (size_t)(count * k->size) : 1);
    if (!*bytes) {
        g_decref(items);
        g_no_memory();
        return -1;
    }
    for (int64_t i = 0; i < count; i++) {
        Value v;
        if (array_to_value(k, G_TUPLE_ITEM(items, i), &v) < 0) {
            g_mem_free(*bytes);
            g_decref(items);
            return -1;
        }
        array_store(k, *bytes + i * k->size, v);
    }
    g_decref(items);
    *n = count;
    return 0;
}
