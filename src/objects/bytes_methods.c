/* bytes_methods.c -- the methods bytes and bytearray share: search, split, strip,
 * join, replace, case mapping (ASCII only, as in Python), predicates, padding,
 * partition, hex/fromhex and decode.
 *
 * Each method works on views (bytes_internal.h): the receiver's and its bytes-like
 * arguments'.  A bytearray's view is a private copy, so nothing here holds a lock or
 * can see a bytearray change underneath it; the arguments are all converted (which
 * may run Python code: __index__) before the views are taken.  Results have the
 * receiver's type.  The table at the end serves both types; bytearray.c adds its
 * mutators.
 */
#include <ctype.h>
#include <string.h>

#include "objects/bytes_internal.h"
#include "objects/objects.h"

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw
#define NOKW(name) if (g_no_kwargs(name, kw) < 0) return NULL

/* Python's ASCII whitespace for bytes: space \t \n \v \f \r. */
static bool b_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static bool b_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static bool b_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static bool b_alpha(unsigned char c) { return b_lower(c) || b_upper(c); }
static bool b_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static unsigned char to_up(unsigned char c) { return b_lower(c) ? (unsigned char)(c - 32) : c; }
static unsigned char to_low(unsigned char c) { return b_upper(c) ? (unsigned char)(c + 32) : c; }

#define VIEW_SELF(v) GBView v; if (g_bview_get(self, &v, NULL) < 0) return NULL

/* A result of the receiver's type from a buffer (freed). */
static GObject *finish(GObject *self, GBuf *b)
{
    if (b->failed) {
        g_buf_free(b);
        return g_no_memory();
    }
    GObject *r = g_bytes_like(self, b->data, b->len);
    g_buf_free(b);
    return r;
}

/* ====================================================================================
 * Case mapping and predicates
 * ==================================================================================== */

typedef enum { MAP_UPPER, MAP_LOWER, MAP_SWAP, MAP_CAPITALIZE, MAP_TITLE } CaseMap;

static GObject *map_case(GObject *self, GObject *kw, CaseMap how)
{
    NOKW("case");
    VIEW_SELF(s);
    GObject *r = g_bytes_like(self, NULL, (size_t)s.n);
    if (r) {
        char *out = g_is_bytearray(r) ? ((GByteArray *)r)->data : ((GBytes *)r)->data;
        bool prev_cased = false;
        for (int64_t i = 0; i < s.n; i++) {
            unsigned char c = (unsigned char)s.p[i];
            switch (how) {
            case MAP_UPPER: c = to_up(c); break;
            case MAP_LOWER: c = to_low(c); break;
            case MAP_SWAP: c = b_upper(c) ? to_low(c) : to_up(c); break;
            case MAP_CAPITALIZE: c = i == 0 ? to_up(c) : to_low(c); break;
            case MAP_TITLE:
                c = prev_cased ? to_low(c) : to_up(c);
                prev_cased = b_alpha(c);
                break;
            }
            out[i] = (char)c;
        }
    }
    g_bview_release(&s);
    return r;
}

static GObject *m_upper(ARGS) { (void)args; (void)nargs; return map_case(self, kw, MAP_UPPER); }
static GObject *m_lower(ARGS) { (void)args; (void)nargs; return map_case(self, kw, MAP_LOWER); }
static GObject *m_swapcase(ARGS) { (void)args; (void)nargs; return map_case(self, kw, MAP_SWAP); }
static GObject *m_capitalize(ARGS) { (void)args; (void)nargs; return map_case(self, kw, MAP_CAPITALIZE); }
static GObject *m_title(ARGS) { (void)args; (void)nargs; return map_case(self, kw, MAP_TITLE); }

/* True if every byte passes (and there is at least one). */
static GObject *all_bytes(GObject *self, bool (*pred)(unsigned char))
{
    VIEW_SELF(s);
    bool ok = s.n > 0;
    for (int64_t i = 0; ok && i < s.n; i++)
        ok = pred((unsigned char)s.p[i]);
    g_bview_release(&s);
    return g_bool(ok);
}

