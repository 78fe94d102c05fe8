/* errors.c -- the one way C code raises, tests and clears exceptions.
 *
 * The current exception lives in the thread state (cur_exc).  Raising while another
 * exception is being handled (exc_info) records that one as __context__, which is
 * how tracebacks print "During handling of the above exception, another exception
 * occurred".
 *
 * Also here: the recursion guard shared by Python calls and recursive C code.  It
 * counts depth against sys.getrecursionlimit() and checks the real C stack, so that a
 * deeply nested list's repr or a pathological program raises RecursionError instead
 * of crashing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "objects/objects.h"
#include "runtime/runtime.h"

/* ---- formatting ---- */

GObject *g_vformat(const char *fmt, va_list ap)
{
    GBuf b;
    g_buf_init(&b);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            g_buf_putc(&b, *p);
            continue;
        }
        p++;
        char spec[16] = "%";
        int sl = 1;
        while (*p && strchr("0123456789.-", *p) && sl < 10)
            spec[sl++] = *p++;
        switch (*p) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            g_buf_puts(&b, s ? s : "(null)");
            break;
        }
        case 'd':
        case 'x':
        case 'c':
            spec[sl++] = *p;
            spec[sl] = 0;
            g_buf_printf(&b, spec, va_arg(ap, int));
            break;
        case 'l':
            if (p[1] == 'l') {
                p += 2;
                spec[sl++] = 'l';
                spec[sl++] = 'l';
                spec[sl++] = *p;
                spec[sl] = 0;
                g_buf_printf(&b, spec, va_arg(ap, long long));
            } else {
                p++;
                spec[sl++] = 'l';
                spec[sl++] = *p;
                spec[sl] = 0;
                g_buf_printf(&b, spec, va_arg(ap, long));
            }
            break;
        case 'z':
            p++;
            spec[sl++] = 'z';
            spec[sl++] = *p;
            spec[sl] = 0;
            g_buf_printf(&b, spec, va_arg(ap, ssize_t));
            break;
        case 'p':
            g_buf_printf(&b, "%p", va_arg(ap, void *));
            break;
        case 'R':
        case 'S': {
            GObject *o = va_arg(ap, GObject *);
            GObject *s = *p == 'R' ? g_repr(o) : g_str(o);
            if (!s) {
                g_buf_free(&b);
                return NULL;
            }
            g_buf_put_obj(&b, s);
            g_decref(s);
            break;
        }
        case 'T':
            g_buf_puts(&b, G_TYPE(va_arg(ap, GObject *))->name);
            break;
        case 'U':
            g_buf_put_obj(&b, va_arg(ap, GObject *));
            break;
        case '%':
            g_buf_putc(&b, '%');
            break;
        default:
            g_buf_putc(&b, '%');
            if (*p)
                g_buf_putc(&b, *p);
            else
                p--;
        }
    }
    return g_buf_finish(&b);
}

GObject *g_format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    GObject *r = g_vformat(fmt, ap);
    va_end(ap);
    return r;
}

/* ---- raising ---- */

GObject *g_raise_obj(GObject *exc)
{
    GThreadState *ts = g_tstate();
    GException *e = (GException *)exc;
    if (ts->exc_info && ts->exc_info != exc && !e->context) {
        /* avoid creating a cycle in the context chain */
        GObject *c = ts->exc_info;
        bool cycle = false;
        while (c) {
            if (c == exc) {
                cycle = true;
                break;
            }
            c = ((GException *)c)->context;
        }
        if (!cycle)
            e->context = g_newref(ts->exc_info);
    }
    g_setref(&ts->cur_exc, exc);
    return NULL;
}

