/* lexer.c -- source text to tokens.
 *
 * The lexer walks the source once, line by line.  At the start of each logical line
 * it measures the indentation and compares it with a stack of open indentation
 * levels, emitting INDENT or DEDENTs; inside brackets, line breaks are ignored.  It
 * measures each indentation twice, with tabs as 8 columns and as 1, and reports a
 * TabError when the two measures disagree about the nesting (CPython's rule).
 *
 * Errors carry the line and column CPython reports, so that the caret lands where a
 * student expects it.
 *
 * Source text may not contain a NUL byte.  CPython's tokenizer checks each physical
 * line as it reads it in, so a NUL wins over any error the tokenizer would find on a
 * later line or at the end of the file, but not over one on an earlier line; the
 * lexer checks as it enters each line (enter_line), to the same effect.
 */
#include "compile/lexer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "debug.h"

typedef struct {
    const char *src, *p, *end;
    int line;
    const char *line_start;
    GTokens *out;
    GSyntaxError *err;
    int indents[128], alt_indents[128], nindent;
    struct { char ch; int line, col; } brackets[GILT_MAX_PARSE_DEPTH + 1];
    int nbrackets;
    bool at_line_start;
    const char *nul_line;   /* start of the first line holding a NUL byte, or NULL */
} Lexer;

static const struct { const char *word; GTokKind kind; } keywords[] = {
    { "False", T_FALSE }, { "None", T_NONE }, { "True", T_TRUE }, { "and", T_AND }, { "as", T_AS },
    { "assert", T_ASSERT }, { "async", T_ASYNC }, { "await", T_AWAIT }, { "break", T_BREAK },
    { "class", T_CLASS }, { "continue", T_CONTINUE }, { "def", T_DEF }, { "del", T_DEL },
    { "elif", T_ELIF }, { "else", T_ELSE }, { "except", T_EXCEPT }, { "finally", T_FINALLY },
    { "for", T_FOR }, { "from", T_FROM }, { "global", T_GLOBAL }, { "if", T_IF },
    { "import", T_IMPORT }, { "in", T_IN }, { "is", T_IS }, { "lambda", T_LAMBDA },
    { "nonlocal", T_NONLOCAL }, { "not", T_NOT }, { "or", T_OR }, { "pass", T_PASS },
    { "raise", T_RAISE }, { "return", T_RETURN }, { "try", T_TRY }, { "while", T_WHILE },
    { "with", T_WITH }, { "yield", T_YIELD },
};

/* Operators, longest first so that the first match is the longest. */
static const struct { const char *text; GTokKind kind; } operators[] = {
    { "**=", T_DOUBLESTAREQUAL }, { "//=", T_DOUBLESLASHEQUAL }, { ">>=", T_RIGHTSHIFTEQUAL },
    { "<<=", T_LEFTSHIFTEQUAL }, { "...", T_ELLIPSIS },
    { "!=", T_NOTEQUAL }, { "%=", T_PERCENTEQUAL }, { "&=", T_AMPEREQUAL }, { "**", T_DOUBLESTAR },
    { "*=", T_STAREQUAL }, { "+=", T_PLUSEQUAL }, { "-=", T_MINEQUAL }, { "->", T_RARROW },
    { "//", T_DOUBLESLASH }, { "/=", T_SLASHEQUAL }, { ":=", T_COLONEQUAL }, { "<<", T_LEFTSHIFT },
    { "<=", T_LESSEQUAL }, { "==", T_EQEQUAL }, { ">=", T_GREATEREQUAL }, { ">>", T_RIGHTSHIFT },
    { "@=", T_ATEQUAL }, { "^=", T_CIRCUMFLEXEQUAL }, { "|=", T_VBAREQUAL },
    { "%", T_PERCENT }, { "&", T_AMPER }, { "(", T_LPAR }, { ")", T_RPAR }, { "*", T_STAR },
    { "+", T_PLUS }, { ",", T_COMMA }, { "-", T_MINUS }, { ".", T_DOT }, { "/", T_SLASH },
    { ":", T_COLON }, { ";", T_SEMI }, { "<", T_LESS }, { "=", T_EQUAL }, { ">", T_GREATER },
    { "@", T_AT }, { "[", T_LSQB }, { "]", T_RSQB }, { "^", T_CIRCUMFLEX }, { "{", T_LBRACE },
    { "|", T_VBAR }, { "}", T_RBRACE }, { "~", T_TILDE },
};

