/* format.c -- the format mini-language, str.format and %-formatting.
 *
 * One parser reads a format spec ([[fill]align][sign][#][0][width][,|_][.prec][type])
 * and three formatters apply it to ints, floats and strings; format(), f-strings
 * ({x:>8,}) and str.format all end up in g_format_obj.  %-formatting ("%5.2f" % x)
 * is the older printf-style syntax and has its own small interpreter at the end.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "objects/bytes_internal.h"
#include "objects/objects.h"

typedef struct {
    uint32_t fill;
    char align;      /* '<', '>', '^', '=' or 0 */
    char sign;       /* '+', '-', ' ' or 0 */
    bool alt;        /* '#' */
    bool zero;       /* '0' before the width */
    bool fill_given; /* an explicit fill character */
    bool no_neg_zero;/* 'z': -0.0 formats as 0.0 */
    int64_t width;   /* -1: none */
    char grouping;   /* ',', '_' or 0 */
    int64_t prec;    /* -1: none */
    char type;       /* 0: none */
} Spec;

static int parse_spec(GObject *specobj, Spec *s)
{
    const char *p = g_str_data(specobj), *end = p + g_str_nbytes(specobj);
    memset(s, 0, sizeof *s);
    s->fill = ' ';
    s->width = s->prec = -1;
    /* [[fill]align]: the fill may be any character, so look one code point ahead */
    uint32_t cp0 = 0;
    int k0 = p < end ? g_utf8_decode(p, (size_t)(end - p), &cp0) : 0;
    if (k0 > 0 && p + k0 < end && strchr("<>^=", p[k0])) {
        s->fill = cp0;
        s->fill_given = true;
        s->align = p[k0];
        p += k0 + 1;
    } else if (p < end && strchr("<>^=", *p)) {
        s->align = *p++;
    }
    if (p < end && (*p == '+' || *p == '-' || *p == ' '))
        s->sign = *p++;
    if (p < end && *p == 'z') {
        s->no_neg_zero = true;
        p++;
    }
    if (p < end && *p == '#') {
        s->alt = true;
        p++;
    }
    if (p < end && *p == '0') {
        s->zero = true;
        p++;
    }
    if (p < end && isdigit((unsigned char)*p)) {
        s->width = 0;
        while (p < end && isdigit((unsigned char)*p)) {
            s->width = s->width * 10 + (*p++ - '0');
            if (s->width > 100000000)
                goto toobig;
        }
    }
    if (p < end && (*p == ',' || *p == '_')) {
        s->grouping = *p++;
        if (p < end && (*p == ',' || *p == '_') && *p != s->grouping) {
            g_raise(&GExc_ValueError, "Cannot specify both ',' and '_'.");
            return -1;
        }
    }
    if (p < end && *p == '.') {
        p++;
        if (p == end || !isdigit((unsigned char)*p)) {
            g_raise(&GExc_ValueError, "Format specifier missing precision");
            return -1;
        }
        s->prec = 0;
        while (p < end && isdigit((unsigned char)*p)) {
            s->prec = s->prec * 10 + (*p++ - '0');
            if (s->prec > 100000000)
                goto toobig;
        }
    }
    if (p < end)
        s->type = *p++;
    if (p != end) {
        g_raise(&GExc_ValueError, "Invalid format specifier '%U' for object of type '%s'", specobj, "?");
        return -1;
    }
    return 0;
toobig:
    g_raise(&GExc_ValueError, "Too many decimal digits in format string");
    return -1;
}

/* The rest of reading a spec, which depends on the value's kind ('i' int, 'f'
 * float, 's' str), in CPython's order: a '0' before the width pads with zeros
 * (after the sign, for numbers), and a grouping separator must suit the type. */
static int finish_spec(Spec *s, char kind)
{
    if (s->zero && !s->fill_given) {
        s->fill = '0';
        if (!s->align && kind != 's')
            s->align = '=';
    }
    char t = s->type ? s->type : kind == 'i' ? 'd' : kind == 's' ? 's' : 0;
    if (s->grouping && !(t && strchr("defgEG%F", t)) && t != 0 &&
        !(s->grouping == '_' && strchr("boxX", t))) {
        g_raise(&GExc_ValueError, (t >= 0x20 && t < 0x7f) ? "Cannot specify '%c' with '%c'." : "Cannot specify '%c' with '\\x%x'.",
                s->grouping, t);
        return -1;
    }
    if (kind == 's' && s->alt) {
        g_raise(&GExc_ValueError, "Alternate form (#) not allowed in string format specifier");
        return -1;
    }
    if (kind == 'i' && s->no_neg_zero && !(t && strchr("eEfFgG%", t))) {
        g_raise(&GExc_ValueError, "Negative zero coercion (z) not allowed in integer format specifier");
        return -1;
    }
    if (kind == 'i' && t == 'c' && (s->alt || s->sign)) {
        g_raise(&GExc_ValueError, s->alt ? "Alternate form (#) not allowed with integer format specifier 'c'"
                                         : "Sign not allowed with integer format specifier 'c'");
        return -1;
    }
    return 0;
}

