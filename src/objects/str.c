/* str.c -- str: immutable Unicode text, stored as UTF-8.
 *
 *   +--------+------+-----------------+--------------+----------------------+----+
 *   | header | hash | len (codepoints)| nbytes       | UTF-8 bytes ...      | \0 |
 *   +--------+------+-----------------+--------------+----------------------+----+
 *   ob_flags: G_STR_ASCII (one byte per code point: O(1) indexing)
 *             G_STR_INTERNED (the unique copy in the runtime's intern table)
 *
 * UTF-8 keeps printing and hashing simple and makes code-point order equal to byte
 * order, so comparison is memcmp.  Indexing a non-ASCII string scans from the start
 * (O(n)); docs/language.md notes this.  Strings used as names (identifiers,
 * attribute names) are interned and immortal, so dict lookups on them can compare
 * pointers first.
 *
 * The methods (split, strip, find, ...) are in str_methods.c; GBuf and the UTF-8
 * helpers every string builder uses are in strbuf.c.
 */
#include <ctype.h>
#include <stdarg.h>
#include <string.h>
#include <wctype.h>

#include "objects/bytes_internal.h"
#include "objects/objects.h"
#include "objects/str_internal.h"
#include "runtime/runtime.h"

/* ====================================================================================
 * Construction and interning
 * ==================================================================================== */

GObject *g_str_new_uninit(size_t nbytes, int64_t len, bool ascii)
{
    if (nbytes > ((size_t)1 << 34))
        return g_no_memory();
    GStr *s = (GStr *)g_object_alloc(&GStr_type, sizeof(GStr) + nbytes + 1);
    if (!s)
        return g_no_memory();
    s->hash = -1;
    s->len = len;
    s->nbytes = (int64_t)nbytes;
    s->data[nbytes] = 0;
    if (ascii)
        s->ob.ob_flags |= G_STR_ASCII;
    return (GObject *)s;
}

/* The empty string and the 128 one-character ASCII strings are made once at
 * start-up and are immortal; they never change afterwards. */
static GObject *empty_str;
static GObject *single_chars[128];

/* True when no byte has its top bit set: eight bytes at a time, then the tail. */
bool g_ascii_only(const char *p, size_t n)
{
    uint64_t acc = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);   /* an unaligned load, which memcpy says safely */
        acc |= w;
    }
    for (; i < n; i++)
        acc |= (unsigned char)p[i];
    return (acc & 0x8080808080808080ull) == 0;
}

GObject *g_str_new(const char *utf8, size_t nbytes)
{
    if (nbytes == 0 && empty_str)
        return empty_str;
    int64_t ncp;
    size_t bad;
    bool ascii = g_ascii_only(utf8, nbytes);
    if (ascii) {
        ncp = (int64_t)nbytes;
    } else if (!g_utf8_valid(utf8, nbytes, &ncp, &bad)) {
        return g_raise(&GExc_UnicodeDecodeError,
                       "'utf-8' codec can't decode byte 0x%02x in position %zd: invalid start byte",
                       (unsigned char)utf8[bad], (ssize_t)bad);
    }
    GObject *s = g_str_new_uninit(nbytes, ncp, ascii);
    if (s)
        memcpy(((GStr *)s)->data, utf8, nbytes);
    return s;
}

GObject *g_str_from_cstr(const char *s) { return g_str_new(s, strlen(s)); }

GObject *g_str_from_codepoint(uint32_t cp)
{
    char buf[4];
    if (cp < 128 && single_chars[cp])
        return single_chars[cp];
    int n = g_utf8_encode(cp, buf);
    return g_str_new(buf, (size_t)n);
}

/* Intern s (stolen): return the one str with its text that names use.  Two threads
 * interning the same new text at once must agree on one object, so the insert is
 * a setdefault; s is made immortal and marked before anyone else can see it. */
GObject *g_str_intern_obj(GObject *s)
{
    if (s->ob_flags & G_STR_INTERNED)
        return s;
    GObject *found = g_dict_get(g_runtime.interned, s);
    if (found) {
        g_decref(s);
        return found;
    }
    g_set_immortal(s);
    s->ob_flags |= G_STR_INTERNED;
    GObject *canon = g_dict_setdefault(g_runtime.interned, s, s);
    if (canon && canon != s)
        s->ob_flags &= (uint16_t)~G_STR_INTERNED;   /* another thread won: s stays private */
    return canon ? canon : s;
}

GObject *g_str_intern(const char *cs)
{
    GObject *s = g_str_from_cstr(cs);
    if (!s)
        return NULL;
    return g_str_intern_obj(s);
}

/* ====================================================================================
 * Basic operations
 * ==================================================================================== */