const char *g_token_name(GTokKind k)
{
    switch (k) {
    case T_EOF: return "end of file";
    case T_NEWLINE: return "newline";
    case T_INDENT: return "indent";
    case T_DEDENT: return "dedent";
    case T_NAME: return "name";
    case T_NUMBER: return "number";
    case T_STRING: return "string";
    default:
        for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
            if (keywords[i].kind == k)
                return keywords[i].word;
        for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++)
            if (operators[i].kind == k)
                return operators[i].text;
        return "?";
    }
}

static int error_at(Lexer *lx, GType *kind, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int error_at(Lexer *lx, GType *kind, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(lx->err->msg, sizeof lx->err->msg, fmt, ap);
    va_end(ap);
    lx->err->kind = kind;
    lx->err->line = line;
    lx->err->col = col;
    lx->err->end_line = line;
    lx->err->end_col = col + 1;
    return -1;
}

static int col_of(Lexer *lx, const char *p) { return (int)(p - lx->line_start); }

/* The line, not a position in it: CPython shows no caret for this error. */
static int nul_error(Lexer *lx)
{
    return error_at(lx, &GExc_SyntaxError, lx->line, -1, G_NUL_BYTES_MSG);
}

/* Move to the next physical line, which starts at p. */
static int enter_line(Lexer *lx, const char *p)
{
    lx->line++;
    lx->line_start = p;
    return p == lx->nul_line ? nul_error(lx) : 0;
}

/* Where the first line with a NUL byte starts (NULL: no NUL). */
static const char *find_nul_line(const char *src, size_t len)
{
    const char *nul = memchr(src, 0, len);
    if (!nul)
        return NULL;
    const char *ls = nul;
    while (ls > src && ls[-1] != '\n')
        ls--;
    return ls;
}

static GToken *push(Lexer *lx, GTokKind kind, const char *start, const char *end)
{
    GTokens *t = lx->out;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        GToken *nt = g_mem_realloc(t->toks, cap * sizeof(GToken));
        if (!nt)
            return NULL;
        t->toks = nt;
        t->cap = cap;
    }
    GToken *tok = &t->toks[t->n++];
    memset(tok, 0, sizeof *tok);
    tok->kind = kind;
    tok->start = start;
    tok->len = (size_t)(end - start);
    tok->line = tok->end_line = lx->line;
    tok->col = col_of(lx, start);
    tok->end_col = col_of(lx, end);
    return tok;
}

static int oom(Lexer *lx) { return error_at(lx, &GExc_MemoryError, lx->line, 0, "out of memory"); }

void g_tokens_free(GTokens *t)
{
    for (size_t i = 0; i < t->n; i++)
        g_xdecref(t->toks[i].value);
    g_mem_free(t->toks);
    t->toks = NULL;
    t->n = t->cap = 0;
}

/* ---- indentation ---- */

static int handle_indent(Lexer *lx)
{
    int col = 0, alt = 0;
    const char *p = lx->p;
    for (;; p++) {
        if (*p == ' ' && p < lx->end) {
            col++;
            alt++;
        } else if (*p == '\t' && p < lx->end) {
            col = (col / 8 + 1) * 8;
            alt++;
        } else if (*p == '\f' && p < lx->end) {
            col = alt = 0;
        } else {
            break;
        }
    }
    /* blank lines and comment-only lines do not count */
    if (p >= lx->end || *p == '#' || *p == '\n' || *p == '\r') {
        lx->p = p;
        return 0;
    }
    lx->p = p;
    int top = lx->indents[lx->nindent - 1], alttop = lx->alt_indents[lx->nindent - 1];
    if (col == top) {
        if (alt != alttop)
            return error_at(lx, &GExc_TabError, lx->line, -1, "inconsistent use of tabs and spaces in indentation");
    } else if (col > top) {
        if (alt <= alttop)
            return error_at(lx, &GExc_TabError, lx->line, -1, "inconsistent use of tabs and spaces in indentation");
        if (lx->nindent >= 100)
            return error_at(lx, &GExc_IndentationError, lx->line, col_of(lx, p), "too many levels of indentation");
        lx->indents[lx->nindent] = col;
        lx->alt_indents[lx->nindent++] = alt;
        if (!push(lx, T_INDENT, p, p))
            return oom(lx);
    } else {
        while (lx->nindent > 1 && col < lx->indents[lx->nindent - 1]) {
            lx->nindent--;
            if (!push(lx, T_DEDENT, p, p))
                return oom(lx);
        }
        if (col != lx->indents[lx->nindent - 1])
        {
            /* CPython puts the caret just past the end of the line */
            const char *eol = p;
            while (eol < lx->end && *eol != '\n' && *eol != '\r')
                eol++;
            return error_at(lx, &GExc_IndentationError, lx->line, col_of(lx, eol),
                            "unindent does not match any outer indentation level");
        }
        if (alt != lx->alt_indents[lx->nindent - 1])
            return error_at(lx, &GExc_TabError, lx->line, -1, "inconsistent use of tabs and spaces in indentation");
    }
    return 0;
}