/* n copies of the fill character (fl bytes of UTF-8) at p; returns the end. */
static char *put_fill(char *p, const char *fill, size_t fl, int64_t n)
{
    if (fl == 1) {
        memset(p, fill[0], (size_t)n);
        return p + n;
    }
    for (int64_t i = 0; i < n; i++, p += fl)
        memcpy(p, fill, fl);
    return p;
}

/* Pad `body` (sign/prefix already split off into `prefix`) to the spec's width,
 * writing the result straight into a new str: its size is known in advance. */
static GObject *pad_output(const Spec *s, const char *prefix, const char *body, size_t bodylen,
                           int64_t body_cps, char default_align)
{
    char align = s->align ? s->align : default_align;
    size_t pl = strlen(prefix);
    int64_t len = (int64_t)pl + body_cps;
    int64_t padn = s->width > len ? s->width - len : 0;
    char fillbuf[4];
    size_t fl = (size_t)g_utf8_encode(s->fill, fillbuf);
    int64_t left = 0, mid = 0, right = 0;
    switch (align) {
    case '<': right = padn; break;
    case '>': left = padn; break;
    case '^': left = padn / 2; right = padn - left; break;
    case '=': mid = padn; break;
    }
    size_t nbytes = pl + bodylen + (size_t)(left + mid + right) * fl;
    int64_t ncp = len + left + mid + right;
    if (nbytes == 0)
        return g_str_new("", 0);   /* the one empty str */
    GObject *r = g_str_new_uninit(nbytes, ncp, (int64_t)nbytes == ncp);
    if (!r)
        return NULL;
    char *p = ((GStr *)r)->data;
    p = put_fill(p, fillbuf, fl, left);
    memcpy(p, prefix, pl);
    p = put_fill(p + pl, fillbuf, fl, mid);
    memcpy(p, body, bodylen);
    put_fill(p + bodylen, fillbuf, fl, right);
    return r;
}

/* Insert grouping separators into a run of digits. */
static void group_digits(GBuf *out, const char *digits, size_t n, char sep, int every)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % (size_t)every == 0)
            g_buf_putc(out, sep);
        g_buf_putc(out, digits[i]);
    }
}

static GObject *format_float_spec(double v, Spec *s);