static bool b_alnum(unsigned char c) { return b_alpha(c) || b_digit(c); }
static bool b_ascii(unsigned char c) { return c < 0x80; }
static GObject *m_isdigit(ARGS) { (void)args; (void)nargs; NOKW("isdigit"); return all_bytes(self, b_digit); }
static GObject *m_isalpha(ARGS) { (void)args; (void)nargs; NOKW("isalpha"); return all_bytes(self, b_alpha); }
static GObject *m_isalnum(ARGS) { (void)args; (void)nargs; NOKW("isalnum"); return all_bytes(self, b_alnum); }
static GObject *m_isspace(ARGS) { (void)args; (void)nargs; NOKW("isspace"); return all_bytes(self, b_space); }

static GObject *m_isascii(ARGS)
{
    (void)args; (void)nargs; NOKW("isascii");
    VIEW_SELF(s);
    bool ok = true;
    for (int64_t i = 0; ok && i < s.n; i++)
        ok = b_ascii((unsigned char)s.p[i]);
    g_bview_release(&s);
    return g_bool(ok);
}

/* isupper/islower: at least one cased byte, and none of the other case. */
static GObject *cased(GObject *self, bool upper)
{
    VIEW_SELF(s);
    bool any = false, bad = false;
    for (int64_t i = 0; i < s.n; i++) {
        unsigned char c = (unsigned char)s.p[i];
        if (upper ? b_upper(c) : b_lower(c))
            any = true;
        else if (upper ? b_lower(c) : b_upper(c))
            bad = true;
    }
    g_bview_release(&s);
    return g_bool(any && !bad);
}

static GObject *m_isupper(ARGS) { (void)args; (void)nargs; NOKW("isupper"); return cased(self, true); }
static GObject *m_islower(ARGS) { (void)args; (void)nargs; NOKW("islower"); return cased(self, false); }

/* ====================================================================================
 * Search: find, rfind, index, rindex, count, startswith, endswith
 * ==================================================================================== */

/* The start/end arguments of a search, clipped to [0, n] (from may pass n: no match). */
static int range_args(GObject *const *args, size_t nargs, size_t first, int64_t n, int64_t *from, int64_t *to)
{
    int64_t a = 0, b = n;
    if (nargs > first && args[first] != G_NONE) {
        a = g_as_ssize(args[first]);
        if (a == -1 && g_err_occurred())
            return -1;
        if (a < 0)
            a = a + n < 0 ? 0 : a + n;
    }
    if (nargs > first + 1 && args[first + 1] != G_NONE) {
        b = g_as_ssize(args[first + 1]);
        if (b == -1 && g_err_occurred())
            return -1;
        if (b < 0)
            b = b + n < 0 ? 0 : b + n;
    }
    *from = a;
    *to = b > n ? n : b;
    return 0;
}

/* The needle of find/count/index: an int (one byte) or a bytes-like object.  An
 * int's byte goes into one[0] and the view points there. */
static int needle_view(GObject *o, GBView *v, char *one)
{
    if (g_is_int(o)) {
        int c = g_byte_from_int(o);
        if (c < 0)
            return -1;
        one[0] = (char)c;
        v->p = one;
        v->n = 1;
        v->owned = NULL;
        return 0;
    }
    return g_bview_get(o, v, "argument should be integer or bytes-like object, not '%s'");
}

static int64_t find_in(const GBView *h, const GBView *n, int64_t from, int64_t to, bool rev)
{
    if (from > h->n || to - from < n->n)
        return -1;
    if (rev) {
        for (int64_t i = to - n->n; i >= from; i--)
            if (n->n == 0 || memcmp(h->p + i, n->p, (size_t)n->n) == 0)
                return i;
        return -1;
    }
    for (int64_t i = from; i + n->n <= to; i++)
        if (n->n == 0 || memcmp(h->p + i, n->p, (size_t)n->n) == 0)
            return i;
    return -1;
}

static GObject *find_impl(GObject *self, GObject *const *args, size_t nargs, GObject *kw, const char *name,
                          bool rev, bool raise)
{
    NOKW(name);
    if (g_check_nargs(name, nargs, 1, 3) < 0)
        return NULL;
    int64_t from, to;
    GBView s, n;
    char one[1];
    if (g_bview_get(self, &s, NULL) < 0)
        return NULL;
    if (range_args(args, nargs, 1, s.n, &from, &to) < 0 || needle_view(args[0], &n, one) < 0) {
        g_bview_release(&s);
        return NULL;
    }
    int64_t at = find_in(&s, &n, from, to, rev);
    g_bview_release(&s);
    g_bview_release(&n);
    if (at < 0 && raise)
        return g_raise(&GExc_ValueError, "subsection not found");
    return g_int_from_i64(at);
}

