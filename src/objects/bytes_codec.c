/* bytes_codec.c -- the three codecs gilt knows: UTF-8, ASCII and Latin-1, each way
 * (bytes.decode, str.encode, bytes(s, enc), str(b, enc)), with the error handlers
 * strict, replace and ignore.
 *
 * str is stored as UTF-8 (str.c), so encoding to UTF-8 is a copy and decoding from
 * it is a validation.  The error messages are CPython's, including its way of naming
 * a bad run: "byte 0xff in position 3" or "bytes in position 2-3".  For UTF-8 a bad
 * run is the longest start of a valid sequence that the input holds ("unexpected
 * end of data" at the end, "invalid continuation byte" inside), as in CPython.
 * Pure functions of their arguments: nothing here is shared or locked.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "objects/bytes_internal.h"
#include "objects/objects.h"

typedef enum { ENC_UTF8, ENC_ASCII, ENC_LATIN1, ENC_UNKNOWN } Encoding;
typedef enum { ERR_STRICT, ERR_REPLACE, ERR_IGNORE, ERR_UNKNOWN } ErrorMode;

/* Python's lookup: case and '-'/'_'/' ' do not matter ("UTF8", "utf_8", "Latin-1"). */
static Encoding encoding_of(const char *name)
{
    char norm[32];
    size_t k = 0;
    for (const char *p = name; *p && k + 1 < sizeof norm; p++)
        if (*p != '-' && *p != '_' && *p != ' ')
            norm[k++] = (char)tolower((unsigned char)*p);
    norm[k] = 0;
    if (!strcmp(norm, "utf8") || !strcmp(norm, "u8"))
        return ENC_UTF8;
    if (!strcmp(norm, "ascii") || !strcmp(norm, "usascii"))
        return ENC_ASCII;
    if (!strcmp(norm, "latin1") || !strcmp(norm, "latin") || !strcmp(norm, "iso88591") || !strcmp(norm, "l1"))
        return ENC_LATIN1;
    return ENC_UNKNOWN;
}

static const char *const codec_names[] = { "utf-8", "ascii", "latin-1" };

static ErrorMode errors_of(const char *name)
{
    if (!strcmp(name, "strict")) return ERR_STRICT;
    if (!strcmp(name, "replace")) return ERR_REPLACE;
    if (!strcmp(name, "ignore")) return ERR_IGNORE;
    return ERR_UNKNOWN;
}

static int lookup(const char *encoding, const char *errors, Encoding *e, ErrorMode *m)
{
    *e = encoding_of(encoding);
    if (*e == ENC_UNKNOWN) {
        g_raise(&GExc_LookupError, "unknown encoding: %s", encoding);
        return -1;
    }
    *m = errors_of(errors);
    return 0;
}

/* A bad run under a handler: strict raises (-1), replace/ignore go on (0). */
static int bad_run(ErrorMode m, GType *exc, const char *fmt_one, const char *fmt_many, const char *codec,
                   int64_t start, int64_t end, unsigned value, const char *reason, const char *errors)
{
    if (m == ERR_UNKNOWN) {
        g_raise(&GExc_LookupError, "unknown error handler name '%s'", errors);
        return -1;
    }
    if (m != ERR_STRICT)
        return 0;
    char msg[200];
    if (end - start == 1)
        snprintf(msg, sizeof msg, fmt_one, codec, value, (long long)start, reason);
    else
        snprintf(msg, sizeof msg, fmt_many, codec, (long long)start, (long long)(end - 1), reason);
    g_raise(exc, "%s", msg);
    return -1;
}

/* ====================================================================================
 * Decoding
 * ==================================================================================== */

/* The length of the valid UTF-8 sequence at p (1..4), or 0 with *bad set to the
 * length of the bad run and *why to its reason. */
static int utf8_seq(const unsigned char *p, int64_t left, int64_t *bad, const char **why)
{
    unsigned char c = p[0];
    int need;
    unsigned lo = 0x80, hi = 0xBF;    /* the range of the second byte */
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) need = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;     /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        *bad = 1;
        *why = "invalid start byte";
        return 0;
    }
    for (int k = 1; k < need; k++) {
        if (k >= left) {
            *bad = k;
            *why = "unexpected end of data";
            return 0;
        }
        unsigned b = p[k];
        bool ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
        if (!ok) {
            *bad = k;
            *why = "invalid continuation byte";
            return 0;
        }
    }
    return need;
}

