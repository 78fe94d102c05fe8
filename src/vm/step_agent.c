/* step_agent.c -- the stepper's child side: snapshots out, commands in
 * (step_agent.h has the protocol).
 *
 * Everything here runs on the baton holder, at a decision, with every other thread
 * parked: so it may read their frames.  It runs Python (reprs of watched values and
 * of values on a thread's stack) with scheduling points off, and it detaches while
 * it waits for the person, as any blocking wait must.
 */
#include "vm/step_agent.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compile/compiler.h"
#include "compile/opcodes.h"
#include "objects/objects.h"
#include "runtime/runtime.h"
#include "vm/frame.h"
#include "vm/step.h"
#include "vm/vm.h"

static struct {
    int in, out;
    const char *program;
    const GExercise *ex;
    bool goal_reached;
    char goal_what[300];
    char message[600];     /* said once, in the next snapshot */
    char inbuf[4096];      /* commands read but not yet used */
    size_t inlen;
} A;

bool g_step_agent_init(const char *fds, const char *program, const GExercise *ex)
{
    char *end;
    long in = strtol(fds, &end, 10);
    if (end == fds || *end != ',')
        return false;
    const char *p = end + 1;
    long out = strtol(p, &end, 10);
    if (end == p || *end || in < 0 || out < 0)
        return false;
    A.in = (int)in;
    A.out = (int)out;
    A.program = program;
    A.ex = ex;
    return true;
}

/* ---- building a snapshot ---- */

typedef struct { char *data; size_t len, cap; } Out;

static void out_raw(Out *o, const char *s, size_t n)
{
    if (o->len + n + 1 > o->cap) {
        size_t cap = (o->cap ? o->cap : 4096);
        while (cap < o->len + n + 1)
            cap *= 2;
        char *d = realloc(o->data, cap);
        if (!d)
            abort();
        o->data = d;
        o->cap = cap;
    }
    memcpy(o->data + o->len, s, n);
    o->len += n;
}

/* One field: tabs and newlines become spaces, and it is cut to the protocol's limit. */
static void out_field(Out *o, const char *s)
{
    out_raw(o, "\t", 1);
    size_t n = strlen(s);
    if (n > G_STEP_PROTOCOL_FIELD)
        n = G_STEP_PROTOCOL_FIELD;
    for (size_t i = 0; i < n; i++) {
        char c = s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i];
        out_raw(o, &c, 1);
    }
}

static void out_line(Out *o, const char *tag, int nfields, ...)
{
    out_raw(o, tag, strlen(tag));
    va_list ap;
    va_start(ap, nfields);
    for (int i = 0; i < nfields; i++)
        out_field(o, va_arg(ap, const char *));
    va_end(ap);
    out_raw(o, "\n", 1);
}

/* repr(v), cut, with points off; "?" if it raised */
static void repr_into(GObject *v, char *buf, size_t n)
{
    if (!v) {   /* an empty slot (LOAD_METHOD's fallback leaves one) */
        snprintf(buf, n, "-");
        return;
    }
    g_step_quiet_begin();
    GObject *r = g_repr(v);
    g_step_quiet_end();
    if (!r) {
        g_err_clear();
        snprintf(buf, n, "?");
        return;
    }
    const char *t = g_str_data(r);
    if (strlen(t) > 60)
        snprintf(buf, n, "%.57s...", t);
    else
        snprintf(buf, n, "%s", t);
    g_decref(r);
}

/* What a thread parked at a point holds on its value stack: "loaded count = 5" when
 * the instruction before loaded a name, then the top few values. */
static void stack_text(GSchedThread *st, char *buf, size_t n)
{
    buf[0] = 0;
    GFrame *f = st->frame;
    if (!f || !st->at_point)
        return;
    GObject **base = g_frame_stack(f), **sp = f->sp;
    while (sp > base && !sp[-1])
        sp--;   /* skip empty slots */
    if (sp <= base)
        return;
    char top[80];
    repr_into(sp[-1], top, sizeof top);
    GCode *co = f->code;
    int prev = st->ip - 1;
    if (prev >= 0) {
        uint32_t w = g_code_word(co, prev);
        int op = (int)G_OP(w);
        const char *name = NULL;
        if (op == OP_LOAD_GLOBAL || op == OP_LOAD_NAME || op == OP_LOAD_ATTR)
            name = g_str_data(G_TUPLE_ITEM(co->names, G_ARG(w)));
        else if (op == OP_LOAD_FAST)
            name = g_str_data(G_TUPLE_ITEM(co->varnames, G_ARG(w)));
        if (name) {
            snprintf(buf, n, "has loaded %s = %s", name, top);
            return;
        }
    }
    size_t depth = (size_t)(sp - base);
    if (depth == 1) {
        snprintf(buf, n, "stack: %s", top);
        return;
    }
    if (!sp[-2]) {
        snprintf(buf, n, "stack: %s", top);
        return;
    }
    char second[80];
    repr_into(sp[-2], second, sizeof second);
    snprintf(buf, n, "stack: %s%s, %s", depth > 2 ? "..., " : "", second, top);
}