static GObject *m_find(ARGS) { return find_impl(self, args, nargs, kw, "find", false, false); }
static GObject *m_rfind(ARGS) { return find_impl(self, args, nargs, kw, "rfind", true, false); }
static GObject *m_index(ARGS) { return find_impl(self, args, nargs, kw, "index", false, true); }
static GObject *m_rindex(ARGS) { return find_impl(self, args, nargs, kw, "rindex", true, true); }

/* Non-overlapping occurrences of n in h[from:to] (an empty n: one per gap). */
static int64_t count_in(const GBView *h, const GBView *n, int64_t from, int64_t to, int64_t max)
{
    if (from > h->n || to < from)
        return 0;
    if (n->n == 0)
        return to - from + 1 < max || max < 0 ? to - from + 1 : max;
    int64_t k = 0;
    for (int64_t i = from; i + n->n <= to && (max < 0 || k < max);) {
        if (memcmp(h->p + i, n->p, (size_t)n->n) == 0) {
            k++;
            i += n->n;
        } else {
            i++;
        }
    }
    return k;
}

static GObject *m_count(ARGS)
{
    NOKW("count");
    if (g_check_nargs("count", nargs, 1, 3) < 0)
        return NULL;
    int64_t from, to;
    GBView s, n;
    char one[1];
    if (g_bview_get(self, &s, NULL) < 0)
        return NULL;
    if (range_args(args, nargs, 1, s.n, &from, &to) < 0 || needle_view(args[0], &n, one) < 0) {
        g_bview_release(&s);
        return NULL;
    }
    int64_t k = count_in(&s, &n, from, to, -1);
    g_bview_release(&s);
    g_bview_release(&n);
    return g_int_from_i64(k);
}

static GObject *affix_impl(GObject *self, GObject *const *args, size_t nargs, GObject *kw, bool start)
{
    const char *name = start ? "startswith" : "endswith";
    NOKW(name);
    if (g_check_nargs(name, nargs, 1, 3) < 0)
        return NULL;
    GObject *const *cands = &args[0];
    int64_t ncand = 1;
    if (g_is_tuple(args[0])) {
        cands = ((GTuple *)args[0])->items;
        ncand = G_TUPLE_SIZE(args[0]);
    }
    for (int64_t i = 0; i < ncand; i++)
        if (!g_is_byteslike(cands[i]))
            return g_raise(&GExc_TypeError, "%s first arg must be bytes or a tuple of bytes, not %T", name, cands[i]);
    VIEW_SELF(s);
    int64_t from, to;
    if (range_args(args, nargs, 1, s.n, &from, &to) < 0) {
        g_bview_release(&s);
        return NULL;
    }
    bool found = false;
    for (int64_t i = 0; i < ncand && !found; i++) {
        GBView p;
        if (g_bview_get(cands[i], &p, NULL) < 0) {
            g_bview_release(&s);
            return NULL;
        }
        if (from <= s.n && to - from >= p.n) {
            int64_t at = start ? from : to - p.n;
            found = p.n == 0 || memcmp(s.p + at, p.p, (size_t)p.n) == 0;
        }
        g_bview_release(&p);
    }
    g_bview_release(&s);
    return g_bool(found);
}

static GObject *m_startswith(ARGS) { return affix_impl(self, args, nargs, kw, true); }
static GObject *m_endswith(ARGS) { return affix_impl(self, args, nargs, kw, false); }

static GObject *affix_remove(GObject *self, GObject *const *args, size_t nargs, GObject *kw, bool prefix)
{
    const char *name = prefix ? "removeprefix" : "removesuffix";
    NOKW(name);
    if (g_check_nargs(name, nargs, 1, 1) < 0)
        return NULL;
    GBView s, a;
    if (g_bview_get(args[0], &a, NULL) < 0)
        return NULL;
    if (g_bview_get(self, &s, NULL) < 0) {
        g_bview_release(&a);
        return NULL;
    }
    int64_t from = 0, to = s.n;
    if (a.n <= s.n && (a.n == 0 || memcmp(prefix ? s.p : s.p + s.n - a.n, a.p, (size_t)a.n) == 0)) {
        if (prefix)
            from = a.n;
        else
            to = s.n - a.n;
    }
    GObject *r = g_bytes_like(self, s.p + from, (size_t)(to - from));
    g_bview_release(&s);
    g_bview_release(&a);
    return r;
}

