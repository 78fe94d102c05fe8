/* fstring.c -- splitting f-strings into literal text and formatted values.
 *
 *   f"total: {n:>{width}} ({n!r})"  ->  JoinedStr[ "total: ", Formatted(n, spec=JoinedStr[">", Formatted(width)]),
 *                                                " (", Formatted(n, conv='r'), ")" ]
 *
 * The lexer hands over an f-string's raw body.  Here it is scanned for {...}: doubled
 * braces are literal, each expression is found by bracket and quote matching, then
 * tokenized and parsed on its own (g_parse_expression_text) with its positions shifted
 * to where it sits in the file, so errors and tracebacks point inside the string.
 * A format spec may itself contain {...} fields (one level deep).
 */
#include "compile/parser_internal.h"

/* ====================================================================================
 * f-strings
 * ==================================================================================== */


/* Split an f-string body into constants and formatted values. */
static GNode *fstring_body(Parser *p, GToken *t, const char *s, size_t n, int line, int col, int depth)
{
    GNode *j = node(p, E_JOINEDSTR, t);
    if (!j)
        return NULL;
    GBuf lit;
    g_buf_init(&lit);
    size_t i = 0;
    int cur_line = line, cur_col = col;
#define FLUSH_LITERAL() do { \
        if (lit.len) { \
            GObject *raw = g_buf_finish(&lit); \
            g_buf_init(&lit); \
            if (!raw) return fail_tok(p, t, "out of memory"); \
            GObject *val = raw; \
            if (!t->raw) { \
                GBuf d; g_buf_init(&d); char m[200]; \
                if (g_decode_escapes(g_str_data(raw), (size_t)g_str_nbytes(raw), &d, m, sizeof m) < 0) { \
                    g_buf_free(&d); g_decref(raw); return fail_tok(p, t, m); } \
                val = g_buf_finish(&d); g_decref(raw); \
                if (!val) return fail_tok(p, t, "out of memory"); \
            } \
            GNode *c = make_const(p, t, val); g_decref(val); \
            if (!c || !list_push(p, &j->l1, c)) return NULL; \
        } \
    } while (0)
    while (i < n) {
        char c = s[i];
        if (c == '\n') {
            cur_line++;
            cur_col = -1;
        }
        if (c == '{') {
            if (i + 1 < n && s[i + 1] == '{') {
                g_buf_putc(&lit, '{');
                i += 2;
                cur_col += 2;
                continue;
            }
            FLUSH_LITERAL();
            /* find the end of the expression: a top-level '}', '!' or ':' */
            size_t e = i + 1;
            int nest = 0;
            char quote = 0;
            for (; e < n; e++) {
                char d = s[e];
                if (quote) {
                    if (d == quote)
                        quote = 0;
                    continue;
                }
                if (d == '\'' || d == '"') {
                    quote = d;
                    continue;
                }
                if (d == '(' || d == '[' || d == '{')
                    nest++;
                else if ((d == ')' || d == ']' || d == '}') && nest > 0)
                    nest--;
                else if (nest == 0 && (d == '}' || d == ':' ||
                                       (d == '!' && e + 1 < n && s[e + 1] != '=')))
                    break;
                else if (nest == 0 && d == '=' && e + 1 < n && s[e + 1] != '=' && e > i + 1 &&
                         !strchr("=!<>", s[e - 1])) {
                    size_t w = e + 1;
                    while (w < n && (s[w] == ' ' || s[w] == '\t'))
                        w++;
                    if (w < n && (s[w] == '}' || s[w] == '!' || s[w] == ':'))
                        break;
                }
            }
            if (e >= n) {
                g_buf_free(&lit);
                return fail_at(p, &GExc_SyntaxError, t->end_line, t->end_col, t->end_line, t->end_col + 1, "f-string: expecting '}'");
            }
            size_t expr_start = i + 1, expr_end = e;
            bool debug = false;
            size_t debug_end = e;
            if (s[e] == '=') {
                debug = true;
                e++;
                while (e < n && (s[e] == ' ' || s[e] == '\t'))
                    e++;
                debug_end = e;
            }
            /* the expression must not be empty */
            bool blank = true;
            for (size_t k = expr_start; k < expr_end; k++)
                if (s[k] != ' ' && s[k] != '\t' && s[k] != '\n')
                    blank = false;
            if (blank) {
                g_buf_free(&lit);
                return fail_at(p, &GExc_SyntaxError, t->end_line, t->end_col, t->end_line, t->end_col + 1, "f-string: empty expression not allowed");
            }
            GNode *value = g_parse_expression_text(s + expr_start, expr_end - expr_start, cur_line,
                                                   cur_col + 1, p->arena, p->err);
            if (!value) {
                p->failed = true;
                g_buf_free(&lit);
                return NULL;
            }
            int conv = 0;
            if (e < n && s[e] == '!') {
                if (e + 1 >= n || !strchr("rsa", s[e + 1])) {
                    g_buf_free(&lit);
                    return fail_at(p, &GExc_SyntaxError, t->line, t->col, t->end_line, t->end_col,
                                   "f-string: invalid conversion character: expected 's', 'r', or 'a'");
                }
                conv = s[e + 1];
                e += 2;
            }
            GNode *spec = NULL;
            if (e < n && s[e] == ':') {
                size_t ss = ++e;
                int lvl = 0;
                for (; e < n; e++) {
                    if (s[e] == '{')
                        lvl++;
                    else if (s[e] == '}') {
                        if (lvl == 0)
                            break;
                        lvl--;
                    }
                }
                if (depth >= 2) {
                    g_buf_free(&lit);
                    return fail_tok(p, t, "f-string: expressions nested too deeply");
                }
                spec = fstring_body(p, t, s + ss, e - ss, cur_line, cur_col, depth + 1);
                if (!spec) {
                    g_buf_free(&lit);
                    return NULL;
                }
            }
            if (e >= n || s[e] != '}') {
                g_buf_free(&lit);
                return fail_at(p, &GExc_SyntaxError, t->end_line, t->end_col, t->end_line, t->end_col + 1, "f-string: expecting '}'");
            }
            if (debug) {
                /* the text shown is the expression, the '=' and the spaces around it */
                GObject *dt = g_str_new(s + expr_start, debug_end - expr_start);
                if (!dt)
                    return fail_tok(p, t, "out of memory");
                GNode *c2 = make_const(p, t, dt);
                g_decref(dt);
                if (!c2 || !list_push(p, &j->l1, c2))
                    return NULL;
                if (!conv && !spec)
                    conv = 'r';
            }
            GNode *f = node(p, E_FORMATTED, t);
            f->a = value;
            f->b = spec;
            f->op = conv;
            if (!list_push(p, &j->l1, f))
                return NULL;
            cur_col += (int)(e + 1 - i);
            i = e + 1;
            continue;
        }
        if (c == '}') {
            if (i + 1 < n && s[i + 1] == '}') {
                g_buf_putc(&lit, '}');
                i += 2;
                cur_col += 2;
                continue;
            }
            g_buf_free(&lit);
            return fail_at(p, &GExc_SyntaxError, t->end_line, t->end_col, t->end_line, t->end_col + 1, "f-string: single '}' is not allowed");
        }
        g_buf_putc(&lit, c);
        i++;
        cur_col++;
    }
    FLUSH_LITERAL();
#undef FLUSH_LITERAL
    return j;
}

GNode *px_parse_fstring(Parser *p, GToken *t)
{
    return fstring_body(p, t, g_str_data(t->value), (size_t)g_str_nbytes(t->value), t->body_line, t->body_col, 0);
}

