/* race.c -- the race detector's hooks and reports (race.h).
 *
 * Each hook turns an instruction's operands into a shadow location -- a container
 * and a 64-bit key -- and asks the core (runtime/race.c) whether the access races.
 * The key:
 *
 *   | value (62 bits)                              | kind (2) |
 *     a str's hash               KIND_STR    a global's or attribute's name, a str dict key
 *     an int's value or hash     KIND_INT    a list index, an int dict key
 *     0                          KIND_WHOLE  the whole list or dict (its length, its order)
 *     0                          KIND_CELL   a closure cell's contents
 *
 * Two different strings with the same 64-bit hash would share a cell: a false
 * report with odds of about 2^-62 per pair, accepted.
 *
 * A report is formatted into memory and written to stderr with one call, so two
 * threads' reports do not interleave, and only after the shadow lock is released
 * (the core returns the conflict).  Its words describe the location through the
 * current access's objects, which are alive now.
 */
#include "vm/race.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/runtime.h"
#include "runtime/sched.h"
#include "vm/frame.h"
#include "vm/schedule.h"
#include "vm/step.h"
#include "vm/vm.h"

enum { KIND_STR = 0, KIND_INT = 1, KIND_WHOLE = 2, KIND_CELL = 3 };

static const char *script_name = "FILE";   /* main thread, before the program runs */

static uint64_t make_key(uint64_t value, int kind) { return value << 2 | (uint64_t)kind; }

/* ====================================================================================
 * Sites
 * ==================================================================================== */

/* The current thread's user frames, innermost first.  Code that can be freed (made
 * by exec or eval) is kept as NULL: a report may come long after. */
static void capture_site(GRaceSite *out)
{
    GThreadState *ts = g_tstate_current;
    out->n = 0;
    for (GFrame *f = ts ? ts->frame : NULL; f && out->n < G_RACE_FRAMES; f = f->back) {
        GCode *co = f->code;
        if (co->flags & G_CO_GILT)
            continue;
        bool lasting = g_is_immortal((GObject *)co) || g_is_deferred((GObject *)co);
        out->f[out->n].code = lasting ? co : NULL;
        out->f[out->n].line = g_code_line_at(co, f->lasti);
        out->n++;
    }
}

static void write_site(FILE *out, const GRaceSite *s)
{
    if (s->n == 0)
        fprintf(out, "  (gilt's own code)\n");
    for (int i = 0; i < s->n; i++) {
        const GCode *co = s->f[i].code;
        if (co)
            fprintf(out, "  %s:%d %s\n", g_str_data(co->filename), s->f[i].line, g_str_data(co->name));
        else
            fprintf(out, "  <exec'd code>:%d\n", s->f[i].line);
    }
}

/* ====================================================================================
 * Reports
 * ==================================================================================== */

static void write_thread(FILE *out, uint32_t tid)
{
    char name[64];
    GRaceSite created;
    if (!g_race_thread_info(tid, name, sizeof name, &created))
        return;
    if (created.n == 0) {
        fprintf(out, "Thread T%u (%s) is the main thread.\n", tid, name);
        return;
    }
    fprintf(out, "Thread T%u (%s) (created at):\n", tid, name);
    write_site(out, &created);
}

/* The controlled run's steps so far, and the command that replays them. */
static void write_schedule(FILE *out)
{
    const GSchedule *taken = g_step_taken();
    if (!taken || !g_step_config()->record)
        return;
    char *steps = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&steps, &len);
    if (!m)
        return;
    g_schedule_write_steps(taken, m, 1 << 30);
    fclose(m);
    while (len > 0 && (steps[len - 1] == '\n' || steps[len - 1] == ' '))
        steps[--len] = 0;
    fprintf(out, "\nThe race happened at step %zu of a controlled run.  To reproduce it:\n", taken->nsteps);
    fprintf(out, "  gilt --race%s%s --schedule '%s' %s\n",
            atomic_load(&g_runtime.gil_enabled) ? " -X gil=1" : "",
            g_step_config()->grain == G_GRAIN_LINE ? " --grain line" : "", steps, script_name);
    free(steps);
}

static void report(const GRaceConflict *c, const char *what)
{
    if (!g_race_first_report(&c->prev, &c->cur))
        return;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        return;
    char cur_name[64] = "", prev_name[64] = "";
    GRaceSite ignored;
    g_race_thread_info(c->cur_tid, cur_name, sizeof cur_name, &ignored);
    g_race_thread_info(c->prev_tid, prev_name, sizeof prev_name, &ignored);
    fprintf(out, "==================\nWARNING: DATA RACE (%s/%s conflict on %s)\n",
            c->cur_write ? "write" : "read", c->prev_write ? "write" : "read", what);
    fprintf(out, "%s at %s by thread T%u (%s):\n", c->cur_write ? "Write" : "Read", what, c->cur_tid, cur_name);
    write_site(out, &c->cur);
    fprintf(out, "\nPrevious %s at %s by thread T%u (%s):\n", c->prev_write ? "write" : "read", what,
            c->prev_tid, prev_name);
    write_site(out, &c->prev);
    fputc('\n', out);
    write_thread(out, c->cur_tid);
    if (c->prev_tid != c->cur_tid) {
        fputc('\n', out);
        write_thread(out, c->prev_tid);
    }
    if (g_sched_controlled())
        write_schedule(out);
    fputs("==================\n", out);
    fclose(out);
    fflush(stdout);
    fputs(text, stderr);
    fflush(stderr);
    free(text);
}