static GObject *m_removeprefix(ARGS) { return affix_remove(self, args, nargs, kw, true); }
static GObject *m_removesuffix(ARGS) { return affix_remove(self, args, nargs, kw, false); }

/* ====================================================================================
 * strip, split, rsplit, splitlines, partition, join, replace
 * ==================================================================================== */

static GObject *do_strip(GObject *self, GObject *const *args, size_t nargs, GObject *kw, const char *name,
                         bool left, bool right)
{
    NOKW(name);
    if (g_check_nargs(name, nargs, 0, 1) < 0)
        return NULL;
    GBView chars = { NULL, 0, NULL };
    bool ws = nargs == 0 || args[0] == G_NONE;
    if (!ws && g_bview_get(args[0], &chars, NULL) < 0)
        return NULL;
    GBView s;
    if (g_bview_get(self, &s, NULL) < 0) {
        g_bview_release(&chars);
        return NULL;
    }
    int64_t a = 0, b = s.n;
#define STRIPPED(c) (ws ? b_space((unsigned char)(c)) : (chars.n && memchr(chars.p, (c), (size_t)chars.n) != NULL))
    while (left && a < b && STRIPPED(s.p[a]))
        a++;
    while (right && b > a && STRIPPED(s.p[b - 1]))
        b--;
#undef STRIPPED
    GObject *r = g_bytes_like(self, s.p + a, (size_t)(b - a));
    g_bview_release(&s);
    g_bview_release(&chars);
    return r;
}

static GObject *m_strip(ARGS) { return do_strip(self, args, nargs, kw, "strip", true, true); }
static GObject *m_lstrip(ARGS) { return do_strip(self, args, nargs, kw, "lstrip", true, false); }
static GObject *m_rstrip(ARGS) { return do_strip(self, args, nargs, kw, "rstrip", false, true); }

/* Append self's kind of piece p[a..b) to list l; -1 on error. */
static int push_piece(GObject *l, GObject *self, const char *p, int64_t a, int64_t b)
{
    GObject *x = g_bytes_like(self, p + a, (size_t)(b - a));
    if (!x)
        return -1;
    int r = g_list_append(l, x);
    g_decref(x);
    return r;
}

/* Reverse a list in place (rsplit collects its pieces from the right). */
static void reverse_list(GObject *l)
{
    int64_t n = G_LIST_SIZE(l);
    for (int64_t i = 0; i < n / 2; i++) {
        GObject *t = G_LIST_ITEM(l, i);
        G_LIST_ITEM(l, i) = G_LIST_ITEM(l, n - 1 - i);
        G_LIST_ITEM(l, n - 1 - i) = t;
    }
}