static const char *state_name(GSchedState s)
{
    switch (s) {
    case G_SCHED_STARTING: return "starting";
    case G_SCHED_READY: return "ready";
    case G_SCHED_BLOCKED: return "blocked";
    case G_SCHED_FINISHED: return "finished";
    }
    return "?";
}

static void thread_line(Out *o, int no, const int *ready, int nready)
{
    GSchedThread *st = g_sched_thread(no);
    bool pickable = false;
    for (int i = 0; i < nready; i++)
        pickable |= ready[i] == no;
    char sno[16], name[80], file[200] = "", line[16] = "", instr[120] = "", status[240], stack[200] = "";
    snprintf(sno, sizeof sno, "%d", no);
    if (st->state == G_SCHED_FINISHED)
        snprintf(name, sizeof name, "%s", st->name[0] ? st->name : no == 0 ? "MainThread" : "Thread");
    else {
        g_threads_lock();   /* names are written under threads_mu */
        snprintf(name, sizeof name, "%s", st->ts->name[0] ? st->ts->name : no == 0 ? "MainThread" : "Thread");
        g_threads_unlock();
    }
    GFrame *f = st->state == G_SCHED_FINISHED ? NULL : st->frame;
    if (f) {
        snprintf(file, sizeof file, "%s", g_str_data(f->code->filename));
        snprintf(line, sizeof line, "%d", st->line);
        g_dis_instruction(f->code, st->ip, instr, sizeof instr);
        stack_text(st, stack, sizeof stack);
    }
    g_step_thread_status(no, status, sizeof status);
    out_line(o, "T", 10, sno, state_name(st->state), pickable ? "1" : "0", name, file, line, instr, status, stack,
             st->expand ? "1" : "0");
}

static void watch_lines(Out *o)
{
    if (A.ex && A.ex->nwatch > 0) {
        for (int i = 0; i < A.ex->nwatch; i++) {
            bool ok;
            GObject *r = g_exercise_eval_repr(A.ex->watch[i], &ok);
            char v[80];
            if (!ok && r && strncmp(g_str_data(r), "NameError", 9) == 0)
                snprintf(v, sizeof v, "(not defined yet)");
            else
                snprintf(v, sizeof v, "%s", r ? g_str_data(r) : "?");
            if (strlen(v) > 60)
                strcpy(v + 57, "...");
            g_xdecref(r);
            out_line(o, "W", 2, A.ex->watch[i], v);
        }
        return;
    }
    /* no watch list: the module's own variables (not modules, functions or classes) */
    GObject *main = g_dict_get_str(g_runtime.modules, "__main__");
    if (!main)
        return;
    GObject *d = g_module_dict(main), *k, *v;
    int64_t pos = 0;
    int shown = 0;
    while (shown < 12 && g_dict_next(d, &pos, &k, &v)) {
        if (!g_is_str(k) || g_str_data(k)[0] == '_' || g_is_type(v) || G_TYPE(v) == &GModule_type ||
            G_TYPE(v) == &GFunction_type || g_callable(v))
            continue;
        char r[80];
        repr_into(v, r, sizeof r);
        out_line(o, "W", 2, g_str_data(k), r);
        shown++;
    }
}

static void schedule_line(Out *o)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        return;
    g_schedule_write_steps(g_step_taken(), m, 1 << 30);
    fclose(m);
    while (len > 0 && buf[len - 1] == '\n')
        buf[--len] = 0;
    /* the end matters most: keep the last part of a long schedule */
    const char *s = len > 300 ? buf + len - 300 : buf;
    char field[320];
    snprintf(field, sizeof field, "%s%s", len > 300 ? "..." : "", s);
    out_line(o, "R", 1, field);
    free(buf);
}

