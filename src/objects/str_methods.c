/* str_methods.c -- the methods of str: case mapping, predicates, strip, split,
 * join, replace, find/index/count, affixes, padding, partition.
 *
 * Methods work on the UTF-8 bytes directly where they can (search, split on a
 * separator) and decode code points where they must (case mapping, whitespace,
 * padding by character count).
 */
#include <wctype.h>

#include "objects/objects.h"
#include "objects/str_internal.h"

/* ====================================================================================
 * Methods
 * ==================================================================================== */

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw
#define NOKW(name) if (g_no_kwargs(name, kw) < 0) return NULL

static bool is_ws(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
           c == 0x1c || c == 0x1d || c == 0x1e || c == 0x1f || c == 0x85 || c == 0xa0 ||
           c == 0x3000 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029;
}

static GObject *need_str(GObject *o, const char *what)
{
    if (!g_is_str(o))
        return g_raise(&GExc_TypeError, "%s arg must be None or str", what);
    return o;
}

/* Decode one code point at byte offset *off and advance. */
static uint32_t next_cp(GStr *s, int64_t *off)
{
    unsigned char c = (unsigned char)s->data[*off];
    if (c < 0x80) {
        (*off)++;
        return c;
    }
    uint32_t cp = 0;
    int k = g_utf8_decode(s->data + *off, (size_t)(s->nbytes - *off), &cp);
    *off += k > 0 ? k : 1;
    return cp;
}

typedef uint32_t (*CaseFn)(uint32_t cp, int pos, uint32_t prev);

static uint32_t up(uint32_t c, int pos, uint32_t prev);
static uint32_t low(uint32_t c, int pos, uint32_t prev);

/* upper() and lower() of an ASCII str: byte for byte, the same length */
static GObject *map_case_ascii(GStr *s, bool to_upper)
{
    if (s->nbytes == 0)
        return g_str_new("", 0);
    GObject *r = g_str_new_uninit((size_t)s->nbytes, s->nbytes, true);
    if (!r)
        return NULL;
    char *out = ((GStr *)r)->data;
    char from = to_upper ? 'a' : 'A';
    for (int64_t i = 0; i < s->nbytes; i++) {
        char c = s->data[i];
        out[i] = (char)((unsigned)(c - from) < 26 ? c ^ 0x20 : c);
    }
    return r;
}

static GObject *map_case(GObject *self, CaseFn fn)
{
    GStr *s = (GStr *)self;
    if ((self->ob_flags & G_STR_ASCII) && (fn == up || fn == low))
        return map_case_ascii(s, fn == up);
    GBuf b;
    g_buf_init(&b);
    uint32_t prev = 0;
    int pos = 0;
    for (int64_t off = 0; off < s->nbytes; pos++) {
        uint32_t cp = next_cp(s, &off);
        uint32_t m = fn(cp, pos, prev);
        char tmp[4];
        g_buf_put(&b, tmp, (size_t)g_utf8_encode(m, tmp));
        prev = cp;
    }
    return g_buf_finish(&b);
}

static uint32_t up(uint32_t c, int pos, uint32_t prev) { (void)pos; (void)prev; return (uint32_t)towupper((wint_t)c); }
static uint32_t low(uint32_t c, int pos, uint32_t prev) { (void)pos; (void)prev; return (uint32_t)towlower((wint_t)c); }
static uint32_t swap(uint32_t c, int pos, uint32_t prev)
{
    (void)pos; (void)prev;
    return iswupper((wint_t)c) ? (uint32_t)towlower((wint_t)c) : (uint32_t)towupper((wint_t)c);
}
static uint32_t cap(uint32_t c, int pos, uint32_t prev)
{
    (void)prev;
    return pos == 0 ? (uint32_t)towupper((wint_t)c) : (uint32_t)towlower((wint_t)c);
}
static uint32_t title(uint32_t c, int pos, uint32_t prev)
{
    bool start = pos == 0 || !iswalpha((wint_t)prev);
    return start ? (uint32_t)towupper((wint_t)c) : (uint32_t)towlower((wint_t)c);
}