static GObject *do_split(GObject *self, GObject *const *args, size_t nargs, GObject *kw, bool rev)
{
    const char *name = rev ? "rsplit" : "split";
    static const char *const names[] = { "sep", "maxsplit", NULL };
    GObject *a[2];
    if (g_parse_args(name, args, nargs, kw, names, 0, a) < 0)
        return NULL;
    int64_t max = -1;
    if (a[1]) {
        max = g_as_ssize(a[1]);
        if (max == -1 && g_err_occurred())
            return NULL;
    }
    GBView sep = { NULL, 0, NULL };
    bool ws = !a[0] || a[0] == G_NONE;
    if (!ws) {
        if (g_bview_get(a[0], &sep, NULL) < 0)
            return NULL;
        if (sep.n == 0) {
            g_bview_release(&sep);
            return g_raise(&GExc_ValueError, "empty separator");
        }
    }
    GBView s;
    if (g_bview_get(self, &s, NULL) < 0) {
        g_bview_release(&sep);
        return NULL;
    }
    GObject *l = g_list_new(0);
    int err = l ? 0 : -1;
    int64_t n = s.n, k = 0;
    if (ws && !rev) {
        int64_t i = 0;
        while (!err) {
            while (i < n && b_space((unsigned char)s.p[i]))
                i++;
            if (i == n)
                break;
            if (max >= 0 && k == max) {
                err = push_piece(l, self, s.p, i, n);   /* the rest, as it is */
                break;
            }
            int64_t j = i;
            while (j < n && !b_space((unsigned char)s.p[j]))
                j++;
            err = push_piece(l, self, s.p, i, j);
            k++;
            i = j;
        }
    } else if (ws) {
        int64_t i = n;
        while (!err) {
            while (i > 0 && b_space((unsigned char)s.p[i - 1]))
                i--;
            if (i == 0)
                break;
            if (max >= 0 && k == max) {
                err = push_piece(l, self, s.p, 0, i);
                break;
            }
            int64_t j = i;
            while (j > 0 && !b_space((unsigned char)s.p[j - 1]))
                j--;
            err = push_piece(l, self, s.p, j, i);
            k++;
            i = j;
        }
    } else if (!rev) {
        int64_t i = 0, j;
        while (!err && (max < 0 || k < max) && (j = find_in(&s, &sep, i, n, false)) >= 0) {
            err = push_piece(l, self, s.p, i, j);
            i = j + sep.n;
            k++;
        }
        if (!err)
            err = push_piece(l, self, s.p, i, n);
    } else {
        int64_t i = n, j;
        while (!err && (max < 0 || k < max) && (j = find_in(&s, &sep, 0, i, true)) >= 0) {
            err = push_piece(l, self, s.p, j + sep.n, i);
            i = j;
            k++;
        }
        if (!err)
            err = push_piece(l, self, s.p, 0, i);
    }
    if (!err && rev)
        reverse_list(l);
    g_bview_release(&s);
    g_bview_release(&sep);
    if (err) {
        g_xdecref(l);
        return NULL;
    }
    return l;
}

static GObject *m_split(ARGS) { return do_split(self, args, nargs, kw, false); }
static GObject *m_rsplit(ARGS) { return do_split(self, args, nargs, kw, true); }

static GObject *m_splitlines(ARGS)
{
    static const char *const names[] = { "keepends", NULL };
    GObject *a[1];
    if (g_parse_args("splitlines", args, nargs, kw, names, 0, a) < 0)
        return NULL;
    int keep = a[0] ? g_truthy(a[0]) : 0;
    if (keep < 0)
        return NULL;
    VIEW_SELF(s);
    GObject *l = g_list_new(0);
    int err = l ? 0 : -1;
    for (int64_t i = 0; !err && i < s.n;) {
        int64_t j = i;
        while (j < s.n && s.p[j] != '\n' && s.p[j] != '\r')
            j++;
        int64_t eol = j;
        if (j < s.n)
            j += (s.p[j] == '\r' && j + 1 < s.n && s.p[j + 1] == '\n') ? 2 : 1;
        err = push_piece(l, self, s.p, i, keep ? j : eol);
        i = j;
    }
    g_bview_release(&s);
    if (err) {
        g_xdecref(l);
        return NULL;
    }
    return l;
}

static GObject *partition_impl(GObject *self, GObject *const *args, size_t nargs, GObject *kw, bool rev)
{
    const char *name = rev ? "rpartition" : "partition";
    NOKW(name);
    if (g_check_nargs(name, nargs, 1, 1) < 0)
        return NULL;
    GBView sep, s;
    if (g_bview_get(args[0], &sep, NULL) < 0)
        return NULL;
    if (sep.n == 0) {
        g_bview_release(&sep);
        return g_raise(&GExc_ValueError, "empty separator");
    }
    if (g_bview_get(self, &s, NULL) < 0) {
        g_bview_release(&sep);
        return NULL;
    }
    int64_t at = find_in(&s, &sep, 0, s.n, rev);
    GObject *x, *y, *z;
    if (at < 0) {
        x = g_bytes_like(self, rev ? NULL : s.p, rev ? 0 : (size_t)s.n);
        y = g_bytes_like(self, NULL, 0);
        z = g_bytes_like(self, rev ? s.p : NULL, rev ? (size_t)s.n : 0);
    } else {
        x = g_bytes_like(self, s.p, (size_t)at);
        y = g_bytes_like(self, sep.p, (size_t)sep.n);
        z = g_bytes_like(self, s.p + at + sep.n, (size_t)(s.n - at - sep.n));
    }
    g_bview_release(&s);
    g_bview_release(&sep);
    GObject *t = x && y && z ? g_tuple_pack(3, x, y, z) : NULL;
    g_xdecref(x);
    g_xdecref(y);
    g_xdecref(z);
    return t;
}

