/* compare.c -- gilt --compare SCRIPT: the same script with the GIL on, then off.
 *
 * Each run is a child gilt (`-X gil=1 --trace TMP SCRIPT ...`, then gil=0) whose
 * output goes to a temporary file; the parent reads both recordings into models
 * and shows, on a terminal, the two timelines one above the other on one time
 * scale (so the faster run visibly ends sooner) with the key figures side by side
 * under them.  Without a terminal it prints only the table: for docs and CI.
 *
 * Each run's last lines of output go with its figures -- a lesson's result is
 * there ("lost 0" with the GIL, "lost 44,243" without): in the table, after the
 * figures; on the screen, inside each run's box when there is room for them, or
 * else its very last line in the box's bottom border.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "trace/tracefile.h"
#include "tui/dash.h"
#include "tui/format.h"
#include "tui/panels.h"
#include "tui/screen.h"


#define LAST_LINES 3

typedef struct Run {
    bool gil;
    char trace[64], out[64];
    int status;                 /* the child's exit status */
    double wall;                /* seconds, measured here */
    GTraceData td;
    GDashModel model;
    bool have;                  /* the recording was read */
    char last[LAST_LINES][256]; /* the output's last non-empty lines, oldest first */
    int nlast;
} Run;

static const char *run_string(uint32_t id, const void *ctx)
{
    const char *s = g_tracedata_string(ctx, id);
    return s ? s : "?";
}

/* Options that the comparison sets itself are left out of the children's argv. */
static bool ours(const char *a) { return !strcmp(a, "--compare") || !strcmp(a, "--dash") || !strcmp(a, "--dash-exit") ||
                                         !strcmp(a, "--stats") || !strncmp(a, "-Xgil=", 6); }

/* The last LAST_LINES non-empty lines of the run's output file (its last 16 KiB
 * are enough), control characters shown as '?'. */
static void read_last_lines(Run *r)
{
    FILE *f = fopen(r->out, "r");
    if (!f)
        return;
    char buf[16384];
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        fseek(f, size > (long)sizeof buf - 1 ? size - (long)sizeof buf + 1 : 0, SEEK_SET);
    }
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *save = NULL;
    for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        line[strcspn(line, "\r")] = 0;
        if (!*line)
            continue;
        if (r->nlast == LAST_LINES) {
            memmove(r->last[0], r->last[1], sizeof r->last[0] * (LAST_LINES - 1));
            r->nlast--;
        }
        char *d = r->last[r->nlast++];
        snprintf(d, sizeof r->last[0], "%s", line);
        for (; *d; d++)
            if ((unsigned char)*d < 0x20 || *d == 0x7f)
                *d = '?';
    }
}

static int run_child(const char *self, int argc, char **argv, Run *r)
{
    char **av = calloc((size_t)argc + 8, sizeof *av);
    if (!av)
        return -1;
    int n = 0;
    av[n++] = (char *)self;
    av[n++] = "-X";
    av[n++] = r->gil ? "gil=1" : "gil=0";
    av[n++] = "--trace";
    av[n++] = r->trace;
    bool script_seen = false;
    for (int i = 1; i < argc; i++) {
        if (!script_seen && ours(argv[i]))
            continue;
        if (!script_seen && !strcmp(argv[i], "-X") && i + 1 < argc && !strncmp(argv[i + 1], "gil=", 4)) {
            i++;
            continue;
        }
        if (!script_seen && (!strcmp(argv[i], "--trace") || !strcmp(argv[i], "--replay")) && i + 1 < argc) {
            i++;
            continue;
        }
        if (argv[i][0] != '-' || !strcmp(argv[i], "-c"))
            script_seen = true;
        av[n++] = argv[i];
    }
    av[n] = NULL;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY), out = open(r->out, O_WRONLY | O_TRUNC);
        if (in >= 0)
            dup2(in, 0);
        if (out >= 0) {
            dup2(out, 1);
            dup2(out, 2);
        }
        unsetenv("GILT_GIL");
        execv(self, av);
        _exit(127);
    }
    free(av);
    if (pid < 0)
        return -1;
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    r->wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    read_last_lines(r);
    char err[256];
    if (g_tracefile_read(r->trace, &r->td, err, sizeof err) != 0)
        return 0;   /* the table says the run left no recording */
    uint64_t end = 0;
    for (size_t i = 0; i < r->td.nevents; i++)
        if (r->td.events[i].t > end)
            end = r->td.events[i].t;
    uint64_t ms = end / G_DASH_SLOT_NS + 2;
    g_dash_model_init(&r->model, ms > (1u << 20) ? (1u << 20) : (uint32_t)ms, r->gil, 5000000);
    g_dash_model_apply(&r->model, r->td.events, r->td.nevents);
    r->model.stats.dropped = r->td.dropped;
    r->have = true;
    return 0;
}