static GObject *format_int_spec(GObject *v, Spec *s)
{
    char t = s->type;
    if (t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' || t == 'G' || t == '%') {
        double d = g_int_as_double(v);
        if (g_err_occurred())
            return NULL;
        return format_float_spec(d, s);
    }
    if (s->prec >= 0)
        return g_raise(&GExc_ValueError, "Precision not allowed in integer format specifier");
    if (t == 'c') {
        int64_t cp;
        if (!g_int_as_i64(v, &cp) || cp < 0 || cp > 0x10FFFF)
            return g_raise(&GExc_OverflowError, "%%c arg not in range(0x110000)");
        char buf[4];
        int n = g_utf8_encode((uint32_t)cp, buf);
        return pad_output(s, "", buf, (size_t)n, 1, '<');
    }
    int base = 10;
    if (t == 'x' || t == 'X')
        base = 16;
    else if (t == 'o')
        base = 8;
    else if (t == 'b')
        base = 2;
    else if (t != 'd' && t != 'n' && t != 0)
        return g_raise(&GExc_ValueError, "Unknown format code '%c' for object of type 'int'", t);
    /* the digits of |v|: from a buffer here when v fits in 64 bits, else from str */
    GObject *str = NULL;
    char small[G_I64_DIGITS_MAX];
    const char *digits;
    size_t nd;
    int64_t x;
    if (g_int_as_i64(v, &x)) {
        char *end = small + sizeof small;
        digits = g_u64_digits(x < 0 ? 0 - (uint64_t)x : (uint64_t)x, base, end);
        nd = (size_t)(end - digits);
    } else {
        GObject *absv = g_abs(v);
        if (!absv)
            return NULL;
        str = g_int_to_str(absv, base);
        g_decref(absv);
        if (!str)
            return NULL;
        digits = g_str_data(str);
        nd = (size_t)g_str_nbytes(str);
        if (base != 10) {   /* strip the 0x/0o/0b prefix g_int_to_str adds */
            digits += 2;
            nd -= 2;
        }
    }
    char prefix[8] = "";
    bool neg = g_int_sign(v) < 0;
    if (neg)
        strcat(prefix, "-");
    else if (s->sign == '+')
        strcat(prefix, "+");
    else if (s->sign == ' ')
        strcat(prefix, " ");
    if (s->alt && base != 10)
        strcat(prefix, base == 16 ? (t == 'X' ? "0X" : "0x") : base == 8 ? "0o" : "0b");
    if (!s->grouping && t != 'X') {   /* the common case: the digits as they are */
        GObject *r = pad_output(s, prefix, digits, nd, (int64_t)nd, '>');
        g_xdecref(str);
        return r;
    }
    GBuf body;
    g_buf_init(&body);
    if (s->grouping) {
        int every = base == 10 ? 3 : 4;
        if (s->grouping == ',' && base != 10) {
            g_xdecref(str);
            return g_raise(&GExc_ValueError, "Cannot specify ',' with '%c'.", t);
        }
        /* zero-padding with grouping pads inside the groups, as Python does */
        if (s->align == '=' && s->fill == '0' && s->width > 0) {
            int64_t want = s->width - (int64_t)strlen(prefix);
            GBuf z;
            g_buf_init(&z);
            int64_t zeros = 0;
            /* add leading zeros until the grouped digits fill the width */
            for (;;) {
                int64_t ndz = (int64_t)nd + zeros;
                if (ndz + (ndz - 1) / every >= want)
                    break;
                zeros++;
            }
            for (int64_t i = 0; i < zeros; i++)
                g_buf_putc(&z, '0');
            g_buf_put(&z, digits, nd);
            group_digits(&body, z.data, z.len, s->grouping, every);
            g_buf_free(&z);
        } else {
            group_digits(&body, digits, nd, s->grouping, every);
        }
    } else {
        g_buf_put(&body, digits, nd);
    }
    if (t == 'X')
        for (size_t i = 0; i < body.len; i++)
            body.data[i] = (char)toupper((unsigned char)body.data[i]);
    g_xdecref(str);
    if (body.failed) {
        g_buf_free(&body);
        return g_no_memory();
    }
    GObject *r = pad_output(s, prefix, body.data ? body.data : "", body.len, (int64_t)body.len, '>');
    g_buf_free(&body);
    return r;
}

/* Group the integer part of a formatted float ("1234567.25" -> "1,234,567.25"). */
static void group_float(GBuf *out, const char *num, char sep)
{
    size_t intlen = 0;
    while (num[intlen] && isdigit((unsigned char)num[intlen]))
        intlen++;
    group_digits(out, num, intlen, sep, 3);
    g_buf_puts(out, num + intlen);
}

static GObject *format_float_spec(double v, Spec *s)
{
    char t = s->type;
    char buf[512];
    char *big = NULL;
    const char *num;
    bool neg = signbit(v) && !isnan(v);
    double a = fabs(v);
    int64_t prec = s->prec;
    if (isnan(v) || isinf(v)) {
        bool upper = t == 'E' || t == 'F' || t == 'G';
        num = isnan(v) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
        if (t == '%')
            snprintf(buf, sizeof buf, "%s%%", num), num = buf;
    } else if (t == 0 && prec < 0) {
        g_float_to_buf(a, buf, sizeof buf);
        num = buf;
    } else {
        if (prec > 1000)
            prec = 1000;
        /* the C conversion: "%.<prec><conv>" or "%#.<prec><conv>" */
        char conv = t;
        int cprec = (int)(prec < 0 ? 6 : prec);
        switch (t) {
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
            break;
        case '%':
            conv = 'f';
            a *= 100;
            break;
        case 'n':   /* 'g' in the C locale, which is the only one gilt has */
            conv = 'g';
            break;
        case 0:
            /* like 'g', but a fixed-notation result keeps one digit after the point */
            conv = 'g';
            cprec = (int)(prec < 0 ? 12 : (prec == 0 ? 1 : prec));
            break;
        default:
            return g_raise(&GExc_ValueError, "Unknown format code '%c' for object of type 'float'", t);
        }
        char fmt[8], *f = fmt;
        *f++ = '%';
        if (s->alt)
            *f++ = '#';
        *f++ = '.';
        *f++ = '*';
        *f++ = conv;
        *f = 0;
        /* most results fit in buf; room is left for the "%" or ".0" added below */
        char *out = buf;
        size_t n = (size_t)snprintf(buf, sizeof buf - 8, fmt, cprec, a);
        if (n >= sizeof buf - 8) {   /* it did not fit: make room and write it again */
            size_t need = n + 8;
            big = g_mem_alloc(need);
            if (!big)
                return g_no_memory();
            out = big;
            snprintf(out, need, fmt, cprec, a);
        }
        if (t == '%')
            strcat(out, "%");
        if (t == 0 && !strchr(out, '.') && !strchr(out, 'e') && !strchr(out, 'n') && !strchr(out, 'i'))
            strcat(out, ".0");
        num = out;
    }
    if (neg && s->no_neg_zero && !strpbrk(num, "123456789") && !isnan(v) && !isinf(v))
        neg = false;   /* 'z': it rounded to zero */
    char prefix[4] = "";
    if (neg)
        strcpy(prefix, "-");
    else if (s->sign == '+')
        strcpy(prefix, "+");
    else if (s->sign == ' ')
        strcpy(prefix, " ");
    GObject *r;
    if (s->grouping) {
        GBuf g;
        g_buf_init(&g);
        group_float(&g, num, s->grouping);
        r = pad_output(s, prefix, g.data ? g.data : "", g.len, (int64_t)g.len, '>');
        g_buf_free(&g);
    } else {
        r = pad_output(s, prefix, num, strlen(num), (int64_t)strlen(num), '>');
    }
    g_mem_free(big);
    return r;
}