static GObject *m_partition(ARGS) { return partition_impl(self, args, nargs, kw, false); }
static GObject *m_rpartition(ARGS) { return partition_impl(self, args, nargs, kw, true); }

static GObject *m_join(ARGS)
{
    NOKW("join");
    if (g_check_nargs("join", nargs, 1, 1) < 0)
        return NULL;
    GObject *items = g_list_from_iterable(args[0]);   /* runs the iterable's code first */
    if (!items)
        return NULL;
    GBuf b;
    g_buf_init(&b);
    GBView sep;
    if (g_bview_get(self, &sep, NULL) < 0) {
        g_decref(items);
        return NULL;
    }
    GObject *r = NULL;
    int64_t n = G_LIST_SIZE(items);
    for (int64_t i = 0; i < n; i++) {
        GObject *x = G_LIST_ITEM(items, i);
        GBView v;
        if (!g_is_byteslike(x)) {
            g_raise(&GExc_TypeError, "sequence item %zd: expected a bytes-like object, %T found", (ssize_t)i, x);
            goto done;
        }
        if (g_bview_get(x, &v, NULL) < 0)
            goto done;
        if (i)
            g_buf_put(&b, sep.p, (size_t)sep.n);
        g_buf_put(&b, v.p, (size_t)v.n);
        g_bview_release(&v);
    }
    r = finish(self, &b);
done:
    g_buf_free(&b);
    g_bview_release(&sep);
    g_decref(items);
    return r;
}

static GObject *m_replace(ARGS)
{
    NOKW("replace");
    if (g_check_nargs("replace", nargs, 2, 3) < 0)
        return NULL;
    int64_t max = -1;
    if (nargs == 3) {
        max = g_as_ssize(args[2]);
        if (max == -1 && g_err_occurred())
            return NULL;
    }
    GBView old, new_, s;
    if (g_bview_get(args[0], &old, NULL) < 0)
        return NULL;
    if (g_bview_get(args[1], &new_, NULL) < 0) {
        g_bview_release(&old);
        return NULL;
    }
    if (g_bview_get(self, &s, NULL) < 0) {
        g_bview_release(&old);
        g_bview_release(&new_);
        return NULL;
    }
    GBuf b;
    g_buf_init(&b);
    int64_t i = 0, k = 0;
    if (old.n == 0) {
        /* an empty pattern matches before every byte and at the end */
        for (; i <= s.n; i++) {
            if (max < 0 || k < max) {
                g_buf_put(&b, new_.p, (size_t)new_.n);
                k++;
            }
            if (i < s.n)
                g_buf_putc(&b, s.p[i]);
        }
    } else {
        int64_t j;
        while ((max < 0 || k < max) && (j = find_in(&s, &old, i, s.n, false)) >= 0) {
            g_buf_put(&b, s.p + i, (size_t)(j - i));
            g_buf_put(&b, new_.p, (size_t)new_.n);
            i = j + old.n;
            k++;
        }
        g_buf_put(&b, s.p + i, (size_t)(s.n - i));
    }
    g_bview_release(&s);
    g_bview_release(&old);
    g_bview_release(&new_);
    return finish(self, &b);
}

/* ====================================================================================
 * Padding: ljust, rjust, center, zfill, expandtabs
 * ==================================================================================== */

static GObject *pad(GObject *self, GObject *const *args, size_t nargs, GObject *kw, const char *name, int how)
{
    NOKW(name);
    if (g_check_nargs(name, nargs, 1, 2) < 0)
        return NULL;
    int64_t width = g_as_ssize(args[0]);
    if (width == -1 && g_err_occurred())
        return NULL;
    char fill = ' ';
    if (nargs == 2) {
        if (!g_is_byteslike(args[1]) || g_len(args[1]) != 1)
            return g_raise(&GExc_TypeError, "%s() argument 2 must be a byte string of length 1, not %T", name, args[1]);
        GBView f;
        if (g_bview_get(args[1], &f, NULL) < 0)
            return NULL;
        fill = f.n ? f.p[0] : ' ';
        g_bview_release(&f);
    }
    VIEW_SELF(s);
    GBuf b;
    g_buf_init(&b);
    int64_t total = width > s.n ? width - s.n : 0;
    /* center puts the odd byte on the left when the width is odd (CPython's rule) */
    int64_t left = how == 0 ? 0 : how == 1 ? total : total / 2 + (total & width & 1);
    for (int64_t i = 0; i < left; i++)
        g_buf_putc(&b, fill);
    g_buf_put(&b, s.p, (size_t)s.n);
    for (int64_t i = 0; i < total - left; i++)
        g_buf_putc(&b, fill);
    g_bview_release(&s);
    return finish(self, &b);
}