GObject *g_bytes_decode(const char *p, size_t n, const char *encoding, const char *errors)
{
    Encoding e;
    ErrorMode m;
    if (lookup(encoding, errors, &e, &m) < 0)
        return NULL;
    const unsigned char *u = (const unsigned char *)p;
    GBuf b;
    g_buf_init(&b);
    for (int64_t i = 0; i < (int64_t)n;) {
        if (e == ENC_LATIN1 || u[i] < 0x80) {
            char tmp[4];
            g_buf_put(&b, tmp, (size_t)g_utf8_encode(u[i], tmp));
            i++;
            continue;
        }
        int64_t bad = 1;
        const char *why = "ordinal not in range(128)";
        int k = e == ENC_UTF8 ? utf8_seq(u + i, (int64_t)n - i, &bad, &why) : 0;
        if (k) {
            g_buf_put(&b, p + i, (size_t)k);
            i += k;
            continue;
        }
        if (bad_run(m, &GExc_UnicodeDecodeError, "'%s' codec can't decode byte 0x%02x in position %lld: %s",
                    "'%s' codec can't decode bytes in position %lld-%lld: %s", codec_names[e], i, i + bad, u[i], why,
                    errors) < 0) {
            g_buf_free(&b);
            return NULL;
        }
        if (m == ERR_REPLACE)
            g_buf_puts(&b, "\xEF\xBF\xBD");   /* U+FFFD */
        i += bad;
    }
    if (b.failed) {
        g_buf_free(&b);
        return g_no_memory();
    }
    if (b.len == 0) {
        g_buf_free(&b);
        return g_str_new("", 0);
    }
    return g_buf_finish(&b);
}

/* ====================================================================================
 * Encoding
 * ==================================================================================== */

/* A character as an encode error names it: \\xe9, \\u20ac, \\U0001f600. */
static const char *escaped(uint32_t cp, char *buf)
{
    snprintf(buf, 12, cp < 0x100 ? "\\x%02x" : cp < 0x10000 ? "\\u%04x" : "\\U%08x", (unsigned)cp);
    return buf;
}

GObject *g_str_encode(GObject *s, const char *encoding, const char *errors)
{
    Encoding e;
    ErrorMode m;
    if (lookup(encoding, errors, &e, &m) < 0)
        return NULL;
    const char *p = g_str_data(s);
    int64_t n = g_str_nbytes(s);
    if (e == ENC_UTF8 || (s->ob_flags & G_STR_ASCII))
        return g_bytes_new(p, (size_t)n);
    unsigned limit = e == ENC_ASCII ? 0x80 : 0x100;
    GBuf b;
    g_buf_init(&b);
    int64_t pos = 0;    /* code-point index, for the messages */
    char esc[12];
    for (int64_t i = 0; i < n;) {
        uint32_t cp;
        int k = g_utf8_decode(p + i, (size_t)(n - i), &cp);
        if (cp < limit) {
            g_buf_putc(&b, (char)cp);
            i += k;
            pos++;
            continue;
        }
        /* the run of unencodable characters */
        int64_t j = i + k, end = pos + 1;
        uint32_t c2;
        while (j < n) {
            int k2 = g_utf8_decode(p + j, (size_t)(n - j), &c2);
            if (c2 < limit)
                break;
            j += k2;
            end++;
        }
        if (m == ERR_UNKNOWN || m == ERR_STRICT) {
            if (m == ERR_UNKNOWN)
                g_raise(&GExc_LookupError, "unknown error handler name '%s'", errors);
            else if (end - pos == 1)
                g_raise(&GExc_UnicodeEncodeError, "'%s' codec can't encode character '%s' in position %zd: ordinal not in range(%d)",
                        codec_names[e], escaped(cp, esc), (ssize_t)pos, (int)limit);
            else
                g_raise(&GExc_UnicodeEncodeError, "'%s' codec can't encode characters in position %zd-%zd: ordinal not in range(%d)",
                        codec_names[e], (ssize_t)pos, (ssize_t)(end - 1), (int)limit);
            g_buf_free(&b);
            return NULL;
        }
        if (m == ERR_REPLACE)
            for (int64_t c = pos; c < end; c++)
                g_buf_putc(&b, '?');
        i = j;
        pos = end;
    }
    if (b.failed) {
        g_buf_free(&b);
        return g_no_memory();
    }
    GObject *r = g_bytes_new(b.data, b.len);
    g_buf_free(&b);
    return r;
}