static GObject *format_str_spec(GObject *v, Spec *s)
{
    if (s->type && s->type != 's')
        return g_raise(&GExc_ValueError, "Unknown format code '%c' for object of type 'str'", s->type);
    if (s->sign)
        return g_raise(&GExc_ValueError, "Sign not allowed in string format specifier");
    if (s->align == '=')
        return g_raise(&GExc_ValueError, "'=' alignment not allowed in string format specifier");
    const char *d = g_str_data(v);
    int64_t n = g_str_nbytes(v), cps = g_str_len(v);
    if (s->prec >= 0 && s->prec < cps) {
        int64_t off = 0;
        for (int64_t i = 0; i < s->prec; i++) {
            unsigned char c = (unsigned char)d[off];
            off += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        }
        n = off;
        cps = s->prec;
    }
    return pad_output(s, "", d, (size_t)n, cps, '<');
}

GObject *g_format_obj(GObject *value, GObject *spec)
{
    GType *t = G_TYPE(value);
    bool empty = g_str_nbytes(spec) == 0;
    if (empty && (t == &GStr_type || t == &GInt_type))
        return g_str(value);
    if (t == &GInt_type || (t == &GBool_type && !empty) || t == &GFloat_type || t == &GStr_type) {
        Spec s;
        if (parse_spec(spec, &s) < 0) {
            if (g_err_matches(&GExc_ValueError) && strstr(g_str_data(((GException *)g_tstate()->cur_exc)->args ?
                    G_TUPLE_ITEM(((GException *)g_tstate()->cur_exc)->args, 0) : spec), "'?'")) {
                g_err_clear();
                return g_raise(&GExc_ValueError, "Invalid format specifier '%U' for object of type '%T'", spec, value);
            }
            return NULL;
        }
        if (finish_spec(&s, t == &GFloat_type ? 'f' : t == &GStr_type ? 's' : 'i') < 0)
            return NULL;
        if (t == &GFloat_type)
            return format_float_spec(g_float_value(value), &s);
        if (t == &GStr_type)
            return format_str_spec(value, &s);
        return format_int_spec(value, &s);
    }
    GObject *meth = g_lookup_special(value, g_str_intern("__format__"));
    if (!meth)
        return g_err_occurred() ? NULL : g_str(value);
    GObject *r = g_call1(meth, spec);
    g_decref(meth);
    if (r && !g_is_str(r)) {
        g_raise(&GExc_TypeError, "__format__ must return a str, not %T", r);
        G_CLEAR(r);
    }
    return r;
}

/* ====================================================================================
 * str.format
 * ==================================================================================== */

/* What the fields of a str.format call can name: positional arguments, and keyword
 * arguments or (format_map) a mapping's items. */
typedef struct {
    GObject *const *args;
    size_t npos;
    GObject *kwnames;
    GObject *const *kwvals;
    GObject *mapping;       /* format_map: names are looked up here; no positional fields */
    int64_t auto_idx;       /* the next {} index; -1 once a field was numbered by hand */
} FormatArgs;