static GObject *m_ljust(ARGS) { return pad(self, args, nargs, kw, "ljust", 0); }
static GObject *m_rjust(ARGS) { return pad(self, args, nargs, kw, "rjust", 1); }
static GObject *m_center(ARGS) { return pad(self, args, nargs, kw, "center", 2); }

static GObject *m_zfill(ARGS)
{
    NOKW("zfill");
    if (g_check_nargs("zfill", nargs, 1, 1) < 0)
        return NULL;
    int64_t width = g_as_ssize(args[0]);
    if (width == -1 && g_err_occurred())
        return NULL;
    VIEW_SELF(s);
    GBuf b;
    g_buf_init(&b);
    int64_t fill = width > s.n ? width - s.n : 0;
    int64_t i = 0;
    if (s.n && (s.p[0] == '+' || s.p[0] == '-') && fill) {
        g_buf_putc(&b, s.p[0]);
        i = 1;
    }
    for (int64_t k = 0; k < fill; k++)
        g_buf_putc(&b, '0');
    g_buf_put(&b, s.p + i, (size_t)(s.n - i));
    g_bview_release(&s);
    return finish(self, &b);
}

static GObject *m_expandtabs(ARGS)
{
    static const char *const names[] = { "tabsize", NULL };
    GObject *a[1];
    if (g_parse_args("expandtabs", args, nargs, kw, names, 0, a) < 0)
        return NULL;
    int64_t tab = 8;
    if (a[0]) {
        tab = g_as_ssize(a[0]);
        if (tab == -1 && g_err_occurred())
            return NULL;
    }
    VIEW_SELF(s);
    GBuf b;
    g_buf_init(&b);
    int64_t col = 0;
    for (int64_t i = 0; i < s.n; i++) {
        char c = s.p[i];
        if (c == '\t') {
            int64_t spaces = tab > 0 ? tab - col % tab : 0;
            for (int64_t k = 0; k < spaces; k++)
                g_buf_putc(&b, ' ');
            col += spaces;
        } else {
            g_buf_putc(&b, c);
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
        }
    }
    g_bview_release(&s);
    return finish(self, &b);
}

/* ====================================================================================
 * hex, fromhex, decode
 * ==================================================================================== */

static GObject *m_hex(ARGS)
{
    static const char *const names[] = { "sep", "bytes_per_sep", NULL };
    GObject *a[2];
    if (g_parse_args("hex", args, nargs, kw, names, 0, a) < 0)
        return NULL;
    char sep = 0;
    int64_t per = 1;
    if (a[0]) {
        GBView v;
        if (g_is_str(a[0])) {
            if (g_str_len(a[0]) != 1)
                return g_raise(&GExc_ValueError, "sep must be length 1.");
            if ((unsigned char)g_str_data(a[0])[0] >= 0x80)
                return g_raise(&GExc_ValueError, "sep must be ASCII.");
            sep = g_str_data(a[0])[0];
        } else {
            if (g_bview_get(a[0], &v, "sep must be str or bytes.") < 0)
                return NULL;
            bool ok = v.n == 1;
            sep = ok ? v.p[0] : 0;
            g_bview_release(&v);
            if (!ok)
                return g_raise(&GExc_ValueError, "sep must be length 1.");
        }
    }
    if (a[1]) {
        per = g_as_ssize(a[1]);
        if (per == -1 && g_err_occurred())
            return NULL;
    }
    VIEW_SELF(s);
    GBuf b;
    g_buf_init(&b);
    int64_t group = per < 0 ? -per : per;
    for (int64_t i = 0; i < s.n; i++) {
        /* a positive bytes_per_sep counts groups from the right, a negative one from the left */
        if (sep && group && i > 0 && (per > 0 ? (s.n - i) % group == 0 : i % group == 0))
            g_buf_putc(&b, sep);
        g_buf_printf(&b, "%02x", (unsigned char)s.p[i]);
    }
    g_bview_release(&s);
    if (b.len == 0) {
        g_buf_free(&b);
        return g_str_new("", 0);
    }
    return g_buf_finish(&b);
}