int64_t g_str_hash(GObject *o)
{
    GStr *s = (GStr *)o;
    if (s->hash != -1)
        return s->hash;
    /* FNV-1a over the UTF-8 bytes: the same as the bytes object's, as in CPython */
    s->hash = g_hash_bytes(s->data, s->nbytes);
    return s->hash;
}

bool g_str_eq(GObject *a, GObject *b)
{
    if (a == b)
        return true;
    GStr *x = (GStr *)a, *y = (GStr *)b;
    if (x->nbytes != y->nbytes)
        return false;
    if (x->hash != -1 && y->hash != -1 && x->hash != y->hash)
        return false;
    return memcmp(x->data, y->data, (size_t)x->nbytes) == 0;
}

bool g_str_eq_cstr(GObject *a, const char *s)
{
    size_t n = strlen(s);
    return (size_t)g_str_nbytes(a) == n && memcmp(g_str_data(a), s, n) == 0;
}

int g_str_compare(GObject *a, GObject *b)
{
    GStr *x = (GStr *)a, *y = (GStr *)b;
    int64_t n = x->nbytes < y->nbytes ? x->nbytes : y->nbytes;
    int c = memcmp(x->data, y->data, (size_t)n);
    if (c)
        return c < 0 ? -1 : 1;
    return x->nbytes < y->nbytes ? -1 : x->nbytes > y->nbytes;
}

GObject *g_str_concat(GObject *a, GObject *b)
{
    GStr *x = (GStr *)a, *y = (GStr *)b;
    if (x->nbytes == 0)
        return g_newref(b);
    if (y->nbytes == 0)
        return g_newref(a);
    GObject *r = g_str_new_uninit((size_t)(x->nbytes + y->nbytes), x->len + y->len,
                                  (a->ob_flags & b->ob_flags & G_STR_ASCII) != 0);
    if (!r)
        return NULL;
    memcpy(((GStr *)r)->data, x->data, (size_t)x->nbytes);
    memcpy(((GStr *)r)->data + x->nbytes, y->data, (size_t)y->nbytes);
    return r;
}



uint32_t g_str_codepoint_at(GObject *o, int64_t i)
{
    GStr *s = (GStr *)o;
    int64_t off = cp_offset(s, i);
    uint32_t cp = 0;
    g_utf8_decode(s->data + off, (size_t)(s->nbytes - off), &cp);
    return cp;
}

static GObject *substr(GStr *s, int64_t start, int64_t stop)
{
    int64_t a = cp_offset(s, start);
    int64_t b = cp_offset(s, stop);
    if (a == 0 && b == s->nbytes && G_TYPE(s) == &GStr_type)
        return g_newref((GObject *)s);
    bool ascii = (s->ob.ob_flags & G_STR_ASCII) != 0;
    if (!ascii) {
        ascii = true;
        for (int64_t i = a; i < b; i++)
            if ((unsigned char)s->data[i] >= 0x80) {
                ascii = false;
                break;
            }
    }
    GObject *r = g_str_new_uninit((size_t)(b - a), stop - start, ascii);
    if (r)
        memcpy(((GStr *)r)->data, s->data + a, (size_t)(b - a));
    return r;
}


/* ====================================================================================
 * repr
 * ==================================================================================== */

GObject *g_str_repr(GObject *o)
{
    GStr *s = (GStr *)o;
    bool has_sq = memchr(s->data, '\'', (size_t)s->nbytes) != NULL;
    bool has_dq = memchr(s->data, '"', (size_t)s->nbytes) != NULL;
    char q = (has_sq && !has_dq) ? '"' : '\'';
    GBuf b;
    g_buf_init(&b);
    g_buf_putc(&b, q);
    for (int64_t i = 0; i < s->nbytes;) {
        unsigned char c = (unsigned char)s->data[i];
        if (c < 0x80) {
            if (c == (unsigned char)q || c == '\\') {
                g_buf_putc(&b, '\\');
                g_buf_putc(&b, (char)c);
            } else if (c == '\n') g_buf_puts(&b, "\\n");
            else if (c == '\r') g_buf_puts(&b, "\\r");
            else if (c == '\t') g_buf_puts(&b, "\\t");
            else if (c < 0x20 || c == 0x7f) g_buf_printf(&b, "\\x%02x", c);
            else g_buf_putc(&b, (char)c);
            i++;
            continue;
        }
        uint32_t cp;
        int k = g_utf8_decode(s->data + i, (size_t)(s->nbytes - i), &cp);
        if (cp < 0xA0)
            g_buf_printf(&b, "\\x%02x", cp);
        else if (cp == 0xAD || (cp >= 0x2028 && cp <= 0x2029) || (cp >= 0x200B && cp <= 0x200F))
            g_buf_printf(&b, "\\u%04x", cp);
        else
            g_buf_put(&b, s->data + i, (size_t)k);
        i += k;
    }
    g_buf_putc(&b, q);
    return g_buf_finish(&b);
}