static GObject *lookup_field(const char *p, const char *end, FormatArgs *fa)
{
    GObject *const *args = fa->args, *const *kwvals = fa->kwvals, *kwnames = fa->kwnames;
    size_t npos = fa->npos;
    int64_t *auto_idx = &fa->auto_idx;
    const char *q = p;
    while (q < end && *q != '.' && *q != '[')
        q++;
    GObject *obj;
    if (fa->mapping && (q == p || isdigit((unsigned char)*p)))
        return g_raise(&GExc_ValueError, "Format string contains positional fields");
    if (fa->mapping) {
        GObject *key = g_str_new(p, (size_t)(q - p));
        obj = key ? g_getitem(fa->mapping, key) : NULL;
        g_xdecref(key);
        if (!obj)
            return NULL;
    } else if (q == p) {
        if (*auto_idx < 0)
            return g_raise(&GExc_ValueError, "cannot switch from manual field specification to automatic field numbering");
        int64_t i = (*auto_idx)++;
        if ((size_t)i >= npos)
            return g_raise(&GExc_IndexError, "Replacement index %zd out of range for positional args tuple", (ssize_t)i);
        obj = g_newref(args[i]);
    } else if (isdigit((unsigned char)*p)) {
        if (*auto_idx > 0)
            return g_raise(&GExc_ValueError, "cannot switch from automatic field numbering to manual field specification");
        *auto_idx = -1;
        int64_t i = 0;
        for (const char *c = p; c < q; c++)
            i = i * 10 + (*c - '0');
        if ((size_t)i >= npos)
            return g_raise(&GExc_IndexError, "Replacement index %zd out of range for positional args tuple", (ssize_t)i);
        obj = g_newref(args[i]);
    } else {
        GObject *key = g_str_new(p, (size_t)(q - p));
        if (!key)
            return NULL;
        obj = NULL;
        for (int64_t k = 0; kwnames && k < G_TUPLE_SIZE(kwnames); k++)
            if (g_str_eq(G_TUPLE_ITEM(kwnames, k), key)) {
                obj = g_newref(kwvals[k]);
                break;
            }
        if (!obj) {
            GObject *a = g_tuple_pack(1, key);
            GObject *e = a ? g_exc_new(&GExc_KeyError, a) : NULL;
            g_xdecref(a);
            g_decref(key);
            return e ? g_raise_obj(e) : NULL;
        }
        g_decref(key);
    }
    while (q < end) {
        if (*q == '.') {
            const char *a = ++q;
            while (q < end && *q != '.' && *q != '[')
                q++;
            GObject *name = g_str_new(a, (size_t)(q - a));
            GObject *next = name ? g_getattr(obj, name) : NULL;
            g_xdecref(name);
            g_decref(obj);
            if (!next)
                return NULL;
            obj = next;
        } else {
            const char *a = ++q;
            while (q < end && *q != ']')
                q++;
            if (q == end) {
                g_decref(obj);
                return g_raise(&GExc_ValueError, "Missing ']' in format string");
            }
            bool numeric = q > a;
            for (const char *c = a; c < q; c++)
                numeric = numeric && isdigit((unsigned char)*c);
            GObject *key = numeric ? g_int_from_string(a, (size_t)(q - a), 10) : g_str_new(a, (size_t)(q - a));
            q++;
            GObject *next = key ? g_getitem(obj, key) : NULL;
            g_xdecref(key);
            g_decref(obj);
            if (!next)
                return NULL;
            obj = next;
        }
    }
    return obj;
}