/* ---- the figures ---- */

typedef struct Row {
    char label[32], on[32], off[32];
} Row;

static uint64_t lock_wait(const GStats *s, uint64_t *contended)
{
    uint64_t w = 0;
    *contended = 0;
    for (size_t i = 0; i < s->locks_cap; i++)
        if (s->locks[i].id) {
            w += s->locks[i].wait_ns;
            *contended += s->locks[i].contended;
        }
    return w;
}

static uint64_t max_pause(const GStats *s)
{
    uint64_t m = 0;
    for (size_t i = 0; i < s->gc_npauses; i++)
        if (s->gc_pauses_us[i] > m)
            m = s->gc_pauses_us[i];
    return m;
}

static void cell(Run *r, int which, char *out, size_t n)
{
    if (!r->have && which > 1) {
        snprintf(out, n, "-");
        return;
    }
    GStats *s = &r->model.stats;
    char a[16], b[16];
    uint64_t cont, all = s->rc_local + s->rc_shared;
    switch (which) {
    case 0: snprintf(out, n, "%.3fs", r->wall); break;
    case 1: snprintf(out, n, "%d", r->status); break;
    case 2: snprintf(out, n, "%s", g_fmt_ns(a, sizeof a, s->gil_wait_ns)); break;
    case 3: {
        uint64_t w = lock_wait(s, &cont);
        snprintf(out, n, "%s, %s", g_fmt_count(a, sizeof a, cont), g_fmt_ns(b, sizeof b, w));
        break;
    }
    case 4: snprintf(out, n, "%s", g_fmt_percent(a, sizeof a, all ? (double)s->rc_local / (double)all : 0)); break;
    case 5: snprintf(out, n, "%s", g_fmt_count(a, sizeof a, s->rc_shared)); break;
    case 6: snprintf(out, n, "%llu", (unsigned long long)s->gc_count); break;
    case 7:
        snprintf(out, n, "%s / %s", g_fmt_ns(a, sizeof a, g_stats_gc_percentile(s, 99) * 1000),
                 g_fmt_ns(b, sizeof b, max_pause(s) * 1000));
        break;
    }
}

static int table(Run *on, Run *off, Row *rows)
{
    static const char *const labels[] = { "wall time", "exit status", "GIL wait (all threads)",
                                          "lock waits (count, time)", "refcounts local", "refcounts shared",
                                          "GC collections", "GC pause p99 / max" };
    int n = 0;
    for (int i = 0; i < 8; i++, n++) {
        snprintf(rows[n].label, sizeof rows[n].label, "%s", labels[i]);
        cell(on, i, rows[n].on, sizeof rows[n].on);
        cell(off, i, rows[n].off, sizeof rows[n].off);
        if (i == 0) {   /* the speedup right under the times */
            n++;
            snprintf(rows[n].label, sizeof rows[n].label, "speedup without the GIL");
            snprintf(rows[n].on, sizeof rows[n].on, "%s", "");
            snprintf(rows[n].off, sizeof rows[n].off, "%.2fx", off->wall > 0 ? on->wall / off->wall : 0.0);
        }
    }
    return n;
}