/* A short repr of a key for the report ("'x'", "3"); never runs user code. */
static void key_text(GObject *key, char *buf, size_t n)
{
    if (g_is_str(key)) {
        snprintf(buf, n, "'%.40s'", g_str_data(key));
    } else if (g_is_int(key)) {
        int64_t v;
        if (g_int_as_i64(key, &v))
            snprintf(buf, n, "%lld", (long long)v);
        else
            snprintf(buf, n, "(a big int)");
    } else {
        snprintf(buf, n, "(a %s)", G_TYPE(key)->name);
    }
}

static GRaceHow how_of(bool write) { return write ? G_RACE_WRITE : G_RACE_READ; }

static void access(const void *obj, uint64_t key, GRaceHow how, const char *fmt, const char *a, const char *b)
{
    GRaceConflict c;
    if (!g_race_access(obj, key, how, &c))
        return;
    char what[200];
    snprintf(what, sizeof what, fmt, a, b);
    report(&c, what);
}

/* ====================================================================================
 * The hooks
 * ==================================================================================== */

void g_race_name(GObject *dict, GObject *name, bool write)
{
    access(dict, make_key((uint64_t)g_str_hash(name), KIND_STR), how_of(write), "%s '%s'",
           dict == g_current_globals() ? "global" : "name", g_str_data(name));
}

/* "a Counter", "an Account": the type's name with its article, into buf. */
static const char *with_article(const char *name, char *buf, size_t size)
{
    snprintf(buf, size, "%s %s", strchr("AEIOUaeiou", name[0]) && name[0] ? "an" : "a", name);
    return buf;
}

void g_race_attr(GObject *o, GObject *name, bool write)
{
    char t[96];
    access(o, make_key((uint64_t)g_str_hash(name), KIND_STR), how_of(write), "attribute '%s' of %s object",
           g_str_data(name), with_article(G_TYPE(o)->name, t, sizeof t));
}

/* A class's own attribute (Counter.n): a location of the class, as an instance's
 * attribute is of the instance.  Methods and other functions are not data. */
static void class_attr(GObject *o, GObject *name, bool write)
{
    GType *t = (GType *)o;
    if (!t->dict || !g_is_dict(t->dict))
        return;
    if (!write) {
        GObject *v = g_dict_get_interned(t->dict, name);
        if (!v || G_TYPE(v) == &GFunction_type || G_TYPE(v)->tp_descr_get)
            return;
    }
    access(o, make_key((uint64_t)g_str_hash(name), KIND_STR), how_of(write), "attribute '%s' of class %s",
           g_str_data(name), t->name);
}

void g_race_attr_load(GObject *o, GObject *name)
{
    if (G_TYPE(o) == &GType_type) {
        class_attr(o, name, false);
        return;
    }
    GObject **dp = g_instance_dict_ptr(o);
    if (dp && *dp && g_is_dict(*dp) && g_dict_get_interned(*dp, name))
        g_race_attr(o, name, false);
}

/* Only a plain store into the instance's __dict__: not a property's setter or a
 * __setattr__, which are code of their own (and may take a lock first). */
void g_race_attr_store(GObject *o, GObject *name)
{
    GType *t = G_TYPE(o);
    if (t == &GType_type) {
        class_attr(o, name, true);
        return;
    }
    if (!g_instance_dict_ptr(o) || t->tp_setattr != g_generic_setattr)
        return;
    GObject *d = g_type_lookup(t, name);
    if (d && G_TYPE(d)->tp_descr_set)
        return;
    g_race_attr(o, name, true);
}

/* The key of d[k] or lst[i]; false if the detector does not follow this key. */
static bool item_key(GObject *o, GObject *key, uint64_t *out)
{
    if (g_is_list(o)) {
        int64_t i;
        if (!g_is_int(key) || !g_int_as_i64(key, &i) || i < 0)
            return false;   /* negative indexes are not followed (race.h) */
        *out = make_key((uint64_t)i, KIND_INT);
        return true;
    }
    if (g_is_str(key)) {
        *out = make_key((uint64_t)g_str_hash(key), KIND_STR);
        return true;
    }
    if (g_is_int(key)) {
        int64_t h = g_hash(key);   /* an int's hash never runs user code */
        *out = make_key((uint64_t)h, KIND_INT);
        return true;
    }
    return false;
}

static void whole(GObject *o, GRaceHow how)
{
    if (!g_is_list(o) && !g_is_dict(o))
        return;
    char t[96];
    access(o, make_key(0, KIND_WHOLE), how, "the contents of %s%s", with_article(G_TYPE(o)->name, t, sizeof t),
           how == G_RACE_READ ? " (its length, its items in order)" : "");
}