/* ---- numbers ---- */

static bool is_digit_of(char c, int base)
{
    if (base == 16)
        return isxdigit((unsigned char)c);
    if (base == 8)
        return c >= '0' && c <= '7';
    if (base == 2)
        return c == '0' || c == '1';
    return isdigit((unsigned char)c);
}

static int lex_number(Lexer *lx)
{
    const char *s = lx->p, *p = s;
    bool is_float = false;
    int base = 10;
    if (*p == '0' && p + 1 < lx->end && strchr("xXoObB", p[1])) {
        base = (p[1] == 'x' || p[1] == 'X') ? 16 : (p[1] == 'o' || p[1] == 'O') ? 8 : 2;
        p += 2;
        if (p < lx->end && *p == '_')
            p++;
        if (p >= lx->end || !is_digit_of(*p, base))
            return error_at(lx, &GExc_SyntaxError, lx->line, col_of(lx, s),
                            "invalid %s literal", base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary");
        while (p < lx->end && (is_digit_of(*p, base) || (*p == '_' && p + 1 < lx->end && is_digit_of(p[1], base))))
            p++;
        if (p < lx->end && isalnum((unsigned char)*p))
            return error_at(lx, &GExc_SyntaxError, lx->line, col_of(lx, p), "invalid digit '%c' in %s literal", *p,
                            base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary");
    } else {
        while (p < lx->end && (isdigit((unsigned char)*p) || (*p == '_' && p + 1 < lx->end && isdigit((unsigned char)p[1]))))
            p++;
        if (p < lx->end && *p == '.') {
            is_float = true;
            p++;
            while (p < lx->end && (isdigit((unsigned char)*p) || (*p == '_' && p + 1 < lx->end && isdigit((unsigned char)p[1]))))
                p++;
        }
        if (p < lx->end && (*p == 'e' || *p == 'E')) {
            const char *q = p + 1;
            if (q < lx->end && (*q == '+' || *q == '-'))
                q++;
            if (q < lx->end && isdigit((unsigned char)*q)) {
                is_float = true;
                p = q;
                while (p < lx->end && (isdigit((unsigned char)*p) || (*p == '_' && p + 1 < lx->end && isdigit((unsigned char)p[1]))))
                    p++;
            }
        }
        if (p < lx->end && (*p == 'j' || *p == 'J'))
            return error_at(lx, &GExc_SyntaxError, lx->line, col_of(lx, s), "complex numbers are not supported by gilt");
        if (!is_float && s[0] == '0') {
            for (const char *q = s; q < p; q++)
                if (*q != '0' && *q != '_')
                    return error_at(lx, &GExc_SyntaxError, lx->line, col_of(lx, s),
                                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
        }
        if (p < lx->end && (isalpha((unsigned char)*p) || *p == '_'))
            return error_at(lx, &GExc_SyntaxError, lx->line, col_of(lx, s), "invalid decimal literal");
    }
    GToken *t = push(lx, T_NUMBER, s, p);
    if (!t)
        return oom(lx);
    GObject *txt = g_str_new(s, (size_t)(p - s));
    if (!txt)
        return oom(lx);
    if (is_float)
        t->value = g_float_from_string(txt);
    else
        t->value = g_int_from_string(s, (size_t)(p - s), base == 10 ? 10 : 0);
    g_decref(txt);
    if (!t->value) {
        g_err_clear();
        return error_at(lx, &GExc_SyntaxError, lx->line, col_of(lx, s), "invalid number literal");
    }
    lx->p = p;
    return 0;
}

/* ---- strings ---- */

/* Decode the escapes of a (non-raw) string body into a buffer. */
int g_decode_escapes(const char *s, size_t n, GBuf *b, char *errmsg, size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c != '\\' || i + 1 >= n) {
            g_buf_putc(b, c);
            continue;
        }
        char e = s[++i];
        switch (e) {
        case '\n': break;
        case '\\': g_buf_putc(b, '\\'); break;
        case '\'': g_buf_putc(b, '\''); break;
        case '"': g_buf_putc(b, '"'); break;
        case 'a': g_buf_putc(b, '\a'); break;
        case 'b': g_buf_putc(b, '\b'); break;
        case 'f': g_buf_putc(b, '\f'); break;
        case 'n': g_buf_putc(b, '\n'); break;
        case 'r': g_buf_putc(b, '\r'); break;
        case 't': g_buf_putc(b, '\t'); break;
        case 'v': g_buf_putc(b, '\v'); break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            unsigned v = 0;
            int k = 0;
            while (k < 3 && i < n && s[i] >= '0' && s[i] <= '7') {
                v = v * 8 + (unsigned)(s[i] - '0');
                i++;
                k++;
            }
            i--;
            char tmp[4];
            g_buf_put(b, tmp, (size_t)g_utf8_encode(v, tmp));
            break;
        }
        case 'x': case 'u': case 'U': {
            int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            uint32_t v = 0;
            for (int k = 0; k < digits; k++) {
                if (i + 1 >= n || !isxdigit((unsigned char)s[i + 1])) {
                    snprintf(errmsg, errlen, "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: truncated %s escape",
                             i - 1 - (size_t)k, i, e == 'x' ? "\\xXX" : e == 'u' ? "\\uXXXX" : "\\UXXXXXXXX");
                    return -1;
                }
                char h = s[++i];
                v = v * 16 + (uint32_t)(isdigit((unsigned char)h) ? h - '0' : (tolower((unsigned char)h) - 'a' + 10));
            }
            if (v > 0x10FFFF) {
                snprintf(errmsg, errlen, "(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character");
                return -1;
            }
            char tmp[4];
            g_buf_put(b, tmp, (size_t)g_utf8_encode(v, tmp));
            break;
        }
        case 'N':
            snprintf(errmsg, errlen, "\\N{...} escapes are not supported by gilt");
            return -1;
        default:
            g_buf_putc(b, '\\');
            g_buf_putc(b, e);
        }
    }
    return 0;
}