static void print_table(FILE *f, const char *script, Run *on, Run *off)
{
    Row rows[16];
    int n = table(on, off, rows);
    fprintf(f, "== gilt --compare: %s ==\n", script);
    fprintf(f, "%-26s %16s %16s\n", "", "GIL on", "GIL off");
    for (int i = 0; i < n; i++)
        fprintf(f, "%-26s %16s %16s\n", rows[i].label, rows[i].on, rows[i].off);
    for (Run *r = on; r; r = r == on ? off : NULL) {
        fprintf(f, "last lines of output, GIL %s:%s\n", r->gil ? "on" : "off", r->nlast ? "" : " (none)");
        for (int i = 0; i < r->nlast; i++)
            fprintf(f, "  %s\n", r->last[i]);
    }
}

/* ---- the terminal view ---- */

static void draw_run(GCanvas *c, GRect r, Run *run, uint64_t span, const char *title, bool mono)
{
    GRect in = g_canvas_box(c, r, title, false);
    if (!run->have) {
        g_canvas_text(c, in.x, in.y, in.w, G_STYLE_ERROR, "(no recording: the run failed)");
        return;
    }
    GDash d = { .model = &run->model, .str = run_string, .str_ctx = &run->td, .now = run->model.last_t };
    int ncols = in.w - G_TIMELINE_LABEL_W;
    uint64_t col_ns = (span / (uint64_t)ncols / G_DASH_SLOT_NS + 1) * G_DASH_SLOT_NS;
    const GDashThread *rows[64];
    int n = g_dash_visible_threads(&d, 0, rows, 64);
    /* the output's last lines: inside under the rows if they fit, else the last
     * one in the bottom border */
    int room = in.h - n - run->nlast;
    if (run->nlast && room >= 0) {
        for (int i = 0; i < run->nlast; i++)
            g_canvas_text(c, in.x, in.y + in.h - run->nlast + i, in.w, G_STYLE_BOLD, run->last[i]);
    } else if (run->nlast) {
        char note[300];
        snprintf(note, sizeof note, " output: %s ", run->last[run->nlast - 1]);
        g_canvas_text(c, r.x + 2, r.y + r.h - 1, r.w - 4, G_STYLE_BOLD, note);
    }
    for (int i = 0; i < n && i < in.h; i++) {
        g_timeline_label(c, in.x, in.y + i, &d, rows[i]);
        g_timeline_row(c, in.x + G_TIMELINE_LABEL_W, in.y + i, ncols, &run->model, rows[i], (uint64_t)ncols * col_ns, col_ns,
                       run->model.last_t, mono);
    }
}

static void draw_compare(GCanvas *c, const char *script, Run *on, Run *off, bool mono)
{
    g_canvas_clear(c);
    if (c->w < G_DASH_MIN_W || c->h < G_DASH_MIN_H) {
        g_canvas_printf(c, 0, 0, c->w, G_STYLE_ERROR, "terminal too small: %dx%d (needs %dx%d)", c->w, c->h,
                        G_DASH_MIN_W, G_DASH_MIN_H);
        return;
    }
    g_canvas_fill(c, (GRect){ 0, 0, c->w, 1 }, ' ', G_STYLE_HEADER);
    g_canvas_printf(c, 0, 0, c->w, G_STYLE_HEADER, "gilt --compare %s: GIL on %.2fs, off %.2fs, speedup %.2fx", script,
                    on->wall, off->wall, off->wall > 0 ? on->wall / off->wall : 0.0);
    uint64_t span = on->model.last_t > off->model.last_t ? on->model.last_t : off->model.last_t;
    Row rows[16];
    int nrows = table(on, off, rows);
    int th = (c->h - 2 - (nrows + 3)) / 2;
    char t1[96], t2[96], sp[16];
    snprintf(t1, sizeof t1, "GIL on   (whole run; 1 column = %s)", g_fmt_ns(sp, sizeof sp, (span / (uint64_t)(c->w - 2 - G_TIMELINE_LABEL_W) / G_DASH_SLOT_NS + 1) * G_DASH_SLOT_NS));
    snprintf(t2, sizeof t2, "GIL off  (same time scale)");
    draw_run(c, (GRect){ 0, 1, c->w, th }, on, span, t1, mono);
    draw_run(c, (GRect){ 0, 1 + th, c->w, th }, off, span, t2, mono);
    GRect in = g_canvas_box(c, (GRect){ 0, 1 + 2 * th, c->w, c->h - 2 - 2 * th }, "figures", false);
    g_canvas_printf(c, in.x, in.y, in.w, G_STYLE_BOLD, "%-26s %16s %16s", "", "GIL on", "GIL off");
    for (int i = 0; i < nrows && i + 1 < in.h; i++)
        g_canvas_printf(c, in.x, in.y + 1 + i, in.w, i == 1 ? G_STYLE_BOLD : G_STYLE_NORMAL, "%-26s %16s %16s",
                        rows[i].label, rows[i].on, rows[i].off);
    g_canvas_text(c, 0, c->h - 1, c->w, G_STYLE_DIM, "q quit");
}