/* MemoryError is preallocated so that raising it never needs memory. */
static GObject *memory_error_instance(void)
{
    static GException prealloc;
    static bool ready;
    if (!ready) {
        GObject h = G_STATIC_HEADER(&GExc_MemoryError);
        memcpy(&prealloc.ob, &h, sizeof h);
        prealloc.args = g_tuple_empty();
        ready = true;
    }
    /* drop any traceback left from the previous time */
    GObject *old = prealloc.traceback;
    prealloc.traceback = NULL;
    g_xdecref(old);
    G_CLEAR(prealloc.context);
    return (GObject *)&prealloc;
}

GObject *g_no_memory(void)
{
    GThreadState *ts = g_tstate();
    g_setref(&ts->cur_exc, memory_error_instance());
    return NULL;
}

GObject *g_raise_with_value(GType *type, GObject *arg)
{
    GObject *args = arg ? g_tuple_pack(1, arg) : g_tuple_new(0);
    if (!args)
        return NULL;
    GObject *exc = g_exc_new(type, args);
    g_decref(args);
    if (!exc)
        return NULL;
    return g_raise_obj(exc);
}

GObject *g_raise(GType *type, const char *fmt, ...)
{
    GObject *msg = NULL;
    if (fmt && *fmt) {
        va_list ap;
        va_start(ap, fmt);
        msg = g_vformat(fmt, ap);
        va_end(ap);
        if (!msg)
            return NULL;
    }
    GObject *r = g_raise_with_value(type, msg);
    g_xdecref(msg);
    return r;
}

bool g_err_occurred(void) { return g_tstate()->cur_exc != NULL; }

bool g_err_matches(GType *type)
{
    GObject *e = g_tstate()->cur_exc;
    return e && g_isinstance(e, type);
}

void g_err_clear(void) { G_CLEAR(g_tstate()->cur_exc); }

GObject *g_err_fetch(void)
{
    GThreadState *ts = g_tstate();
    GObject *e = ts->cur_exc;
    ts->cur_exc = NULL;
    return e;
}

void g_err_restore(GObject *exc) { g_setref(&g_tstate()->cur_exc, exc); }

bool g_exc_matches(GObject *exc, GObject *type_or_tuple)
{
    if (g_is_tuple(type_or_tuple)) {
        for (int64_t i = 0; i < G_TUPLE_SIZE(type_or_tuple); i++)
            if (g_exc_matches(exc, G_TUPLE_ITEM(type_or_tuple, i)))
                return true;
        return false;
    }
    return g_is_type(type_or_tuple) && g_isinstance(exc, (GType *)type_or_tuple);
}

void g_err_print(void)
{
    GObject *exc = g_err_fetch();
    if (exc) {
        g_print_exception(exc);
        g_decref(exc);
    }
}

/* ---- recursion guard ---- */

int g_enter_recursion(const char *where)
{
    GThreadState *ts = g_tstate();
    if (++ts->depth > g_runtime.recursion_limit + ts->recursion_headroom || g_c_stack_low()) {
        --ts->depth;
        if (g_c_stack_low() && ts->recursion_headroom == 0)
            ts->recursion_headroom = 0;
        g_raise(&GExc_RecursionError, "maximum recursion depth exceeded%s", where);
        return -1;
    }
    return 0;
}

void g_leave_recursion(void) { g_tstate()->depth--; }

int g_repr_enter(GObject *o)
{
    GThreadState *ts = g_tstate();
    if (!ts->repr_stack) {
        ts->repr_stack = g_list_new(0);
        if (!ts->repr_stack)
            return -1;
    }
    GList *l = (GList *)ts->repr_stack;
    for (int64_t i = 0; i < l->size; i++)
        if (l->items[i] == o)
            return 1;
    return g_list_append(ts->repr_stack, o) < 0 ? -1 : 0;
}

void g_repr_leave(GObject *o)
{
    GList *l = (GList *)g_tstate()->repr_stack;
    for (int64_t i = l->size - 1; i >= 0; i--)
        if (l->items[i] == o) {
            memmove(l->items + i, l->items + i + 1, (size_t)(l->size - i - 1) * sizeof(GObject *));
            l->size--;
            g_decref(o);
            return;
        }
}