/* Decode the escapes of a (non-raw) bytes literal's body: \x and octal give one
 * byte each; \u, \U and \N mean nothing in bytes and stay as they are. */
static int decode_bytes_escapes(const char *s, size_t n, GBuf *b, char *errmsg, size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c != '\\' || i + 1 >= n) {
            g_buf_putc(b, c);
            continue;
        }
        char e = s[i + 1];
        if (e == 'x') {
            if (i + 3 >= n + 0 || !isxdigit((unsigned char)s[i + 2]) || !isxdigit((unsigned char)s[i + 3])) {
                snprintf(errmsg, errlen, "(value error) invalid \\x escape at position %zu", i);
                return -1;
            }
            char hex[3] = { s[i + 2], s[i + 3], 0 };
            g_buf_putc(b, (char)strtol(hex, NULL, 16));
            i += 3;
        } else if (e >= '0' && e <= '7') {
            unsigned v = 0;
            size_t k = i + 1;
            while (k < n && k < i + 4 && s[k] >= '0' && s[k] <= '7')
                v = v * 8 + (unsigned)(s[k++] - '0');
            g_buf_putc(b, (char)(v & 0xff));
            i = k - 1;
        } else if (e == 'u' || e == 'U' || e == 'N') {
            g_buf_putc(b, '\\');
        } else {
            /* the escapes str and bytes share: one character, decoded the same way */
            if (g_decode_escapes(s + i, 2, b, errmsg, errlen) < 0)
                return -1;
            i++;
        }
    }
    return 0;
}

