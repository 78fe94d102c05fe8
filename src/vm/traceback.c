/* traceback.c -- printing exceptions the way CPython 3.11 does.
 *
 *   Traceback (most recent call last):
 *     File "demo.py", line 7, in <module>
 *       total = average([])
 *               ^^^^^^^^^^^
 *     File "demo.py", line 3, in average
 *       return sum(xs) / len(xs)
 *              ~~~~~~~~^~~~~~~~~
 *   ZeroDivisionError: division by zero
 *
 * Each traceback record names a code object and an instruction; the instruction's
 * source span (GLoc) gives the line and the columns to underline.  Binary operators
 * and subscripts carry an anchor, printed with ^ while the rest of the span gets ~.
 * No marker line is printed when the span covers the whole line.  Long runs of the
 * same line (deep recursion) collapse into "[Previous line repeated N more times]".
 * Chained exceptions print their cause or context first.  A SyntaxError's line is
 * echoed with a caret line under the error; a very long one is cut to a window
 * around the error.
 *
 * Source lines come from the runtime's source registry (files the interpreter has
 * read), so no file is re-read while printing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compiler.h"
#include "debug.h"
#include "objects/objects.h"
#include "runtime/runtime.h"
#include "runtime/blockio.h"
#include "vm/vm.h"

void g_register_source(const char *filename, const char *src, size_t len)
{
    GObject *lines = g_list_new(0);
    if (!lines)
        return;
    const char *p = src, *end = src + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        GObject *line = g_str_new(p, (size_t)(e - p));
        if (!line) {
            g_err_clear();
            line = g_str_from_cstr("");
        }
        g_list_append(lines, line);
        g_decref(line);
        p = nl ? nl + 1 : end;
    }
    g_dict_set_str(g_runtime.sources, filename, lines);
    g_decref(lines);
}

GObject *g_source_line(GObject *filename, int lineno)
{
    GObject *lines = g_dict_get(g_runtime.sources, filename);
    if (!lines || lineno < 1 || lineno > G_LIST_SIZE(lines))
        return NULL;
    return G_LIST_ITEM(lines, lineno - 1);
}

/* Characters (code points) in the first `bytes` bytes of s. */
static int char_offset(const char *s, int bytes)
{
    int n = 0;
    for (int i = 0; i < bytes && s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

static void print_line_with_carets(FILE *out, GObject *line, const GLoc *loc, bool show_carets)
{
    const char *s = g_str_data(line);
    int len = (int)g_str_nbytes(line);
    int lead = 0;
    while (lead < len && (s[lead] == ' ' || s[lead] == '\t' || s[lead] == '\f'))
        lead++;
    int end = len;
    while (end > lead && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r' || s[end - 1] == '\n'))
        end--;
    if (end <= lead)
        return;
    fprintf(out, "    %.*s\n", end - lead, s + lead);
    if (!show_carets || !loc)
        return;
    int col = loc->col, ecol = loc->end_col;
    if (col > len)
        return;
    if (loc->end_line != loc->line || ecol > len)
        ecol = end;
    int stripped_chars = char_offset(s, lead);
    int start = char_offset(s, col), stop = char_offset(s, ecol);
    int stripped_len = char_offset(s + lead, end - lead);
    bool anchors = loc->anchor != 0xffff && loc->end_line == loc->line && loc->anchor >= col && loc->anchor_end <= ecol;
    int left = 0, right = 0;
    if (anchors) {
        left = char_offset(s, loc->anchor) - start;
        right = char_offset(s, loc->anchor_end) - start;
    }
    if (!(stop - start < stripped_len || (anchors && right - left > 0)))
        return;
    if (stop <= start)
        return;
    fputs("    ", out);
    for (int i = stripped_chars; i < start; i++)
        fputc(' ', out);
    for (int i = 0; i < stop - start; i++)
        fputc(anchors ? (i >= left && i < right ? '^' : '~') : '^', out);
    fputc('\n', out);
}

static void print_entry(FILE *out, GCode *co, int ip)
{
    const GLoc *loc = ip >= 0 && ip < co->ncode ? &co->locs[ip] : NULL;
    int line = loc ? loc->line : co->firstlineno;
    fprintf(out, "  File \"%s\", line %d, in %s\n", g_str_data(co->filename), line, g_str_data(co->name));
    GObject *src = g_source_line(co->filename, line);
    if (src)
        print_line_with_carets(out, src, loc, true);
}

/* Code that gilt writes in Python where CPython has C (src/modules/py/): CPython's
 * tracebacks show no line of it, so gilt's do not either.  A NULL name: the whole
 * file. */
static const struct { const char *file, *name; } c_in_cpython[] = {
    { "<gilt>/itertools.py", NULL }, { "<gilt>/operator.py", NULL }, { "<gilt>/bisect.py", NULL },
    { "<gilt>/functools.py", "reduce" }, { "<gilt>/functools.py", "__call__" },
    { "<gilt>/functools.py", "unbounded_wrapper" }, { "<gilt>/functools.py", "bounded_wrapper" },
    { "<gilt>/collections.py", "__missing__" },
};

static bool hidden_entry(GCode *co)
{
    for (size_t i = 0; i < sizeof c_in_cpython / sizeof c_in_cpython[0]; i++)
        if (g_str_eq_cstr(co->filename, c_in_cpython[i].file) &&
            (!c_in_cpython[i].name || g_str_eq_cstr(co->name, c_in_cpython[i].name)))
            return true;
    return false;
}

/* sys.tracebacklimit when it is set to an int (how many of the innermost entries to
 * print; 0 or less: none, and no "Traceback" header); -1 when unset. */
static int64_t traceback_limit(void)
{
    GObject *sys = g_runtime.sys_module;
    GObject *v = sys ? g_dict_get_str(g_module_dict(sys), "tracebacklimit") : NULL;
    int64_t n;
    if (!v || !g_is_int(v))
        return -1;
    if (!g_int_as_i64(v, &n))
        n = g_int_sign(v) < 0 ? 0 : INT64_MAX;
    return n < 0 ? 0 : n;
}

static void print_tb(FILE *out, GObject *tbobj, int64_t limit)
{
    GTraceback *tb = (GTraceback *)tbobj;
    if (limit >= 0) {            /* keep only the last `limit` entries that are shown */
        int64_t n = 0;
        for (GTraceback *t = tb; t; t = (GTraceback *)t->next)
            n += !hidden_entry(t->code);
        for (; tb && n > limit; tb = (GTraceback *)tb->next)
            n -= !hidden_entry(tb->code);
    }
    GCode *last_code = NULL;
    int last_line = -1, repeat = 0;
    for (; tb; tb = (GTraceback *)tb->next) {
        if (hidden_entry(tb->code))
            continue;
        int line = g_code_line_at(tb->code, tb->ip);
        if (last_code && tb->code->filename == last_code->filename && line == last_line &&
            g_str_eq(tb->code->name, last_code->name)) {
            repeat++;
        } else {
            if (repeat > 3)
                fprintf(out, "  [Previous line repeated %d more time%s]\n", repeat - 3, repeat - 3 == 1 ? "" : "s");
            repeat = 1;
        }
        last_code = tb->code;
        last_line = line;
        if (repeat <= 3)
            print_entry(out, tb->code, tb->ip);
    }
    if (repeat > 3)
        fprintf(out, "  [Previous line repeated %d more time%s]\n", repeat - 3, repeat - 3 == 1 ? "" : "s");
}

static GObject *exc_attr(GObject *exc, const char *name)
{
    GObject **dp = g_instance_dict_ptr(exc);
    if (!dp || !*dp)
        return NULL;
    return g_dict_get_str(*dp, name);
}

/* Byte offset of character number `chars` of s (len bytes of UTF-8). */
static int byte_offset(const char *s, int len, int chars)
{
    int i = 0;
    for (int n = 0; i < len; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == chars)
            break;
    }
    return i;
}

/* The characters [from, to) of a SyntaxError's line that are echoed.  CPython echoes
 * the whole line; gilt cuts a line longer than GILT_ERROR_LINE_WIDTH characters to a
 * window of that width around the error's first character `at` (-1: unknown, show
 * the start), so a 200 KB line is not printed twice (docs/language.md). */
typedef struct {
    int from, to;
} EchoWindow;

static EchoWindow echo_window(int lead_chars, int line_chars, int at)
{
    EchoWindow w = { lead_chars, line_chars };
    if (line_chars - lead_chars <= GILT_ERROR_LINE_WIDTH)
        return w;
    int from = at < 0 ? lead_chars : at - GILT_ERROR_LINE_WIDTH / 2;
    if (from > line_chars - GILT_ERROR_LINE_WIDTH)
        from = line_chars - GILT_ERROR_LINE_WIDTH;
    if (from < lead_chars)
        from = lead_chars;
    w.from = from;
    w.to = from + GILT_ERROR_LINE_WIDTH;
    return w;
}

/* The echoed line, with "..." where the window leaves text out. */
static void print_echo(FILE *out, const char *s, int len, int line_chars, int lead_chars, EchoWindow w)
{
    int b0 = byte_offset(s, len, w.from), b1 = byte_offset(s, len, w.to);
    fprintf(out, "    %s%.*s%s\n", w.from > lead_chars ? "..." : "", b1 - b0, s + b0, w.to < line_chars ? "..." : "");
}

/* The caret line under the echo: ^ under the characters [off, eoff) (1-based),
 * kept inside the window (one past the end when the window reaches the line's end). */
static void print_carets(FILE *out, int off, int eoff, int line_chars, int lead_chars, EchoWindow w)
{
    int last = w.to < line_chars ? w.to : w.to + 1;
    if (eoff - 1 > last)
        eoff = last + 1;
    fputs(w.from > lead_chars ? "       " : "    ", out);
    for (int i = w.from; i < off - 1; i++)
        fputc(' ', out);
    for (int i = off; i < eoff; i++)
        fputc('^', out);
    fputc('\n', out);
}

/* The File/line/caret block of a SyntaxError. */
static void print_syntax_error_location(FILE *out, GObject *exc)
{
    GObject *filename = exc_attr(exc, "filename"), *lineno = exc_attr(exc, "lineno");
    GObject *offset = exc_attr(exc, "offset"), *text = exc_attr(exc, "text");
    GObject *end_offset = exc_attr(exc, "end_offset"), *end_lineno = exc_attr(exc, "end_lineno");
    if (!filename || !lineno || !g_is_int(lineno))
        return;
    fprintf(out, "  File \"%s\", line %lld\n", g_is_str(filename) ? g_str_data(filename) : "<unknown>",
            (long long)g_int_small_value(lineno));
    if (!text || !g_is_str(text))
        return;
    const char *s = g_str_data(text);
    int len = (int)g_str_nbytes(text);
    while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    int lead = 0;
    while (lead < len && (s[lead] == ' ' || s[lead] == '\t' || s[lead] == '\f'))
        lead++;
    int lead_chars = char_offset(s, lead);
    int line_chars = char_offset(s, len);
    bool has_offset = offset && g_is_int(offset);
    int off = has_offset ? (int)g_int_small_value(offset) : 0;     /* 1-based, in characters */
    if (off - 1 > line_chars)
        off = line_chars + 1;
    EchoWindow w = echo_window(lead_chars, line_chars, has_offset ? off - 1 : -1);
    print_echo(out, s, len, line_chars, lead_chars, w);
    if (!has_offset)
        return;
    int eoff = end_offset && g_is_int(end_offset) ? (int)g_int_small_value(end_offset) : off + 1;
    if (end_lineno && g_is_int(end_lineno) && g_int_small_value(end_lineno) != g_int_small_value(lineno))
        eoff = line_chars + 1;
    if (eoff <= off)
        eoff = off + 1;
    if (eoff - 1 > line_chars + 1)
        eoff = line_chars + 2;
    print_carets(out, off, eoff, line_chars, lead_chars, w);
}

/* ---- "Did you mean" suggestions (CPython 3.11's rules) ----
 * The candidate closest to the missing name by an edit distance in which a case
 * change costs 1 and any other edit 2, accepted only if no more than about a third
 * of the characters change. */
#define MOVE_COST 2
#define CASE_COST 1
#define MAX_NAME 40

static int substitution_cost(char a, char b)
{
    if ((a & 31) != (b & 31))
        return MOVE_COST;
    if (a == b)
        return 0;
    if (a >= 'A' && a <= 'Z')
        a = (char)(a + ('a' - 'A'));
    if (b >= 'A' && b <= 'Z')
        b = (char)(b + ('a' - 'A'));
    return a == b ? CASE_COST : MOVE_COST;
}

static int64_t edit_distance(const char *a, int64_t na, const char *b, int64_t nb, int64_t max_cost)
{
    while (na && nb && a[0] == b[0]) {
        a++; b++; na--; nb--;
    }
    while (na && nb && a[na - 1] == b[nb - 1]) {
        na--; nb--;
    }
    if (na == 0 || nb == 0)
        return (na + nb) * MOVE_COST;
    if (na > MAX_NAME || nb > MAX_NAME)
        return max_cost + 1;
    if (nb < na) {
        const char *t = a; a = b; b = t;
        int64_t tn = na; na = nb; nb = tn;
    }
    if ((nb - na) * MOVE_COST > max_cost)
        return max_cost + 1;
    int64_t row[MAX_NAME];
    for (int64_t i = 0; i < na; i++)
        row[i] = (i + 1) * MOVE_COST;
    int64_t result = 0;
    for (int64_t bi = 0; bi < nb; bi++) {
        int64_t distance = result = bi * MOVE_COST, minimum = INT64_MAX;
        for (int64_t ai = 0; ai < na; ai++) {
            int64_t substitute = distance + substitution_cost(b[bi], a[ai]);
            distance = row[ai];
            int64_t insert_delete = (result < distance ? result : distance) + MOVE_COST;
            result = insert_delete < substitute ? insert_delete : substitute;
            row[ai] = result;
            if (result < minimum)
                minimum = result;
        }
        if (minimum > max_cost)
            return max_cost + 1;
    }
    return result;
}

/* Best candidate among the str items of a list (borrowed), or NULL. */
static GObject *closest_name(GObject *names, GObject *name)
{
    if (!names || G_LIST_SIZE(names) >= 750)
        return NULL;
    GObject *best = NULL;
    int64_t best_d = INT64_MAX;
    int64_t nn = g_str_len(name);
    for (int64_t i = 0; i < G_LIST_SIZE(names); i++) {
        GObject *item = G_LIST_ITEM(names, i);
        if (!g_is_str(item) || g_str_eq(item, name))
            continue;
        int64_t max_d = (nn + g_str_len(item) + 3) * MOVE_COST / 6;
        if (best_d - 1 < max_d)
            max_d = best_d - 1;
        int64_t d = edit_distance(g_str_data(name), g_str_nbytes(name), g_str_data(item), g_str_nbytes(item), max_d);
        if (d > max_d)
            continue;
        if (!best || d < best_d) {
            best = item;
            best_d = d;
        }
    }
    return best;
}

static GObject *dict_keys_list(GObject *d)
{
    GObject *l = g_list_new(0);
    int64_t pos = 0;
    GObject *k;
    while (l && g_dict_next(d, &pos, &k, NULL))
        g_list_append(l, k);
    return l;
}

/* The suggestion for a NameError or AttributeError (new ref), or NULL. */
static GObject *suggestion_for(GObject *exc)
{
    GException *e = (GException *)exc;
    if (!e->name || !g_is_str(e->name) || !e->value)
        return NULL;
    GObject *found = NULL;
    if (g_isinstance(exc, &GExc_NameError) && g_is_dict(e->value)) {
        /* the innermost frame's locals, then its globals, then the builtins */
        GTraceback *tb = (GTraceback *)e->traceback;
        while (tb && tb->next)
            tb = (GTraceback *)tb->next;
        if (tb && !(tb->code->flags & G_CO_MODULE)) {
            GObject *locals = g_list_new(0);
            GObject *tuples[3] = { tb->code->varnames, tb->code->cellvars, tb->code->freevars };
            for (int t = 0; t < 3 && locals; t++)
                for (int64_t i = 0; i < G_TUPLE_SIZE(tuples[t]); i++)
                    g_list_append(locals, G_TUPLE_ITEM(tuples[t], i));
            found = closest_name(locals, e->name);
            if (found)
                g_incref(found);
            g_xdecref(locals);
        }
        GObject *dicts[2] = { e->value, g_runtime.builtins };
        for (int i = 0; i < 2 && !found; i++) {
            GObject *keys = dict_keys_list(dicts[i]);
            found = closest_name(keys, e->name);
            if (found)
                g_incref(found);
            g_xdecref(keys);
        }
    } else if (g_isinstance(exc, &GExc_AttributeError)) {
        GObject *dir = g_call_method(e->value, "__dir__", NULL, 0);
        GObject *names = dir ? g_list_from_iterable(dir) : NULL;
        g_xdecref(dir);
        if (names && g_list_sort(names, NULL, false) == 0) {
            found = closest_name(names, e->name);
            if (found)
                g_incref(found);
        }
        g_xdecref(names);
    }
    g_err_clear();
    return found;
}

static void print_final_line(FILE *out, GObject *exc)
{
    GType *t = G_TYPE(exc);
    GObject *mod = t->module_name;
    if (mod && !g_str_eq_cstr(mod, "builtins") && !g_str_eq_cstr(mod, "__main__")) {
        GObject *qn = t->heap_qualname;
        fprintf(out, "%s.%s", g_str_data(mod), qn && g_is_str(qn) ? g_str_data(qn) : t->name);
    } else {
        fputs(t->name, out);
    }
    GObject *msg;
    if (g_isinstance(exc, &GExc_SyntaxError) && exc_attr(exc, "msg"))
        msg = g_str(exc_attr(exc, "msg"));
    else
        msg = g_str(exc);
    if (!msg) {
        g_err_clear();
        fputs(": <exception str() failed>\n", out);
        return;
    }
    if (g_str_nbytes(msg) > 0)
        fprintf(out, ": %s", g_str_data(msg));
    GObject *hint = suggestion_for(exc);
    if (hint) {
        fprintf(out, ". Did you mean: '%s'?", g_str_data(hint));
        g_decref(hint);
    }
    fputc('\n', out);
    g_decref(msg);
}

static void print_one(FILE *out, GObject *exc, GObject *seen, int depth)
{
    GException *e = (GException *)exc;
    g_set_add(seen, exc);
    if (depth < 100) {
        if (e->cause && g_is_exception(e->cause) && g_set_contains(seen, e->cause) == 0) {
            print_one(out, e->cause, seen, depth + 1);
            fputs("\nThe above exception was the direct cause of the following exception:\n\n", out);
        } else if (e->context && !e->suppress_context && g_is_exception(e->context) &&
                   g_set_contains(seen, e->context) == 0) {
            print_one(out, e->context, seen, depth + 1);
            fputs("\nDuring handling of the above exception, another exception occurred:\n\n", out);
        }
    }
    int64_t limit = traceback_limit();
    if (e->traceback && limit != 0) {
        fputs("Traceback (most recent call last):\n", out);
        print_tb(out, e->traceback, limit);
    }
    if (g_isinstance(exc, &GExc_SyntaxError))
        print_syntax_error_location(out, exc);
    print_final_line(out, exc);
}

void g_print_exception(GObject *exc)
{
    g_stream_flush(stdout);
    GObject *saved = g_err_fetch();
    GObject *seen = g_set_new(&GSet_type, NULL);
    /* the text is made in memory (formatting runs Python: reprs, str()), then written
     * in one go, detached if the write may block (runtime/blockio.h) */
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        out = stderr;
    if (!g_is_exception(exc)) {
        fprintf(out, "TypeError: print_exception(): Exception expected for value, %s found\n", g_type_name(exc));
    } else if (seen) {
        print_one(out, exc, seen, 0);
    } else {
        print_final_line(out, exc);
    }
    if (out != stderr) {
        fclose(out);
        g_stream_write(stderr, text, len);
        free(text);
    }
    g_xdecref(seen);
    g_err_clear();
    g_err_restore(saved);
    g_stream_flush(stderr);
}

/* The text g_print_exception would print, as a str (multiprocessing sends it from a
 * worker to the parent).  NULL with an exception set if memory runs out. */
GObject *g_format_exception(GObject *exc)
{
    GObject *saved = g_err_fetch();
    GObject *seen = g_set_new(&GSet_type, NULL);
    char *text = NULL;
    size_t len = 0;
    FILE *out = seen ? open_memstream(&text, &len) : NULL;
    if (out) {
        if (g_is_exception(exc))
            print_one(out, exc, seen, 0);
        fclose(out);
    }
    g_xdecref(seen);
    g_err_clear();
    g_err_restore(saved);
    GObject *s = text ? g_str_new(text, len) : g_no_memory();
    free(text);
    return s;
}

/* Turn a compile error into a SyntaxError (or its subclass) exception object. */
GObject *g_syntax_error_object(const GSyntaxError *err, const char *filename, const char *src, size_t len)
{
    GObject *msg = g_str_from_cstr(err->msg);
    if (!msg)
        return NULL;
    GObject *args = g_tuple_pack(1, msg);
    GObject *exc = args ? g_exc_new(err->kind ? err->kind : &GExc_SyntaxError, args) : NULL;
    g_xdecref(args);
    if (!exc) {
        g_decref(msg);
        return NULL;
    }
    if (!g_isinstance(exc, &GExc_SyntaxError)) {
        g_decref(msg);
        return exc;
    }
    GObject **dp = g_instance_dict_ptr(exc);
    *dp = g_dict_new();
    GObject *d = *dp;
    g_dict_set_str(d, "msg", msg);
    g_decref(msg);
    GObject *fn = g_str_from_cstr(filename);
    g_dict_set_str(d, "filename", fn);
    g_xdecref(fn);
    GObject *ln = g_int_from_i64(err->line);
    g_dict_set_str(d, "lineno", ln);
    g_decref(ln);
    GObject *eln = g_int_from_i64(err->end_line ? err->end_line : err->line);
    g_dict_set_str(d, "end_lineno", eln);
    g_decref(eln);
    /* the text of the offending line */
    const char *p = src, *end = src + len;
    for (int l = 1; l < err->line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    const char *e = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
    if (!e)
        e = end;
    GObject *text = p <= end ? g_str_new(p, (size_t)(e - p)) : NULL;
    if (!text) {
        g_err_clear();
        text = g_newref(G_NONE);
    }
    g_dict_set_str(d, "text", text);
    if (err->col >= 0 && g_is_str(text)) {
        int chars = char_offset(g_str_data(text), err->col);
        GObject *off = g_int_from_i64(chars + 1);
        g_dict_set_str(d, "offset", off);
        g_decref(off);
        int echars = err->end_line == err->line && err->end_col > err->col ? char_offset(g_str_data(text), err->end_col)
                                                                            : chars + 1;
        GObject *eoff = g_int_from_i64(echars + 1);
        g_dict_set_str(d, "end_offset", eoff);
        g_decref(eoff);
    } else {
        g_dict_set_str(d, "offset", G_NONE);
    }
    g_decref(text);
    return exc;
}