static void show(GScreen *scr, const char *script, Run *on, Run *off, const GDashOptions *o)
{
    int w, h;
    g_screen_size(scr, &w, &h);
    GCanvas c;
    g_canvas_init(&c, w, h);
    for (;;) {
        draw_compare(&c, script, on, off, !g_screen_colour(scr));
        g_screen_show(scr, &c);
        if (o->exit_at_end)
            break;
        struct pollfd p = { 0, POLLIN, 0 };
        poll(&p, 1, 200);
        int key = g_screen_key(scr);
        if (key == 'q' || key == 'Q')
            break;
        if (key == G_KEY_RESIZE) {
            g_screen_size(scr, &w, &h);
            g_canvas_free(&c);
            g_canvas_init(&c, w, h);
        }
    }
    g_canvas_free(&c);
}

/* Show the end of a failed run's output, so the user sees why it failed. */
static void show_failure(Run *r)
{
    if (r->status == 0)
        return;
    FILE *f = fopen(r->out, "r");
    if (!f)
        return;
    fprintf(stderr, "gilt --compare: the run with the GIL %s exited with status %d; its output ends:\n",
            r->gil ? "on" : "off", r->status);
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    fputs(buf, stderr);
}

int g_dash_compare(const char *self, int argc, char **argv, const GDashOptions *o)
{
    char exe[4096];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = 0;
        self = exe;
    }
    const char *script = NULL;
    for (int i = 1; i < argc && !script; i++)
        if (argv[i][0] != '-' && (i == 1 || strcmp(argv[i - 1], "-X") != 0) && strcmp(argv[i - 1], "--trace") != 0)
            script = argv[i];
    if (!script) {
        fprintf(stderr, "gilt: --compare needs a script\n");
        return 2;
    }
    bool tty = isatty(1) && isatty(0);
    Run runs[2] = { { .gil = true }, { .gil = false } };
    int status = 0;
    for (int k = 0; k < 2; k++) {
        const char *tmp = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
        snprintf(runs[k].trace, sizeof runs[k].trace, "%.40s/gilt-cmp-XXXXXX", tmp);
        snprintf(runs[k].out, sizeof runs[k].out, "%.40s/gilt-out-XXXXXX", tmp);
        int a = mkstemp(runs[k].trace), b = mkstemp(runs[k].out);
        if (a < 0 || b < 0) {
            fprintf(stderr, "gilt: --compare: cannot make a temporary file in %s: %s\n", tmp, strerror(errno));
            return 1;
        }
        close(a);
        close(b);
        if (tty) {
            printf("gilt --compare: running %s with the GIL %s...\n", script, runs[k].gil ? "on" : "off");
            fflush(stdout);
        }
        if (run_child(self, argc, argv, &runs[k]) != 0)
            fprintf(stderr, "gilt: --compare: cannot run %s: %s\n", self, strerror(errno));
        show_failure(&runs[k]);
        if (runs[k].status)
            status = 1;
    }
    if (tty) {
        char err[256];
        GScreen *scr = g_dash_open_terminal("gilt --compare", err, sizeof err);
        if (scr) {
            show(scr, script, &runs[0], &runs[1], o);
            g_screen_close(scr);
        } else {
            fprintf(stderr, "gilt: %s; the table only:\n", err);
        }
    }
    print_table(stdout, script, &runs[0], &runs[1]);
    for (int k = 0; k < 2; k++) {
        unlink(runs[k].trace);
        unlink(runs[k].out);
        if (runs[k].have) {
            g_dash_model_free(&runs[k].model);
            g_tracefile_free(&runs[k].td);
        }
    }
    return status;
}