static GObject *str_str(GObject *o)
{
    if (G_TYPE(o) == &GStr_type)
        return g_newref(o);
    return g_str_new(g_str_data(o), (size_t)g_str_nbytes(o));
}

/* ====================================================================================
 * Slots
 * ==================================================================================== */

static int64_t str_hash(GObject *o) { return g_str_hash(o); }

static GObject *str_richcompare(GObject *a, GObject *b, GCmpOp op)
{
    if (!g_is_str(b))
        return g_newref(G_NOTIMPL);
    if (op == CMP_EQ)
        return g_bool(g_str_eq(a, b));
    if (op == CMP_NE)
        return g_bool(!g_str_eq(a, b));
    int c = g_str_compare(a, b);
    bool r = op == CMP_LT ? c < 0 : op == CMP_LE ? c <= 0 : op == CMP_GT ? c > 0 : c >= 0;
    return g_bool(r);
}

static ssize_t str_len(GObject *o) { return (ssize_t)((GStr *)o)->len; }

static GObject *str_add(GObject *a, GObject *b)
{
    if (!g_is_str(a) || !g_is_str(b)) {
        if (g_is_str(a))
            return g_raise(&GExc_TypeError, "can only concatenate str (not \"%T\") to str", b);
        return g_newref(G_NOTIMPL);
    }
    return g_str_concat(a, b);
}

static GObject *str_repeat(GObject *s, int64_t n)
{
    GStr *x = (GStr *)s;
    if (n <= 0 || x->nbytes == 0)
        return g_str_new("", 0);
    if (n == 1 && G_TYPE(s) == &GStr_type)
        return g_newref(s);
    if (x->nbytes > INT64_MAX / n)
        return g_no_memory();
    GObject *r = g_str_new_uninit((size_t)(x->nbytes * n), x->len * n, (s->ob_flags & G_STR_ASCII) != 0);
    if (!r)
        return NULL;
    for (int64_t i = 0; i < n; i++)
        memcpy(((GStr *)r)->data + i * x->nbytes, x->data, (size_t)x->nbytes);
    return r;
}

static GObject *str_mul(GObject *a, GObject *b)
{
    GObject *s = g_is_str(a) ? a : b, *n = g_is_str(a) ? b : a;
    if (!g_is_int(n))
        return g_newref(G_NOTIMPL);
    int64_t k;
    if (!g_int_as_i64(n, &k)) {
        if (g_int_sign(n) < 0)
            k = 0;
        else
            return g_raise(&GExc_OverflowError, "cannot fit 'int' into an index-sized integer");
    }
    return str_repeat(s, k);
}

static GObject *str_mod(GObject *a, GObject *b)
{
    if (!g_is_str(a))
        return g_newref(G_NOTIMPL);
    return g_str_percent_format(a, b);
}

static GObject *str_getitem(GObject *o, GObject *key)
{
    GStr *s = (GStr *)o;
    if (g_isinstance(key, &GSlice_type)) {
        int64_t start, stop, step, count;
        if (g_slice_indices(key, s->len, &start, &stop, &step, &count) < 0)
            return NULL;
        if (step == 1)
            return substr(s, start, stop > start ? stop : start);
        GBuf b;
        g_buf_init(&b);
        for (int64_t i = 0, k = start; i < count; i++, k += step) {
            char tmp[4];
            int n = g_utf8_encode(g_str_codepoint_at(o, k), tmp);
            g_buf_put(&b, tmp, (size_t)n);
        }
        return g_buf_finish(&b);
    }
    if (!g_is_int(key) && !G_TYPE(key)->nb_index)
        return g_raise(&GExc_TypeError, "string indices must be integers, not '%T'", key);
    int64_t i = g_as_ssize(key);
    if (i == -1 && g_err_occurred())
        return NULL;
    if (i < 0)
        i += s->len;
    if (i < 0 || i >= s->len)
        return g_raise(&GExc_IndexError, "string index out of range");
    if (s->ob.ob_flags & G_STR_ASCII)
        return g_str_from_codepoint((unsigned char)s->data[i]);
    return g_str_from_codepoint(g_str_codepoint_at(o, i));
}



static int str_contains(GObject *o, GObject *item)
{
    if (!g_is_str(item)) {
        g_raise(&GExc_TypeError, "'in <string>' requires string as left operand, not %T", item);
        return -1;
    }
    return find_bytes(g_str_data(o), g_str_nbytes(o), g_str_data(item), g_str_nbytes(item), 0,
                      g_str_nbytes(o)) >= 0;
}

/* ---- iterator ---- */