static int hexval(unsigned char c)
{
    if (b_digit(c))
        return c - '0';
    c = to_low(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static GObject *m_fromhex(ARGS)
{
    NOKW("fromhex");
    if (g_check_nargs("fromhex", nargs, 1, 1) < 0)
        return NULL;
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "fromhex() argument must be str, not %T", args[0]);
    const char *p = g_str_data(args[0]);
    int64_t n = g_str_nbytes(args[0]);
    GBuf b;
    g_buf_init(&b);
    for (int64_t i = 0; i < n;) {
        if (b_space((unsigned char)p[i])) {
            i++;
            continue;
        }
        int hi = hexval((unsigned char)p[i]);
        int lo = i + 1 < n ? hexval((unsigned char)p[i + 1]) : -1;
        if (hi < 0 || lo < 0) {
            g_buf_free(&b);
            int64_t at = hi < 0 ? i : i + 1;
            return g_raise(&GExc_ValueError, "non-hexadecimal number found in fromhex() arg at position %zd", (ssize_t)at);
        }
        g_buf_putc(&b, (char)(hi * 16 + lo));
        i += 2;
    }
    /* a classmethod: self is the class (bytes or bytearray) */
    GObject *r = self == (GObject *)&GByteArray_type ? g_bytearray_new(b.data, b.len) : g_bytes_new(b.data, b.len);
    g_buf_free(&b);
    return r;
}

static GObject *m_decode(ARGS)
{
    static const char *const names[] = { "encoding", "errors", NULL };
    GObject *a[2];
    if (g_parse_args("decode", args, nargs, kw, names, 0, a) < 0)
        return NULL;
    for (int i = 0; i < 2; i++)
        if (a[i] && !g_is_str(a[i]))
            return g_raise(&GExc_TypeError, "decode() argument '%s' must be str, not %T", names[i], a[i]);
    VIEW_SELF(s);
    GObject *r = g_bytes_decode(s.p, (size_t)s.n, a[0] ? g_str_data(a[0]) : "utf-8", a[1] ? g_str_data(a[1]) : "strict");
    g_bview_release(&s);
    return r;
}

const GMethodDef g_bytes_methods[] = {
    { "decode", m_decode, 0, NULL }, { "hex", m_hex, 0, NULL }, { "fromhex", m_fromhex, G_METH_CLASS, NULL },
    { "upper", m_upper, 0, NULL }, { "lower", m_lower, 0, NULL }, { "swapcase", m_swapcase, 0, NULL },
    { "capitalize", m_capitalize, 0, NULL }, { "title", m_title, 0, NULL },
    { "isdigit", m_isdigit, 0, NULL }, { "isalpha", m_isalpha, 0, NULL }, { "isalnum", m_isalnum, 0, NULL },
    { "isspace", m_isspace, 0, NULL }, { "isupper", m_isupper, 0, NULL }, { "islower", m_islower, 0, NULL },
    { "isascii", m_isascii, 0, NULL },
    { "find", m_find, 0, NULL }, { "rfind", m_rfind, 0, NULL }, { "index", m_index, 0, NULL },
    { "rindex", m_rindex, 0, NULL }, { "count", m_count, 0, NULL },
    { "startswith", m_startswith, 0, NULL }, { "endswith", m_endswith, 0, NULL },
    { "removeprefix", m_removeprefix, 0, NULL }, { "removesuffix", m_removesuffix, 0, NULL },
    { "strip", m_strip, 0, NULL }, { "lstrip", m_lstrip, 0, NULL }, { "rstrip", m_rstrip, 0, NULL },
    { "split", m_split, 0, NULL }, { "rsplit", m_rsplit, 0, NULL }, { "splitlines", m_splitlines, 0, NULL },
    { "partition", m_partition, 0, NULL }, { "rpartition", m_rpartition, 0, NULL },
    { "join", m_join, 0, NULL }, { "replace", m_replace, 0, NULL },
    { "ljust", m_ljust, 0, NULL }, { "rjust", m_rjust, 0, NULL }, { "center", m_center, 0, NULL },
    { "zfill", m_zfill, 0, NULL }, { "expandtabs", m_expandtabs, 0, NULL },
    { NULL, NULL, 0, NULL },
};