static GObject *vformat(GObject *fmt, FormatArgs *fa, int depth)
{
    if (depth > 2)
        return g_raise(&GExc_ValueError, "Max string recursion exceeded");
    const char *p = g_str_data(fmt), *end = p + g_str_nbytes(fmt);
    GBuf b;
    g_buf_init(&b);
    while (p < end) {
        if (*p == '}') {
            if (p + 1 < end && p[1] == '}') {
                g_buf_putc(&b, '}');
                p += 2;
                continue;
            }
            g_buf_free(&b);
            return g_raise(&GExc_ValueError, "Single '}' encountered in format string");
        }
        if (*p != '{') {
            g_buf_putc(&b, *p++);
            continue;
        }
        if (p + 1 < end && p[1] == '{') {
            g_buf_putc(&b, '{');
            p += 2;
            continue;
        }
        /* find the matching close brace, allowing nested {} in the spec */
        const char *start = ++p;
        int level = 1;
        while (p < end && level) {
            if (*p == '{')
                level++;
            else if (*p == '}')
                level--;
            if (level)
                p++;
        }
        if (p >= end) {
            g_buf_free(&b);
            return g_raise(&GExc_ValueError, start < end ? "expected '}' before end of string"
                                                         : "Single '{' encountered in format string");
        }
        const char *fend = p++;
        const char *name_end = start;
        while (name_end < fend && *name_end != '!' && *name_end != ':')
            name_end++;
        char conv = 0;
        const char *spec_start = fend;
        if (name_end < fend && *name_end == '!') {
            if (name_end + 1 >= fend) {
                g_buf_free(&b);
                return g_raise(&GExc_ValueError, "end of string while looking for conversion specifier");
            }
            conv = name_end[1];
            if (name_end + 2 < fend && name_end[2] != ':') {
                g_buf_free(&b);
                return g_raise(&GExc_ValueError, "expected ':' after conversion specifier");
            }
            spec_start = name_end + 2 < fend ? name_end + 3 : fend;
        } else if (name_end < fend) {
            spec_start = name_end + 1;
        }
        GObject *obj = lookup_field(start, name_end, fa);
        if (!obj) {
            g_buf_free(&b);
            return NULL;
        }
        if (conv) {
            GObject *c = conv == 'r' ? g_repr(obj) : conv == 's' ? g_str(obj) : conv == 'a' ? g_ascii(obj)
                       : g_raise(&GExc_ValueError, "Unknown conversion specifier %c", conv);
            g_decref(obj);
            if (!c) {
                g_buf_free(&b);
                return NULL;
            }
            obj = c;
        }
        GObject *spec = g_str_new(spec_start, (size_t)(fend - spec_start));
        GObject *spec2 = spec && memchr(spec_start, '{', (size_t)(fend - spec_start))
                             ? vformat(spec, fa, depth + 1)
                             : (spec ? g_newref(spec) : NULL);
        g_xdecref(spec);
        GObject *piece = spec2 ? g_format_obj(obj, spec2) : NULL;
        g_xdecref(spec2);
        g_decref(obj);
        if (!piece) {
            g_buf_free(&b);
            return NULL;
        }
        g_buf_put_obj(&b, piece);
        g_decref(piece);
    }
    return g_buf_finish(&b);
}

GObject *g_str_format_method(GObject *self, GObject *const *args, size_t nargs, GObject *kwnames)
{
    size_t nkw = kwnames ? (size_t)G_TUPLE_SIZE(kwnames) : 0;
    FormatArgs fa = { args, nargs - nkw, kwnames, args + (nargs - nkw), NULL, 0 };
    return vformat(self, &fa, 0);
}

GObject *g_str_format_map(GObject *self, GObject *mapping)
{
    FormatArgs fa = { NULL, 0, NULL, NULL, mapping, 0 };
    return vformat(self, &fa, 0);
}

/* ====================================================================================
 * %-formatting
 * ==================================================================================== */

/* Raise and return -1, for the int-returning helpers. */
#define RAISE_INT(...) (g_raise(__VA_ARGS__), -1)

/* %s and %b of bytes formatting: the bytes of a bytes-like argument, cut to the
 * precision and padded to the width (as bytes, not characters). */
static GObject *bytes_piece(GObject *arg, const Spec *s)
{
    GBView v;
    if (g_bview_get(arg, &v, "%%b requires a bytes-like object, or an object that implements __bytes__, not '%s'") < 0)
        return NULL;
    int64_t n = s->prec >= 0 && s->prec < v.n ? s->prec : v.n;
    int64_t pad = s->width > n ? s->width - n : 0;
    GBuf b;
    g_buf_init(&b);
    for (int64_t i = 0; s->align != '<' && i < pad; i++)
        g_buf_putc(&b, ' ');
    g_buf_put(&b, v.p, (size_t)n);
    for (int64_t i = 0; s->align == '<' && i < pad; i++)
        g_buf_putc(&b, ' ');
    g_bview_release(&v);
    GObject *r = g_bytes_new(b.data, b.len);
    g_buf_free(&b);
    return r;
}

/* The one %-formatter: str % args, and (bytes_mode) bytes % args, whose text is
 * bytes, whose %s and %b take bytes-like objects, %c a byte, and %r/%a give ascii(). */