static int lex_string(Lexer *lx, const char *start, const char *quote_at, bool raw, bool fstr, bool bytes)
{
    char q = *quote_at;
    bool triple = quote_at + 2 < lx->end && quote_at[1] == q && quote_at[2] == q;
    const char *body = quote_at + (triple ? 3 : 1);
    const char *p = body;
    int start_line = lx->line;
    const char *start_line_start = lx->line_start;
    int body_col = col_of(lx, body);
    for (;;) {
        if (p >= lx->end) {
            lx->line_start = start_line_start;
            if (triple)
                return error_at(lx, &GExc_SyntaxError, start_line, (int)(start - start_line_start),
                                "unterminated triple-quoted string literal (detected at line %d)",
                                lx->end > lx->src && lx->end[-1] == '\n' ? lx->line - 1 : lx->line);
            return error_at(lx, &GExc_SyntaxError, start_line, (int)(start - start_line_start),
                            "unterminated string literal (detected at line %d)", lx->line);
        }
        if (*p == '\\' && p + 1 < lx->end) {
            if (p[1] == '\n' && enter_line(lx, p + 2) < 0)
                return -1;
            p += 2;
            continue;
        }
        if (*p == '\n') {
            if (!triple) {
                int at = lx->line;
                lx->line_start = start_line_start;
                return error_at(lx, &GExc_SyntaxError, start_line, (int)(start - start_line_start),
                                "unterminated string literal (detected at line %d)", at);
            }
            if (enter_line(lx, p + 1) < 0)
                return -1;
            p++;
            continue;
        }
        if (*p == q && (!triple || (p + 2 < lx->end && p[1] == q && p[2] == q)))
            break;
        p++;
    }
    const char *body_end = p;
    p += triple ? 3 : 1;
    GTokens *t = lx->out;
    int end_line = lx->line;
    int saved_line = lx->line;
    const char *saved_ls = lx->line_start;
    lx->line = start_line;
    lx->line_start = start_line_start;
    GToken *tok = push(lx, T_STRING, start, start);
    lx->line = saved_line;
    lx->line_start = saved_ls;
    if (!tok)
        return oom(lx);
    (void)t;
    tok->end_line = end_line;
    tok->end_col = col_of(lx, p);
    tok->len = (size_t)(p - start);
    tok->fstring = fstr;
    tok->raw = raw;
    tok->body_line = start_line;
    tok->body_col = body_col;
    tok->bytes = bytes;
    for (const char *k = body; bytes && k < body_end; k++)
        if ((unsigned char)*k >= 0x80)
            tok->non_ascii = true;
    if (bytes && raw) {
        tok->value = g_bytes_new(body, (size_t)(body_end - body));
    } else if (bytes) {
        GBuf b;
        g_buf_init(&b);
        char msg[200];
        if (decode_bytes_escapes(body, (size_t)(body_end - body), &b, msg, sizeof msg) < 0) {
            g_buf_free(&b);
            return error_at(lx, &GExc_SyntaxError, start_line, (int)(start - start_line_start), "%s", msg);
        }
        tok->value = b.failed ? NULL : g_bytes_new(b.data, b.len);
        g_buf_free(&b);
    } else if (fstr || raw) {
        tok->value = g_str_new(body, (size_t)(body_end - body));
    } else {
        GBuf b;
        g_buf_init(&b);
        char msg[200];
        if (g_decode_escapes(body, (size_t)(body_end - body), &b, msg, sizeof msg) < 0) {
            g_buf_free(&b);
            return error_at(lx, &GExc_SyntaxError, start_line, (int)(start - start_line_start), "%s", msg);
        }
        tok->value = g_buf_finish(&b);
    }
    if (!tok->value) {
        g_err_clear();
        return error_at(lx, &GExc_SyntaxError, start_line, (int)(start - start_line_start), "invalid string literal");
    }
    lx->p = p;
    return 0;
}

/* ---- the main loop ---- */

static bool ident_start(unsigned char c) { return isalpha(c) || c == '_' || c >= 0x80; }
static bool ident_char(unsigned char c) { return isalnum(c) || c == '_' || c >= 0x80; }

static int close_bracket(Lexer *lx, char c)
{
    char open = c == ')' ? '(' : c == ']' ? '[' : '{';
    if (lx->nbrackets == 0)
        return error_at(lx, &GExc_SyntaxError, lx->line, col_of(lx, lx->p), "unmatched '%c'", c);
    char top = lx->brackets[lx->nbrackets - 1].ch;
    if (top != open) {
        int ol = lx->brackets[lx->nbrackets - 1].line;
        if (ol != lx->line)
            return error_at(lx, &GExc_SyntaxError, lx->line, col_of(lx, lx->p),
                            "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d", c, top, ol);
        return error_at(lx, &GExc_SyntaxError, lx->line, col_of(lx, lx->p),
                        "closing parenthesis '%c' does not match opening parenthesis '%c'", c, top);
    }
    lx->nbrackets--;
    return 0;
}