static void send_snapshot(const int *ready, int nready, const char *end_kind, const char *end_detail)
{
    fflush(stdout);
    fflush(stderr);
    Out o = { 0 };
    char step[32], nthreads[16], clock[32];
    snprintf(step, sizeof step, "%llu", (unsigned long long)g_sched_steps() + (end_kind ? 0 : 1));
    snprintf(nthreads, sizeof nthreads, "%d", g_sched_nthreads());
    snprintf(clock, sizeof clock, "%lld", (long long)g_sched_now_ns());
    out_line(&o, "S", 4, step, g_step_config()->grain == G_GRAIN_LINE ? "line" : "op", nthreads, clock);
    if (A.ex && A.ex->goal != G_GOAL_NONE) {
        char goal[300];
        g_exercise_goal_text(A.ex, goal, sizeof goal);
        out_line(&o, "G", 1, goal);
    }
    for (int i = 0; i < g_sched_nthreads(); i++)
        thread_line(&o, i, ready, nready);
    watch_lines(&o);
    schedule_line(&o);
    if (A.message[0]) {
        out_line(&o, "M", 1, A.message);
        A.message[0] = 0;
    }
    if (A.goal_reached)
        out_line(&o, "X", 2, "goal", A.goal_what);
    if (end_kind)
        out_line(&o, "X", 2, end_kind, end_detail ? end_detail : "");
    out_line(&o, "E", 0);
    for (size_t off = 0; off < o.len;) {
        ssize_t w = write(A.out, o.data + off, o.len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            _exit(1);   /* the stepper has gone */
        off += (size_t)w;
    }
    free(o.data);
}

/* The next command line (without its newline), waiting detached.  EOF: the stepper
 * has gone, and so do we. */
static void read_command(char *cmd, size_t n)
{
    GThreadState *ts = g_tstate_current;
    for (;;) {
        char *nl = memchr(A.inbuf, '\n', A.inlen);
        if (nl) {
            size_t len = (size_t)(nl - A.inbuf);
            snprintf(cmd, n, "%.*s", (int)(len < n - 1 ? len : n - 1), A.inbuf);
            memmove(A.inbuf, nl + 1, A.inlen - len - 1);
            A.inlen -= len + 1;
            return;
        }
        if (A.inlen == sizeof A.inbuf)
            A.inlen = 0;   /* an absurd line: drop it */
        g_threadstate_detach(ts);
        ssize_t r = read(A.in, A.inbuf + A.inlen, sizeof A.inbuf - A.inlen);
        g_threadstate_attach(ts);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            _exit(1);
        A.inlen += (size_t)r;
    }
}

static void write_schedule(const char *path)
{
    char err[400];
    if (g_schedule_save(path, g_step_taken(), g_step_config()->grain, A.program, err, sizeof err))
        snprintf(A.message, sizeof A.message, "schedule written to %s", path);
    else
        snprintf(A.message, sizeof A.message, "%s", err);
}

int g_step_agent_ask(const int *ready, int n, uint64_t step)
{
    (void)step;
    for (;;) {
        send_snapshot(ready, n, NULL, NULL);
        char cmd[1200];
        read_command(cmd, sizeof cmd);
        if (cmd[0] == 'p' && cmd[1] == ' ') {
            int no = atoi(cmd + 2);
            for (int i = 0; i < n; i++)
                if (ready[i] == no)
                    return no;
            char status[240];
            g_step_thread_status(no, status, sizeof status);
            snprintf(A.message, sizeof A.message, no >= 0 && no < g_sched_nthreads() ? "T%d cannot run: %s"
                                                                                        : "there is no T%d%s",
                     no, no >= 0 && no < g_sched_nthreads() ? status : "");
        } else if (cmd[0] == 'e' && cmd[1] == ' ') {
            int no = atoi(cmd + 2);
            GSchedThread *st = g_sched_thread(no);
            if (g_step_config()->grain != G_GRAIN_LINE)
                snprintf(A.message, sizeof A.message, "already stepping by instruction (grain op)");
            else if (!st || st->state == G_SCHED_FINISHED)
                snprintf(A.message, sizeof A.message, "T%d has no line to expand", no);
            else
                g_step_expand(no, !st->expand);
        } else if (strcmp(cmd, "s") == 0) {
            return -1;
        } else if (cmd[0] == 'w' && cmd[1] == ' ') {
            write_schedule(cmd + 2);
        } else if (strcmp(cmd, "q") == 0) {
            fflush(stdout);
            _exit(0);
        } else {
            snprintf(A.message, sizeof A.message, "unknown command '%.40s'", cmd);
        }
    }
}

void g_step_agent_goal(uint64_t step, const char *what)
{
    if (A.goal_reached)
        return;
    A.goal_reached = true;
    snprintf(A.goal_what, sizeof A.goal_what, "at step %llu: %s", (unsigned long long)step, what);
}

void g_step_agent_finish(const char *kind, const char *detail)
{
    /* where the caller stands now: the frame of its last point may have returned
     * (the main module has, when the program is done) */
    GThreadState *self = g_tstate_current;
    if (self && self->sched)
        g_step_where(self);
    for (;;) {
        send_snapshot(NULL, 0, kind, detail);
        char cmd[1200];
        read_command(cmd, sizeof cmd);
        if (cmd[0] == 'w' && cmd[1] == ' ')
            write_schedule(cmd + 2);
        else if (strcmp(cmd, "q") == 0) {
            fflush(stdout);
            _exit(0);
        } else
            snprintf(A.message, sizeof A.message, "the run has ended: only w (write) and q (quit) are left");
    }
}