#define CASE_METHOD(NAME, FN) \
    static GObject *s_##NAME(ARGS) \
    { \
        (void)args; \
        NOKW(#NAME); \
        if (g_check_nargs(#NAME, nargs, 0, 0) < 0) \
            return NULL; \
        return map_case(self, FN); \
    }
CASE_METHOD(upper, up)
CASE_METHOD(lower, low)
CASE_METHOD(swapcase, swap)
CASE_METHOD(capitalize, cap)
CASE_METHOD(casefold, low)
CASE_METHOD(str_title, title)

typedef int (*PredFn)(uint32_t cp);
static int p_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static int p_alpha(uint32_t c) { return iswalpha((wint_t)c); }
static int p_alnum(uint32_t c) { return iswalnum((wint_t)c); }
static int p_space(uint32_t c) { return is_ws(c); }
static int p_print(uint32_t c) { return c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0); }
static int p_ascii(uint32_t c) { return c < 0x80; }

static GObject *all_pred(GObject *self, PredFn fn, bool empty_value)
{
    GStr *s = (GStr *)self;
    if (s->len == 0)
        return g_bool(empty_value);
    for (int64_t off = 0; off < s->nbytes;)
        if (!fn(next_cp(s, &off)))
            return G_FALSE;
    return G_TRUE;
}

#define PRED_METHOD(NAME, FN, EMPTY) \
    static GObject *s_##NAME(ARGS) \
    { \
        (void)args; \
        NOKW(#NAME); \
        if (g_check_nargs(#NAME, nargs, 0, 0) < 0) \
            return NULL; \
        return all_pred(self, FN, EMPTY); \
    }
PRED_METHOD(isdigit, p_digit, false)
PRED_METHOD(isalpha, p_alpha, false)
PRED_METHOD(isalnum, p_alnum, false)
PRED_METHOD(isspace, p_space, false)
PRED_METHOD(isprintable, p_print, true)
PRED_METHOD(isascii, p_ascii, true)

static GObject *cased_pred(GObject *self, bool want_upper)
{
    GStr *s = (GStr *)self;
    bool any = false;
    for (int64_t off = 0; off < s->nbytes;) {
        uint32_t c = next_cp(s, &off);
        if (iswupper((wint_t)c)) {
            if (!want_upper)
                return G_FALSE;
            any = true;
        } else if (iswlower((wint_t)c)) {
            if (want_upper)
                return G_FALSE;
            any = true;
        }
    }
    return g_bool(any);
}
static GObject *isupper_m(ARGS) { (void)args; (void)nargs; NOKW("isupper"); return cased_pred(self, true); }
static GObject *islower_m(ARGS) { (void)args; (void)nargs; NOKW("islower"); return cased_pred(self, false); }

static GObject *isidentifier(ARGS)
{
    (void)args; (void)nargs;
    NOKW("isidentifier");
    GStr *s = (GStr *)self;
    if (s->len == 0)
        return G_FALSE;
    int64_t off = 0;
    for (int i = 0; off < s->nbytes; i++) {
        uint32_t c = next_cp(s, &off);
        bool ok = c == '_' || iswalpha((wint_t)c) || c >= 0x80 || (i > 0 && c >= '0' && c <= '9');
        if (!ok)
            return G_FALSE;
    }
    return G_TRUE;
}

static GObject *istitle(ARGS)
{
    (void)args; (void)nargs;
    NOKW("istitle");
    GStr *s = (GStr *)self;
    bool cased = false, prev_cased = false;
    for (int64_t off = 0; off < s->nbytes;) {
        uint32_t c = next_cp(s, &off);
        if (iswupper((wint_t)c)) {
            if (prev_cased)
                return G_FALSE;
            prev_cased = cased = true;
        } else if (iswlower((wint_t)c)) {
            if (!prev_cased)
                return G_FALSE;
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
    }
    return g_bool(cased);
}

/* Is cp one of the characters to strip (cs NULL: whitespace)? */
static bool strip_member(uint32_t cp, GStr *cs)
{
    if (!cs)
        return is_ws(cp);
    for (int64_t k = 0; k < cs->nbytes;)
        if (next_cp(cs, &k) == cp)
            return true;
    return false;
}

/* strip family: chars NULL means whitespace */
static GObject *do_strip(GObject *self, GObject *chars, bool left, bool right)
{
    GStr *s = (GStr *)self;
    int64_t a = 0, b = s->nbytes;
    if (chars && chars != G_NONE && !need_str(chars, "strip"))
        return NULL;
    bool ws = !chars || chars == G_NONE;
    GStr *cs = ws ? NULL : (GStr *)chars;
    if (left) {
        while (a < b) {
            int64_t o = a;
            if (!strip_member(next_cp(s, &o), cs))
                break;
            a = o;
        }
    }
    if (right) {
        while (b > a) {
            int64_t start = b - 1;
            while (start > a && ((unsigned char)s->data[start] & 0xC0) == 0x80)
                start--;
            int64_t o = start;
            if (!strip_member(next_cp(s, &o), cs))
                break;
            b = start;
        }
    }
    if (a == 0 && b == s->nbytes)
        return g_newref(self);
    return str_piece(s, s->data + a, (size_t)(b - a));
}

static GObject *strip(ARGS) { NOKW("strip"); if (g_check_nargs("strip", nargs, 0, 1) < 0) return NULL; return do_strip(self, nargs ? args[0] : NULL, true, true); }
static GObject *lstrip(ARGS) { NOKW("lstrip"); if (g_check_nargs("lstrip", nargs, 0, 1) < 0) return NULL; return do_strip(self, nargs ? args[0] : NULL, true, false); }
static GObject *rstrip(ARGS) { NOKW("rstrip"); if (g_check_nargs("rstrip", nargs, 0, 1) < 0) return NULL; return do_strip(self, nargs ? args[0] : NULL, false, true); }

/* split on whitespace runs (sep None) or on an exact separator */
static GObject *do_split(GObject *self, GObject *const *args, size_t nargs, GObject *kw, bool reverse)
{
    static const char *const names[] = { "sep", "maxsplit", NULL };
    GObject *a[2];
    if (g_parse_args(reverse ? "rsplit" : "split", args, nargs, kw, names, 0, a) < 0)
        return NULL;
    int64_t maxsplit = -1;
    if (a[1]) {
        maxsplit = g_as_ssize(a[1]);
        if (maxsplit == -1 && g_err_occurred())
            return NULL;
    }
    GStr *s = (GStr *)self;
    GObject *list = g_list_new(0);
    if (!list)
        return NULL;
    if (!a[0] || a[0] == G_NONE) {
        /* whitespace split, working on byte offsets of code points */
        int64_t n = s->nbytes;
        GObject *piece = NULL;
        if (!reverse) {
            int64_t i = 0;
            while (i < n) {
                int64_t o = i;
                while (o < n) {
                    int64_t t = o;
                    if (!is_ws(next_cp(s, &t)))
                        break;
                    o = t;
                }
                i = o;
                if (i >= n)
                    break;
                if (maxsplit == 0) {
                    int64_t e = n;
                    while (e > i) {
                        int64_t st = e - 1;
                        while (st > i && ((unsigned char)s->data[st] & 0xC0) == 0x80)
                            st--;
                        int64_t t = st;
                        if (!is_ws(next_cp(s, &t)))
                            break;
                        e = st;
                    }
                    piece = str_piece(s, s->data + i, (size_t)(e - i));
                    if (!piece || g_list_append(list, piece) < 0)
                        goto fail_piece;
                    g_decref(piece);
                    break;
                }
                int64_t j = i;
                while (j < n) {
                    int64_t t = j;
                    if (is_ws(next_cp(s, &t)))
                        break;
                    j = t;
                }
                piece = str_piece(s, s->data + i, (size_t)(j - i));
                if (!piece || g_list_append(list, piece) < 0) {
                fail_piece:
                    g_xdecref(piece);
                    g_decref(list);
                    return NULL;
                }
                g_decref(piece);
                if (maxsplit > 0)
                    maxsplit--;
                i = j;
            }
        } else {
            int64_t j = n;
            while (j > 0) {
                while (j > 0 && is_ws((unsigned char)s->data[j - 1]))
                    j--;
                if (j == 0)
                    break;
                int64_t i = j;
                if (maxsplit == 0) {
                    int64_t st = 0;
                    while (st < j && is_ws((unsigned char)s->data[st]))
                        st++;
                    i = st;
                } else {
                    while (i > 0 && !is_ws((unsigned char)s->data[i - 1]))
                        i--;
                }
                GObject *piece = str_piece(s, s->data + i, (size_t)(j - i));
                if (!piece || g_list_append(list, piece) < 0) {
                    g_xdecref(piece);
                    g_decref(list);
                    return NULL;
                }
                g_decref(piece);
                if (maxsplit == 0)
                    break;
                if (maxsplit > 0)
                    maxsplit--;
                j = i;
            }
            /* reverse the list in place */
            GList *l = (GList *)list;
            for (int64_t x = 0, y = G_LIST_SIZE(list) - 1; x < y; x++, y--) {
                GObject *t = l->items[x];
                l->items[x] = l->items[y];
                l->items[y] = t;
            }
        }
        return list;
    }
    if (!g_is_str(a[0])) {
        g_decref(list);
        return g_raise(&GExc_TypeError, "must be str or None, not %T", a[0]);
    }
    GStr *sep = (GStr *)a[0];
    if (sep->nbytes == 0) {
        g_decref(list);
        return g_raise(&GExc_ValueError, "empty separator");
    }
    if (!reverse) {
        int64_t i = 0;
        for (;;) {
            int64_t j = maxsplit == 0 ? -1 : find_bytes(s->data, s->nbytes, sep->data, sep->nbytes, i, s->nbytes);
            int64_t e = j < 0 ? s->nbytes : j;
            GObject *piece = str_piece(s, s->data + i, (size_t)(e - i));
            if (!piece || g_list_append(list, piece) < 0) {
                g_xdecref(piece);
                g_decref(list);
                return NULL;
            }
            g_decref(piece);
            if (j < 0)
                break;
            i = j + sep->nbytes;
            if (maxsplit > 0)
                maxsplit--;
        }
    } else {
        int64_t e = s->nbytes;
        for (;;) {
            int64_t j = maxsplit == 0 ? -1 : rfind_bytes(s->data, s->nbytes, sep->data, sep->nbytes, 0, e);
            int64_t st = j < 0 ? 0 : j + sep->nbytes;
            GObject *piece = str_piece(s, s->data + st, (size_t)(e - st));
            if (!piece || g_list_append(list, piece) < 0) {
                g_xdecref(piece);
                g_decref(list);
                return NULL;
            }
            g_decref(piece);
            if (j < 0)
                break;
            e = j;
            if (maxsplit > 0)
                maxsplit--;
        }
        GList *l = (GList *)list;
        for (int64_t x = 0, y = G_LIST_SIZE(list) - 1; x < y; x++, y--) {
            GObject *t = l->items[x];
            l->items[x] = l->items[y];
            l->items[y] = t;
        }
    }
    return list;
}

static GObject *split(ARGS) { return do_split(self, args, nargs, kw, false); }
static GObject *rsplit(ARGS) { return do_split(self, args, nargs, kw, true); }

static GObject *splitlines(ARGS)
{
    static const char *const names[] = { "keepends", NULL };
    GObject *a[1];
    if (g_parse_args("splitlines", args, nargs, kw, names, 0, a) < 0)
        return NULL;
    int keep = a[0] ? g_truthy(a[0]) : 0;
    GStr *s = (GStr *)self;
    GObject *list = g_list_new(0);
    if (!list)
        return NULL;
    int64_t i = 0;
    while (i < s->nbytes) {
        int64_t j = i;
        while (j < s->nbytes && s->data[j] != '\n' && s->data[j] != '\r')
            j++;
        int64_t eol = j;
        if (j < s->nbytes) {
            if (s->data[j] == '\r' && j + 1 < s->nbytes && s->data[j + 1] == '\n')
                j += 2;
            else
                j += 1;
        }
        GObject *piece = str_piece(s, s->data + i, (size_t)((keep ? j : eol) - i));
        if (!piece || g_list_append(list, piece) < 0) {
            g_xdecref(piece);
            g_decref(list);
            return NULL;
        }
        g_decref(piece);
        i = j;
    }
    return list;
}

GObject *g_str_join(GObject *sep, GObject *iterable)
{
    GObject *seq = g_list_from_iterable(iterable);
    if (!seq)
        return NULL;
    GBuf b;
    g_buf_init(&b);
    for (int64_t i = 0; i < G_LIST_SIZE(seq); i++) {
        GObject *item = G_LIST_ITEM(seq, i);
        if (!g_is_str(item)) {
            g_buf_free(&b);
            g_decref(seq);
            return g_raise(&GExc_TypeError, "sequence item %zd: expected str instance, %T found", (ssize_t)i, item);
        }
        if (i)
            g_buf_put_obj(&b, sep);
        g_buf_put_obj(&b, item);
    }
    g_decref(seq);
    return g_buf_finish(&b);
}

static GObject *join(ARGS)
{
    NOKW("join");
    if (g_check_nargs("join", nargs, 1, 1) < 0)
        return NULL;
    return g_str_join(self, args[0]);
}

static GObject *replace(ARGS)
{
    NOKW("replace");
    if (g_check_nargs("replace", nargs, 2, 3) < 0)
        return NULL;
    if (!g_is_str(args[0]) || !g_is_str(args[1]))
        return g_raise(&GExc_TypeError, "replace() argument must be str, not %T", !g_is_str(args[0]) ? args[0] : args[1]);
    int64_t count = -1;
    if (nargs == 3) {
        count = g_as_ssize(args[2]);
        if (count == -1 && g_err_occurred())
            return NULL;
    }
    GStr *s = (GStr *)self, *old = (GStr *)args[0], *new = (GStr *)args[1];
    GBuf b;
    g_buf_init(&b);
    if (old->nbytes == 0) {
        /* insert `new` between every code point */
        int64_t off = 0, done = 0;
        while (off <= s->nbytes) {
            if (count < 0 || done < count) {
                g_buf_put(&b, new->data, (size_t)new->nbytes);
                done++;
            }
            if (off == s->nbytes)
                break;
            int64_t o = off;
            next_cp(s, &o);
            g_buf_put(&b, s->data + off, (size_t)(o - off));
            off = o;
        }
        return g_buf_finish(&b);
    }
    int64_t i = 0, done = 0;
    while (count < 0 || done < count) {
        int64_t j = find_bytes(s->data, s->nbytes, old->data, old->nbytes, i, s->nbytes);
        if (j < 0)
            break;
        g_buf_put(&b, s->data + i, (size_t)(j - i));
        g_buf_put(&b, new->data, (size_t)new->nbytes);
        i = j + old->nbytes;
        done++;
    }
    g_buf_put(&b, s->data + i, (size_t)(s->nbytes - i));
    return g_buf_finish(&b);
}

/* Resolve optional start/end arguments (code points) into byte offsets. */
static int range_args(GStr *s, GObject *const *args, size_t nargs, size_t first, int64_t *from, int64_t *to)
{
    int64_t a = 0, b = s->len;
    if (nargs > first && args[first] != G_NONE) {
        a = g_as_ssize(args[first]);
        if (a == -1 && g_err_occurred())
            return -1;
        if (a < 0)
            a = a + s->len < 0 ? 0 : a + s->len;
    }
    if (nargs > first + 1 && args[first + 1] != G_NONE) {
        b = g_as_ssize(args[first + 1]);
        if (b == -1 && g_err_occurred())
            return -1;
        if (b < 0)
            b = b + s->len < 0 ? 0 : b + s->len;
    }
    if (a > s->len)
        a = s->len + 1;   /* past the end: nothing can match */
    if (b > s->len)
        b = s->len;
    *from = a > s->len ? s->nbytes + 1 : cp_offset(s, a);
    *to = b < 0 ? 0 : cp_offset(s, b);
    return 0;
}

static GObject *find_impl(GObject *self, GObject *const *args, size_t nargs, GObject *kw,
                          const char *name, bool rev, bool raise)
{
    NOKW(name);
    if (g_check_nargs(name, nargs, 1, 3) < 0)
        return NULL;
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "must be str, not %T", args[0]);
    GStr *s = (GStr *)self, *sub = (GStr *)args[0];
    int64_t from, to;
    if (range_args(s, args, nargs, 1, &from, &to) < 0)
        return NULL;
    int64_t r = -1;
    if (from <= s->nbytes)
        r = rev ? rfind_bytes(s->data, s->nbytes, sub->data, sub->nbytes, from, to)
                : find_bytes(s->data, s->nbytes, sub->data, sub->nbytes, from, to);
    if (r < 0 && raise)
        return g_raise(&GExc_ValueError, "substring not found");
    return g_int_from_i64(r < 0 ? -1 : cp_index(s, r));
}

static GObject *find(ARGS) { return find_impl(self, args, nargs, kw, "find", false, false); }
static GObject *rfind(ARGS) { return find_impl(self, args, nargs, kw, "rfind", true, false); }
static GObject *index_m(ARGS) { return find_impl(self, args, nargs, kw, "index", false, true); }
static GObject *rindex_m(ARGS) { return find_impl(self, args, nargs, kw, "rindex", true, true); }

static GObject *count(ARGS)
{
    NOKW("count");
    if (g_check_nargs("count", nargs, 1, 3) < 0)
        return NULL;
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "must be str, not %T", args[0]);
    GStr *s = (GStr *)self, *sub = (GStr *)args[0];
    int64_t from, to;
    if (range_args(s, args, nargs, 1, &from, &to) < 0)
        return NULL;
    if (from > s->nbytes)
        return g_int_from_i64(0);
    if (sub->nbytes == 0)
        return g_int_from_i64(cp_index(s, to) - cp_index(s, from) + 1);
    int64_t n = 0;
    for (;;) {
        int64_t j = find_bytes(s->data, s->nbytes, sub->data, sub->nbytes, from, to);
        if (j < 0)
            break;
        n++;
        from = j + sub->nbytes;
    }
    return g_int_from_i64(n);
}

static GObject *affix_impl(GObject *self, GObject *const *args, size_t nargs, GObject *kw, bool start)
{
    const char *name = start ? "startswith" : "endswith";
    NOKW(name);
    if (g_check_nargs(name, nargs, 1, 3) < 0)
        return NULL;
    GStr *s = (GStr *)self;
    int64_t from, to;
    if (range_args(s, args, nargs, 1, &from, &to) < 0)
        return NULL;
    GObject *const *cands = &args[0];
    int64_t ncand = 1;
    if (g_is_tuple(args[0])) {
        cands = ((GTuple *)args[0])->items;
        ncand = G_TUPLE_SIZE(args[0]);
    }
    for (int64_t i = 0; i < ncand; i++) {
        if (!g_is_str(cands[i]))
            return g_raise(&GExc_TypeError, "%s first arg must be str or a tuple of str, not %T", name, cands[i]);
        GStr *p = (GStr *)cands[i];
        if (from > s->nbytes || to - from < p->nbytes)
            continue;
        int64_t at = start ? from : to - p->nbytes;
        if (memcmp(s->data + at, p->data, (size_t)p->nbytes) == 0)
            return G_TRUE;
    }
    return G_FALSE;
}

static GObject *startswith(ARGS) { return affix_impl(self, args, nargs, kw, true); }
static GObject *endswith(ARGS) { return affix_impl(self, args, nargs, kw, false); }

static GObject *remove_affix(GObject *self, GObject *const *args, size_t nargs, GObject *kw, bool prefix)
{
    NOKW(prefix ? "removeprefix" : "removesuffix");
    if (g_check_nargs(prefix ? "removeprefix" : "removesuffix", nargs, 1, 1) < 0)
        return NULL;
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "must be str, not %T", args[0]);
    GStr *s = (GStr *)self, *p = (GStr *)args[0];
    if (p->nbytes <= s->nbytes) {
        if (prefix && memcmp(s->data, p->data, (size_t)p->nbytes) == 0)
            return str_piece(s, s->data + p->nbytes, (size_t)(s->nbytes - p->nbytes));
        if (!prefix && memcmp(s->data + s->nbytes - p->nbytes, p->data, (size_t)p->nbytes) == 0)
            return str_piece(s, s->data, (size_t)(s->nbytes - p->nbytes));
    }
    return g_newref(self);
}
static GObject *removeprefix(ARGS) { return remove_affix(self, args, nargs, kw, true); }
static GObject *removesuffix(ARGS) { return remove_affix(self, args, nargs, kw, false); }

static GObject *pad(GObject *self, GObject *const *args, size_t nargs, GObject *kw, const char *name, int how)
{
    NOKW(name);
    if (g_check_nargs(name, nargs, 1, 2) < 0)
        return NULL;
    int64_t width = g_as_ssize(args[0]);
    if (width == -1 && g_err_occurred())
        return NULL;
    GObject *fill = NULL;
    if (nargs == 2) {
        fill = args[1];
        if (!g_is_str(fill) || g_str_len(fill) != 1)
            return g_raise(&GExc_TypeError, "The fill character must be exactly one character long");
    }
    GStr *s = (GStr *)self;
    if (width <= s->len)
        return g_newref(self);
    int64_t total = width - s->len, left;
    if (how == 0)
        left = 0;                               /* ljust */
    else if (how == 1)
        left = total;                           /* rjust */
    else
        left = total / 2 + (total & width & 1); /* center, as CPython */
    GBuf b;
    g_buf_init(&b);
    const char *f = fill ? g_str_data(fill) : " ";
    size_t fn = fill ? (size_t)g_str_nbytes(fill) : 1;
    for (int64_t i = 0; i < left; i++)
        g_buf_put(&b, f, fn);
    g_buf_put(&b, s->data, (size_t)s->nbytes);
    for (int64_t i = 0; i < total - left; i++)
        g_buf_put(&b, f, fn);
    return g_buf_finish(&b);
}
static GObject *ljust(ARGS) { return pad(self, args, nargs, kw, "ljust", 0); }
static GObject *rjust(ARGS) { return pad(self, args, nargs, kw, "rjust", 1); }
static GObject *center(ARGS) { return pad(self, args, nargs, kw, "center", 2); }

static GObject *zfill(ARGS)
{
    NOKW("zfill");
    if (g_check_nargs("zfill", nargs, 1, 1) < 0)
        return NULL;
    int64_t width = g_as_ssize(args[0]);
    if (width == -1 && g_err_occurred())
        return NULL;
    GStr *s = (GStr *)self;
    if (width <= s->len)
        return g_newref(self);
    GBuf b;
    g_buf_init(&b);
    int64_t i = 0;
    if (s->nbytes && (s->data[0] == '-' || s->data[0] == '+')) {
        g_buf_putc(&b, s->data[0]);
        i = 1;
    }
    for (int64_t k = 0; k < width - s->len; k++)
        g_buf_putc(&b, '0');
    g_buf_put(&b, s->data + i, (size_t)(s->nbytes - i));
    return g_buf_finish(&b);
}

static GObject *partition_impl(GObject *self, GObject *const *args, size_t nargs, GObject *kw, bool rev)
{
    const char *name = rev ? "rpartition" : "partition";
    NOKW(name);
    if (g_check_nargs(name, nargs, 1, 1) < 0)
        return NULL;
    if (!g_is_str(args[0]))
        return g_raise(&GExc_TypeError, "must be str, not %T", args[0]);
    GStr *s = (GStr *)self, *sep = (GStr *)args[0];
    if (sep->nbytes == 0)
        return g_raise(&GExc_ValueError, "empty separator");
    int64_t j = rev ? rfind_bytes(s->data, s->nbytes, sep->data, sep->nbytes, 0, s->nbytes)
                    : find_bytes(s->data, s->nbytes, sep->data, sep->nbytes, 0, s->nbytes);
    GObject *empty = g_str_new("", 0);
    GObject *r;
    if (j < 0) {
        r = rev ? g_tuple_pack(3, empty, empty, self) : g_tuple_pack(3, self, empty, empty);
    } else {
        GObject *a = str_piece(s, s->data, (size_t)j);
        GObject *c = str_piece(s, s->data + j + sep->nbytes, (size_t)(s->nbytes - j - sep->nbytes));
        r = (a && c) ? g_tuple_pack(3, a, (GObject *)sep, c) : NULL;
        g_xdecref(a);
        g_xdecref(c);
    }
    g_decref(empty);
    return r;
}
static GObject *partition(ARGS) { return partition_impl(self, args, nargs, kw, false); }
static GObject *rpartition(ARGS) { return partition_impl(self, args, nargs, kw, true); }

static GObject *encode(ARGS)
{
    static const char *const names[] = { "encoding", "errors", NULL };
    GObject *a[2];
    if (g_parse_args("encode", args, nargs, kw, names, 0, a) < 0)
        return NULL;
    for (int i = 0; i < 2; i++)
        if (a[i] && !g_is_str(a[i]))
            return g_raise(&GExc_TypeError, "encode() argument '%s' must be str, not %T", names[i], a[i]);
    return g_str_encode(self, a[0] ? g_str_data(a[0]) : "utf-8", a[1] ? g_str_data(a[1]) : "strict");
}

static GObject *expandtabs(ARGS)
{
    NOKW("expandtabs");
    if (g_check_nargs("expandtabs", nargs, 0, 1) < 0)
        return NULL;
    int64_t tab = 8;
    if (nargs) {
        tab = g_as_ssize(args[0]);
        if (tab == -1 && g_err_occurred())
            return NULL;
    }
    GStr *s = (GStr *)self;
    GBuf b;
    g_buf_init(&b);
    int64_t col = 0;
    for (int64_t off = 0; off < s->nbytes;) {
        int64_t o = off;
        uint32_t c = next_cp(s, &o);
        if (c == '\t') {
            if (tab > 0) {
                int64_t k = tab - col % tab;
                for (int64_t i = 0; i < k; i++)
                    g_buf_putc(&b, ' ');
                col += k;
            }
        } else {
            g_buf_put(&b, s->data + off, (size_t)(o - off));
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
        }
        off = o;
    }
    return g_buf_finish(&b);
}

static GObject *format_m(ARGS) { return g_str_format_method(self, args, nargs, kw); }

static GObject *format_map_m(ARGS)
{
    NOKW("format_map");
    if (g_check_nargs("format_map", nargs, 1, 1) < 0)
        return NULL;
    return g_str_format_map(self, args[0]);
}

static GObject *str_format_dunder(ARGS)
{
    NOKW("__format__");
    if (g_check_nargs("__format__", nargs, 1, 1) < 0)
        return NULL;
    return g_format_obj(self, args[0]);
}

const GMethodDef g_str_methods[] = {
    { "upper", s_upper, 0, NULL }, { "lower", s_lower, 0, NULL }, { "swapcase", s_swapcase, 0, NULL },
    { "capitalize", s_capitalize, 0, NULL }, { "casefold", s_casefold, 0, NULL }, { "title", s_str_title, 0, NULL },
    { "isdigit", s_isdigit, 0, NULL }, { "isdecimal", s_isdigit, 0, NULL }, { "isnumeric", s_isdigit, 0, NULL },
    { "isalpha", s_isalpha, 0, NULL }, { "isalnum", s_isalnum, 0, NULL }, { "isspace", s_isspace, 0, NULL },
    { "isupper", isupper_m, 0, NULL }, { "islower", islower_m, 0, NULL }, { "istitle", istitle, 0, NULL },
    { "isidentifier", isidentifier, 0, NULL }, { "isprintable", s_isprintable, 0, NULL },
    { "isascii", s_isascii, 0, NULL },
    { "strip", strip, 0, NULL }, { "lstrip", lstrip, 0, NULL }, { "rstrip", rstrip, 0, NULL },
    { "split", split, 0, NULL }, { "rsplit", rsplit, 0, NULL }, { "splitlines", splitlines, 0, NULL },
    { "join", join, 0, NULL }, { "replace", replace, 0, NULL },
    { "find", find, 0, NULL }, { "rfind", rfind, 0, NULL }, { "index", index_m, 0, NULL },
    { "rindex", rindex_m, 0, NULL }, { "count", count, 0, NULL },
    { "startswith", startswith, 0, NULL }, { "endswith", endswith, 0, NULL },
    { "removeprefix", removeprefix, 0, NULL }, { "removesuffix", removesuffix, 0, NULL },
    { "ljust", ljust, 0, NULL }, { "rjust", rjust, 0, NULL }, { "center", center, 0, NULL },
    { "zfill", zfill, 0, NULL }, { "partition", partition, 0, NULL }, { "rpartition", rpartition, 0, NULL },
    { "format", format_m, 0, NULL }, { "format_map", format_map_m, 0, NULL },
    { "__format__", str_format_dunder, 0, NULL },
    { "encode", encode, 0, NULL }, { "expandtabs", expandtabs, 0, NULL },
    { NULL, NULL, 0, NULL },
};