int g_tokenize(const char *src, size_t len, GTokens *out, GSyntaxError *err)
{
    Lexer lx;
    memset(&lx, 0, sizeof lx);
    lx.src = lx.p = src;
    lx.end = src + len;
    lx.line = 1;
    lx.line_start = src;
    lx.out = out;
    lx.err = err;
    lx.indents[0] = lx.alt_indents[0] = 0;
    lx.nindent = 1;
    lx.at_line_start = true;
    memset(out, 0, sizeof *out);
    /* skip a UTF-8 byte-order mark */
    if (len >= 3 && (unsigned char)src[0] == 0xEF && (unsigned char)src[1] == 0xBB && (unsigned char)src[2] == 0xBF)
        lx.p = lx.line_start = src + 3;
    lx.nul_line = find_nul_line(src, len);
    if (lx.nul_line == src) {
        nul_error(&lx);
        goto fail;
    }
    bool line_has_tokens = false;
    while (lx.p < lx.end) {
        if (lx.at_line_start && lx.nbrackets == 0) {
            lx.at_line_start = false;
            if (handle_indent(&lx) < 0)
                goto fail;
            if (lx.p >= lx.end)
                break;
        }
        const char *p = lx.p;
        unsigned char c = (unsigned char)*p;
        if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
            lx.p++;
            continue;
        }
        if (c == '#') {
            while (lx.p < lx.end && *lx.p != '\n')
                lx.p++;
            continue;
        }
        if (c == '\n') {
            if (lx.nbrackets == 0 && line_has_tokens) {
                if (!push(&lx, T_NEWLINE, p, p + 1)) {
                    oom(&lx);
                    goto fail;
                }
                line_has_tokens = false;
            }
            lx.p++;
            if (enter_line(&lx, lx.p) < 0)
                goto fail;
            lx.at_line_start = lx.nbrackets == 0;
            continue;
        }
        if (c == '\\') {
            const char *q = p + 1;
            while (q < lx.end && (*q == ' ' || *q == '\t' || *q == '\r'))
                q++;
            if (q < lx.end && *q == '\n' && q == p + 1 + (q[-1] == '\r' ? 1 : 0)) {
                lx.p = q + 1;
                if (enter_line(&lx, lx.p) < 0)
                    goto fail;
                if (lx.p >= lx.end) {
                    error_at(&lx, &GExc_SyntaxError, lx.line, 0, "unexpected EOF while parsing");
                    goto fail;
                }
                continue;
            }
            error_at(&lx, &GExc_SyntaxError, lx.line, col_of(&lx, p + 1), "unexpected character after line continuation character");
            goto fail;
        }
        line_has_tokens = true;
        if (isdigit(c) || (c == '.' && p + 1 < lx.end && isdigit((unsigned char)p[1]))) {
            if (lex_number(&lx) < 0)
                goto fail;
            continue;
        }
        if (ident_start(c)) {
            const char *q = p;
            while (q < lx.end && ident_char((unsigned char)*q))
                q++;
            /* string prefixes */
            if (q < lx.end && (*q == '\'' || *q == '"') && q - p <= 2) {
                bool raw = false, fstr = false, bytes = false, ok = true;
                for (const char *k = p; k < q; k++) {
                    char l = (char)tolower((unsigned char)*k);
                    if (l == 'r') raw = true;
                    else if (l == 'f') fstr = true;
                    else if (l == 'b') bytes = true;
                    else if (l == 'u' && q - p == 1) ;
                    else ok = false;
                }
                if (ok && !(bytes && fstr)) {
                    if (lex_string(&lx, p, q, raw, fstr, bytes) < 0)
                        goto fail;
                    continue;
                }
            }
            /* validate non-ASCII identifier characters */
            for (const char *k = p; k < q;) {
                if ((unsigned char)*k < 0x80) {
                    k++;
                    continue;
                }
                uint32_t cp;
                int n = g_utf8_decode(k, (size_t)(q - k), &cp);
                if (n < 0)
                    break;
                if (!iswalpha((wint_t)cp) && cp != 0xB7 && !(cp >= 0x300 && cp <= 0x36F)) {
                    char shown[8] = { 0 };
                    memcpy(shown, k, (size_t)n);
                    error_at(&lx, &GExc_SyntaxError, lx.line, col_of(&lx, k), "invalid character '%s' (U+%04X)", shown, cp);
                    goto fail;
                }
                k += n;
            }
            GTokKind kind = T_NAME;
            size_t n = (size_t)(q - p);
            for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
                if (strlen(keywords[i].word) == n && memcmp(keywords[i].word, p, n) == 0) {
                    kind = keywords[i].kind;
                    break;
                }
            GToken *t = push(&lx, kind, p, q);
            if (!t) {
                oom(&lx);
                goto fail;
            }
            if (kind == T_NAME) {
                GObject *s = g_str_new(p, n);
                t->value = s ? g_str_intern_obj(s) : NULL;
                if (!t->value) {
                    g_err_clear();
                    oom(&lx);
                    goto fail;
                }
            }
            lx.p = q;
            continue;
        }
        if (c == '\'' || c == '"') {
            if (lex_string(&lx, p, p, false, false, false) < 0)
                goto fail;
            continue;
        }
        size_t i;
        for (i = 0; i < sizeof operators / sizeof operators[0]; i++) {
            size_t n = strlen(operators[i].text);
            if ((size_t)(lx.end - p) >= n && memcmp(p, operators[i].text, n) == 0)
                break;
        }
        if (i == sizeof operators / sizeof operators[0]) {
            if (c >= 0x80) {
                uint32_t cp = 0;
                int n = g_utf8_decode(p, (size_t)(lx.end - p), &cp);
                char shown[8] = { 0 };
                memcpy(shown, p, n > 0 ? (size_t)n : 1);
                error_at(&lx, &GExc_SyntaxError, lx.line, col_of(&lx, p), "invalid character '%s' (U+%04X)", shown, cp);
            } else if (c == '!') {
                error_at(&lx, &GExc_SyntaxError, lx.line, col_of(&lx, p), "invalid syntax");
            } else if (c < 0x20 || c == 0x7f) {
                error_at(&lx, &GExc_SyntaxError, lx.line, col_of(&lx, p), "invalid non-printable character U+%04X", c);
            } else {
                error_at(&lx, &GExc_SyntaxError, lx.line, col_of(&lx, p), "invalid syntax");
            }
            goto fail;
        }
        GTokKind kind = operators[i].kind;
        if (kind == T_LPAR || kind == T_LSQB || kind == T_LBRACE) {
            if (lx.nbrackets >= GILT_MAX_PARSE_DEPTH) {
                error_at(&lx, &GExc_SyntaxError, lx.line, col_of(&lx, p), "too many nested parentheses");
                goto fail;
            }
            lx.brackets[lx.nbrackets].ch = *p;
            lx.brackets[lx.nbrackets].line = lx.line;
            lx.brackets[lx.nbrackets].col = col_of(&lx, p);
            lx.nbrackets++;
        } else if (kind == T_RPAR || kind == T_RSQB || kind == T_RBRACE) {
            if (close_bracket(&lx, *p) < 0)
                goto fail;
        }
        if (!push(&lx, kind, p, p + strlen(operators[i].text))) {
            oom(&lx);
            goto fail;
        }
        lx.p += strlen(operators[i].text);
    }
    if (lx.nbrackets > 0) {
        const char *ls = lx.src;
        int l = 1;
        int bl = lx.brackets[lx.nbrackets - 1].line;
        for (const char *k = lx.src; k < lx.end && l < bl; k++)
            if (*k == '\n') {
                l++;
                ls = k + 1;
            }
        lx.line_start = ls;
        error_at(&lx, &GExc_SyntaxError, bl, lx.brackets[lx.nbrackets - 1].col, "'%c' was never closed",
                 lx.brackets[lx.nbrackets - 1].ch);
        goto fail;
    }
    if (line_has_tokens && !push(&lx, T_NEWLINE, lx.p, lx.p)) {
        oom(&lx);
        goto fail;
    }
    while (lx.nindent > 1) {
        lx.nindent--;
        if (!push(&lx, T_DEDENT, lx.p, lx.p)) {
            oom(&lx);
            goto fail;
        }
    }
    if (!push(&lx, T_EOF, lx.p, lx.p)) {
        oom(&lx);
        goto fail;
    }
    return 0;
fail:
    g_tokens_free(out);
    return -1;
}