static void item(GObject *o, GObject *key, GRaceHow how)
{
    if (!g_is_list(o) && !g_is_dict(o))
        return;
    if (G_TYPE(key) == &GSlice_type) {
        whole(o, how);
        return;
    }
    uint64_t k;
    if (!item_key(o, key, &k))
        return;
    char kt[64];
    key_text(key, kt, sizeof kt);
    char t[96];
    access(o, k, how, g_is_list(o) ? "item [%s] of %s" : "key %s of %s", kt, with_article(G_TYPE(o)->name, t, sizeof t));
    /* a store changes the contents too: it races with an unordered len(), loop or
     * `in`, but not with a store to another key (an atomic write of the whole) */
    if (how != G_RACE_READ)
        whole(o, G_RACE_ATOMIC);
}

void g_race_item(GObject *o, GObject *key, bool write) { item(o, key, how_of(write)); }

void g_race_del_item(GObject *o, GObject *key)
{
    if (g_is_list(o))
        g_race_whole(o, true);   /* the items after it move */
    else
        g_race_item(o, key, true);
}

void g_race_whole(GObject *o, bool write) { whole(o, how_of(write)); }

/* `k in d` reads d's key k; `x in lst` reads the whole list. */
void g_race_contains(GObject *o, GObject *key)
{
    uint64_t k;
    if (g_is_dict(o) && item_key(o, key, &k))
        item(o, key, G_RACE_READ);
    else
        whole(o, G_RACE_READ);
}

/* Only writes: a read of a closure variable is not followed (race.h). */
void g_race_cell(GObject *cell, GCode *co, int arg, bool write)
{
    if (!write)
        return;
    GObject *name = arg < co->ncells ? G_TUPLE_ITEM(co->cellvars, arg) : G_TUPLE_ITEM(co->freevars, arg - co->ncells);
    access(cell, make_key(0, KIND_CELL), G_RACE_WRITE, "closure variable '%s'%s", g_str_data(name), "");
}

static bool name_in(const char *name, const char *const *set)
{
    for (; *set; set++)
        if (strcmp(name, *set) == 0)
            return true;
    return false;
}

void g_race_method(GObject *descr, GObject *self, GObject *const *args, size_t nargs)
{
    /* the mutating methods are atomic writes (race.h): they race with plain reads
     * and writes of the list, not with each other */
    static const char *const list_writes[] = { "append", "extend", "insert", "remove", "pop", "clear",
                                               "sort", "reverse", NULL };
    static const char *const list_reads[] = { "index", "count", "copy", "__len__", "__iter__", NULL };
    static const char *const dict_key_writes[] = { "pop", "setdefault", NULL };
    static const char *const dict_whole_writes[] = { "popitem", "clear", "update", NULL };
    static const char *const dict_whole_reads[] = { "keys", "values", "items", "copy", "__len__", "__iter__", NULL };
    const char *m = ((GMethodDescr *)descr)->def->name;
    if (g_is_list(self)) {
        if (name_in(m, list_writes))
            whole(self, G_RACE_ATOMIC);
        else if (name_in(m, list_reads))
            g_race_whole(self, false);
    } else if (g_is_dict(self)) {
        if (nargs >= 1 && name_in(m, dict_key_writes))
            item(self, args[0], G_RACE_ATOMIC);
        else if (nargs >= 1 && strcmp(m, "get") == 0)
            g_race_item(self, args[0], false);
        else if (name_in(m, dict_whole_writes))
            whole(self, G_RACE_ATOMIC);
        else if (name_in(m, dict_whole_reads))
            g_race_whole(self, false);
    }
}

void g_race_call(GObject *fn, GObject *const *args, size_t nargs)
{
    if (nargs == 1 && G_TYPE(fn) == &GCFunction_type && strcmp(((GCFunction *)fn)->def->name, "len") == 0 &&
        ((GCFunction *)fn)->self == g_runtime.builtins_module)
        g_race_whole(args[0], false);
}

/* ====================================================================================
 * On and off
 * ==================================================================================== */

void g_race_thread_prepare(GThreadState *ts)
{
    /* for good, as a controlled scheduler does (runtime/sched.c): user code runs in
     * the stepped loop, where the hooks are.  Set before the thread runs. */
    atomic_fetch_or(&ts->eval_breaker, G_BREAK_STEP);
}

void g_race_start(const char *script)
{
    if (script)
        script_name = script;
    g_race_begin(capture_site);
    g_race_thread_prepare(g_tstate_current);
}

int g_race_finish(int status)
{
    if (!g_race_on())
        return status;
    uint64_t n = g_race_count();
    if (n == 0)
        return status;
    fflush(stdout);
    fprintf(stderr, "gilt --race: found %llu data race%s\n", (unsigned long long)n, n == 1 ? "" : "s");
    return status == 0 ? 66 : status;
}