static int percent_format(const char *p, const char *end, GObject *argsobj, bool bytes_mode, GBuf *out)
{
    const char *fmt_start = p;
    GObject *const *args = &argsobj;
    int64_t nargs = 1, argi = 0;
    GObject *dict = NULL;
    bool keys_used = false;   /* after a %(key), as in CPython, no positional argument is left */
    if (g_is_tuple(argsobj)) {
        args = ((GTuple *)argsobj)->items;
        nargs = G_TUPLE_SIZE(argsobj);
    } else if (G_TYPE(argsobj)->mp_getitem && !g_is_str(argsobj) && !g_is_byteslike(argsobj)) {
        dict = argsobj;
    }
#define b (*out)
    while (p < end) {
        if (*p != '%') {
            g_buf_putc(&b, *p++);
            continue;
        }
        p++;
        if (p >= end) {
            return RAISE_INT(&GExc_ValueError, "incomplete format");
        }
        GObject *keyed = NULL;
        if (*p == '(') {
            if (!dict) {
                return RAISE_INT(&GExc_TypeError, "format requires a mapping");
            }
            const char *k = ++p;
            int level = 1;
            while (p < end && level) {
                if (*p == '(')
                    level++;
                else if (*p == ')')
                    level--;
                if (level)
                    p++;
            }
            if (p >= end) {
                return RAISE_INT(&GExc_ValueError, "incomplete format key");
            }
            GObject *key = bytes_mode ? g_bytes_new(k, (size_t)(p - k)) : g_str_new(k, (size_t)(p - k));
            p++;
            keyed = key ? g_getitem(dict, key) : NULL;
            keys_used = true;
            g_xdecref(key);
            if (!keyed)
                return -1;
        }
        Spec s;
        memset(&s, 0, sizeof s);
        s.fill = ' ';
        s.width = s.prec = -1;
        bool left = false;
        for (; p < end && strchr("-+ #0", *p); p++) {
            if (*p == '-') left = true;
            else if (*p == '+') s.sign = '+';
            else if (*p == ' ' && s.sign != '+') s.sign = ' ';
            else if (*p == '#') s.alt = true;
            else if (*p == '0') s.zero = true;
        }
        if (p < end && *p == '*') {
            p++;
            if (keys_used || argi >= nargs || !g_is_int(args[argi])) {
                g_xdecref(keyed);
                return RAISE_INT(&GExc_TypeError, keys_used || argi >= nargs ? "not enough arguments for format string"
                                                                                 : "* wants int");
            }
            s.width = g_int_as_ssize(args[argi++]);
            if (s.width < 0) {
                left = true;
                s.width = -s.width;
            }
        } else {
            while (p < end && isdigit((unsigned char)*p))
                s.width = (s.width < 0 ? 0 : s.width) * 10 + (*p++ - '0');
        }
        if (p < end && *p == '.') {
            p++;
            s.prec = 0;
            if (p < end && *p == '*') {
                p++;
                if (keys_used || argi >= nargs || !g_is_int(args[argi])) {
                    g_xdecref(keyed);
                    return RAISE_INT(&GExc_TypeError, keys_used || argi >= nargs ? "not enough arguments for format string"
                                                                                     : "* wants int");
                }
                s.prec = g_int_as_ssize(args[argi++]);
            } else {
                while (p < end && isdigit((unsigned char)*p))
                    s.prec = s.prec * 10 + (*p++ - '0');
            }
        }
        if (p >= end) {
            g_xdecref(keyed);
            return RAISE_INT(&GExc_ValueError, "incomplete format");
        }
        char c = *p++;
        if (c == '%') {
            g_buf_putc(&b, '%');
            continue;
        }
        GObject *arg = keyed;
        if (!arg) {
            if (dict && !keys_used && nargs == 1 && argi == 0 && !g_is_tuple(argsobj)) {
                arg = g_newref(argsobj);
                argi++;
            } else if (keys_used || argi >= nargs) {
                return RAISE_INT(&GExc_TypeError, "not enough arguments for format string");
            } else {
                arg = g_newref(args[argi++]);
            }
        }
        if (left) {
            s.align = '<';
        } else if (s.zero && strchr("diouxXeEfFgG", c)) {
            s.align = '=';
            s.fill = '0';
        } else {
            s.align = '>';
        }
        GObject *piece = NULL;
        switch (c) {
        case 'b':
            if (!bytes_mode)
                goto unsupported;
            /* fallthrough */
        case 's': case 'r': case 'a': {
            if (bytes_mode && (c == 's' || c == 'b')) {
                Spec bs = s;
                piece = bytes_piece(arg, &bs);
                break;
            }
            GObject *t = c == 's' ? g_str(arg) : c == 'r' && !bytes_mode ? g_repr(arg) : g_ascii(arg);
            if (t) {
                Spec ss = s;
                ss.sign = 0;
                if (ss.align == '=')
                    ss.align = '>', ss.fill = ' ';
                piece = format_str_spec(t, &ss);
                g_decref(t);
            }
            break;
        }
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
            GObject *iv = NULL;
            bool base = c == 'x' || c == 'X' || c == 'o';   /* these take integers only (__index__) */
            if (g_is_int(arg))
                iv = g_newref(arg);
            else if (g_is_float(arg) && !base)
                iv = g_int_from_double(g_float_value(arg));
            else if (G_TYPE(arg)->nb_index || (!base && G_TYPE(arg)->nb_int))
                iv = g_number_to_int(arg);
            else
                g_raise(&GExc_TypeError, c == 'x' || c == 'X' || c == 'o'
                                           ? "%%%c format: an integer is required, not %T"
                                           : "%%%c format: a real number is required, not %T", c, arg);
            if (iv) {
                Spec is = s;
                is.type = (c == 'i' || c == 'u') ? 'd' : c;
                is.prec = -1;
                piece = format_int_spec(iv, &is);
                g_decref(iv);
            }
            break;
        }
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
            double d;
            if (g_is_float(arg) || g_is_int(arg)) {
                if (g_as_double(arg, &d)) {
                    Spec fs = s;
                    fs.type = c;
                    if (fs.prec < 0)
                        fs.prec = 6;
                    piece = format_float_spec(d, &fs);
                }
            } else {
                g_raise(&GExc_TypeError, "must be real number, not %T", arg);
            }
            break;
        }
        case 'c': {
            GObject *ch = NULL;
            if (bytes_mode) {
                int64_t v = -1;
                if (g_is_int(arg) && g_int_as_i64(arg, &v) && v >= 0 && v < 256) {
                    char one = (char)v;
                    ch = g_bytes_new(&one, 1);
                } else if (g_is_byteslike(arg) && g_len(arg) == 1) {
                    GBView one;
                    if (g_bview_get(arg, &one, NULL) == 0) {
                        ch = g_bytes_new(one.p, 1);
                        g_bview_release(&one);
                    }
                } else if (g_is_int(arg)) {
                    g_raise(&GExc_OverflowError, "%%c arg not in range(256)");
                } else {
                    g_raise(&GExc_TypeError, "%%c requires an integer in range(256) or a single byte");
                }
                if (ch) {
                    Spec cs = s;
                    cs.prec = -1;
                    if (cs.align == '=')
                        cs.align = '>';
                    piece = bytes_piece(ch, &cs);
                    g_decref(ch);
                }
                break;
            }
            if (g_is_int(arg)) {
                int64_t cp = g_int_as_ssize(arg);
                if (cp >= 0 && cp <= 0x10FFFF)
                    ch = g_str_from_codepoint((uint32_t)cp);
                else
                    g_raise(&GExc_OverflowError, "%%c arg not in range(0x110000)");
            } else if (g_is_str(arg) && g_str_len(arg) == 1) {
                ch = g_newref(arg);
            } else {
                g_raise(&GExc_TypeError, "%%c requires int or char");
            }
            if (ch) {
                Spec cs = s;
                cs.prec = -1;
                if (cs.align == '=')
                    cs.align = '>', cs.fill = ' ';
                piece = format_str_spec(ch, &cs);
                g_decref(ch);
            }
            break;
        }
        default:
        unsupported:
            g_raise(&GExc_ValueError, "unsupported format character '%c' (0x%x) at index %zd", c, c,
                    (ssize_t)(p - fmt_start - 1));
        }
        g_decref(arg);
        if (!piece)
            return -1;
        if (g_is_bytes(piece))
            g_buf_put(&b, g_bytes_data(piece), (size_t)g_bytes_size(piece));
        else
            g_buf_put_obj(&b, piece);
        g_decref(piece);
    }
    if (argi < nargs && !dict)
        return RAISE_INT(&GExc_TypeError, bytes_mode ? "not all arguments converted during bytes formatting"
                                                       : "not all arguments converted during string formatting");
#undef b
    return 0;
}

GObject *g_str_percent_format(GObject *fmt, GObject *argsobj)
{
    GBuf b;
    g_buf_init(&b);
    if (percent_format(g_str_data(fmt), g_str_data(fmt) + g_str_nbytes(fmt), argsobj, false, &b) < 0) {
        g_buf_free(&b);
        return NULL;
    }
    return g_buf_finish(&b);
}

GObject *g_bytes_percent_format(GObject *fmt, GObject *argsobj)
{
    GBuf b;
    g_buf_init(&b);
    if (percent_format(g_bytes_data(fmt), g_bytes_data(fmt) + g_bytes_size(fmt), argsobj, true, &b) < 0 || b.failed) {
        g_buf_free(&b);
        return b.failed ? g_no_memory() : NULL;
    }
    GObject *r = g_bytes_new(b.data, b.len);
    g_buf_free(&b);
    return r;
}