typedef struct { GObject ob; GObject *s; int64_t off; } GStrIter;
static GType GStrIter_type;

static GObject *str_iter(GObject *o)
{
    GStrIter *it = (GStrIter *)g_object_alloc(&GStrIter_type, sizeof(GStrIter));
    if (!it)
        return g_no_memory();
    it->s = g_newref(o);
    it->off = 0;
    return (GObject *)it;
}

static GObject *striter_next(GObject *o)
{
    GStrIter *it = (GStrIter *)o;
    GStr *s = (GStr *)it->s;
    if (it->off >= s->nbytes)
        return NULL;
    unsigned char c = (unsigned char)s->data[it->off];
    if (c < 0x80) {
        it->off++;
        return g_str_from_codepoint(c);
    }
    uint32_t cp = 0;
    int k = g_utf8_decode(s->data + it->off, (size_t)(s->nbytes - it->off), &cp);
    it->off += k;
    return g_str_from_codepoint(cp);
}

static void striter_dealloc(GObject *o)
{
    g_decref(((GStrIter *)o)->s);
    g_object_free(o);
}

static GObject *self_iter(GObject *o) { return g_newref(o); }

static GType GStrIter_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "str_ascii_iterator",
    .basicsize = sizeof(GStrIter),
    .tp_dealloc = striter_dealloc,
    .tp_iter = self_iter,
    .tp_iternext = striter_next,
};

static GObject *str_new(GType *type, GObject *const *args, size_t nargs, GObject *kwnames)
{
    (void)type;
    static const char *const names[] = { "object", "encoding", "errors", NULL };
    GObject *a[3] = { nargs ? args[0] : NULL, NULL, NULL };
    if ((kwnames || nargs > 1) && g_parse_args("str", args, nargs, kwnames, names, 0, a) < 0)
        return NULL;   /* (str(x), the common call, skips the parsing) */
    if (!a[0] && !a[1] && !a[2])
        return g_str_new("", 0);
    GObject *r;
    if (a[1] || a[2]) {
        /* str(b, encoding, errors) is b.decode(encoding, errors) */
        if (a[0] && g_is_str(a[0]))
            return g_raise(&GExc_TypeError, "decoding str is not supported");
        if (a[0] && !g_is_bytes(a[0]) && !g_is_bytearray(a[0]))
            return g_raise(&GExc_TypeError, "decoding to str: need a bytes-like object, %T found", a[0]);
        GObject *dargs[2] = { a[1] ? a[1] : g_str_intern("utf-8"), a[2] ? a[2] : g_str_intern("strict") };
        r = a[0] ? g_call_method(a[0], "decode", dargs, 2) : g_str_new("", 0);
    } else {
        r = g_str(a[0]);
    }
    if (!r || type == &GStr_type)
        return r;
    GStr *src = (GStr *)r;
    GStr *o = (GStr *)g_object_alloc(type, type->basicsize + (size_t)src->nbytes + 1);
    if (!o) {
        g_decref(r);
        return g_no_memory();
    }
    memset((char *)o + sizeof(GObject), 0, type->basicsize - sizeof(GObject));
    o->hash = -1;
    o->len = src->len;
    o->nbytes = src->nbytes;
    o->ob.ob_flags = src->ob.ob_flags & G_STR_ASCII;
    memcpy(o->data, src->data, (size_t)src->nbytes + 1);
    g_decref(r);
    return (GObject *)o;
}

static void str_dealloc(GObject *o) { g_object_free(o); }

GType GStr_type = {
    .ob = G_STATIC_HEADER(&GType_type),
    .name = "str",
    .basicsize = sizeof(GStr),
    .itemsize = 1,
    .flags = G_TPFLAG_BASETYPE | G_TPFLAG_STR | G_TPFLAG_LEAF,
    .base = &GObject_type,
    .tp_new = str_new,
    .tp_dealloc = str_dealloc,
    .tp_repr = g_str_repr,
    .tp_str = str_str,
    .tp_hash = str_hash,
    .tp_richcompare = str_richcompare,
    .tp_iter = str_iter,
    .nb = { [NB_ADD] = str_add, [NB_MUL] = str_mul, [NB_MOD] = str_mod },
    .sq_len = str_len,
    .mp_getitem = str_getitem,
    .sq_contains = str_contains,
    .methods = g_str_methods,
};

void g_str_init(void)
{
    static GStr *e;
    e = (GStr *)g_str_new_uninit(0, 0, true);
    g_set_immortal((GObject *)e);
    empty_str = (GObject *)e;
    for (int c = 0; c < 128; c++) {
        char ch = (char)c;
        GObject *one = g_str_new_uninit(1, 1, true);
        ((GStr *)one)->data[0] = ch;
        single_chars[c] = g_str_intern_obj(one);
    }
}
