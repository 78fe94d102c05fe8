/* replay.c -- gilt --dash --replay FILE: a --trace recording played on the
 * dashboard, at the speed it was recorded.
 *
 * The recording's events are sorted by time and fed to a model as the replay
 * clock passes them.  Space pauses the clock; the left and right arrows step it
 * back and forward by one frame (a step back rebuilds the model from the start,
 * which takes milliseconds even for a million events).  The output panel stays
 * empty: a recording holds events, not what the script printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <poll.h>

#include "trace/tracefile.h"
#include "tui/dash.h"
#include "tui/format.h"
#include "tui/panels.h"
#include "tui/screen.h"

static uint64_t mono_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static int by_time(const void *a, const void *b)
{
    const GEvent *x = a, *y = b;
    return x->t < y->t ? -1 : x->t > y->t;
}

static const char *file_string(uint32_t id, const void *ctx)
{
    const char *s = g_tracedata_string(ctx, id);
    return s ? s : "?";
}

typedef struct Replay {
    GTraceData td;
    GDashModel model;
    size_t fed;                 /* events fed so far */
    uint64_t t, end;            /* the replay clock; the recording's last event */
    uint32_t nslots;
} Replay;

static void rebuild(Replay *r)
{
    g_dash_model_free(&r->model);
    g_dash_model_init(&r->model, r->nslots, (r->td.flags & 1) != 0, 5000000);
    r->fed = 0;
    r->t = 0;
}

static void advance(Replay *r, uint64_t to)
{
    if (to < r->t)
        rebuild(r);
    size_t i = r->fed;
    while (i < r->td.nevents && r->td.events[i].t <= to)
        i++;
    g_dash_model_apply(&r->model, r->td.events + r->fed, i - r->fed);
    r->fed = i;
    r->t = to > r->end ? r->end : to;
    r->model.stats.dropped = r->td.dropped;
}

/* A terminal that can show the dashboard, or a message why not (shared with
 * compare.c). */
GScreen *g_dash_open_terminal(const char *what, char *err, size_t errlen)
{
    if (!isatty(1) || !isatty(0)) {
        snprintf(err, errlen, "%s needs a terminal, and standard %s is not one", what, isatty(1) ? "input" : "output");
        return NULL;
    }
    GScreen *s = g_screen_open(0, 1, false, err, errlen);
    if (!s)
        return NULL;
    int w, h;
    g_screen_size(s, &w, &h);
    if (w < G_DASH_MIN_W || h < G_DASH_MIN_H) {
        g_screen_close(s);
        snprintf(err, errlen, "the terminal is too small: %dx%d; %s needs at least %dx%d", w, h, what, G_DASH_MIN_W,
                 G_DASH_MIN_H);
        return NULL;
    }
    return s;
}

int g_dash_replay(const char *path, const GDashOptions *o)
{
    Replay r;
    memset(&r, 0, sizeof r);
    char err[512];
    if (g_tracefile_read(path, &r.td, err, sizeof err) != 0) {
        fprintf(stderr, "gilt: --replay: %s\n", err);
        return 2;
    }
    qsort(r.td.events, r.td.nevents, sizeof *r.td.events, by_time);
    r.end = r.td.nevents ? r.td.events[r.td.nevents - 1].t : 0;
    uint64_t ms = r.end / G_DASH_SLOT_NS + 2;
    r.nslots = ms > (1u << 20) ? (1u << 20) : (uint32_t)ms;
    GScreen *scr = g_dash_open_terminal("gilt --dash --replay", err, sizeof err);
    if (!scr) {
        fprintf(stderr, "gilt: %s\n", err);
        g_tracefile_free(&r.td);
        return 2;
    }
    rebuild(&r);
    const char *slash = strrchr(path, '/');
    char title[256];
    snprintf(title, sizeof title, "replay of %s", slash ? slash + 1 : path);
    GDash d = { .model = &r.model, .out_note = "(a recording holds events, not the script's output)",
                .str = file_string, .str_ctx = &r.td, .title = title,
                .mode = G_MODE_REPLAY, .mono = !g_screen_colour(scr) };
    d.view.zoom = G_ZOOM_DEFAULT;
    int w, h;
    g_screen_size(scr, &w, &h);
    GCanvas c;
    g_canvas_init(&c, w, h);
    uint64_t frame = 1000000000ull / (uint64_t)(o->hz > 0 ? o->hz : 10);
    uint64_t last = mono_ns();
    char status[96];
    bool quit = false;
    while (!quit) {
        struct pollfd p = { 0, POLLIN, 0 };
        poll(&p, 1, (int)(frame / 1000000));
        uint64_t now = mono_ns();
        if (!d.view.paused)
            advance(&r, r.t + (now - last));
        last = now;
        int key;
        while ((key = g_screen_key(scr)) != G_KEY_NONE) {
            GAction act;
            g_dash_key(&d, key, &act);
            switch (act) {
            case G_ACT_QUIT: quit = true; break;
            case G_ACT_PAUSE: d.view.paused = !d.view.paused; break;
            case G_ACT_STEP_FORWARD:
                d.view.paused = true;
                advance(&r, r.t + frame);
                break;
            case G_ACT_STEP_BACK:
                d.view.paused = true;
                advance(&r, r.t > frame ? r.t - frame : 0);
                break;
            case G_ACT_RESIZE:
                g_screen_size(scr, &w, &h);
                g_canvas_free(&c);
                g_canvas_init(&c, w, h);
                break;
            case G_ACT_REPAINT: g_screen_redraw(scr); break;
            default: break;
            }
        }
        bool done = r.t >= r.end;
        char at[32], total[32];
        snprintf(status, sizeof status, "%s %s / %s", done ? "replay finished" : d.view.paused ? "paused at" : "replaying",
                 g_fmt_ns(at, sizeof at, r.t), g_fmt_ns(total, sizeof total, r.end));
        d.status = status;
        d.now = r.t;
        d.gil_on = r.model.gil_on;
        d.switch_interval_ns = r.model.switch_interval_ns;
        bool was_paused = d.view.paused;
        d.view.paused = false;   /* the footer shows the replay's own status */
        g_dash_draw(&c, &d);
        d.view.paused = was_paused;
        g_screen_show(scr, &c);
        if (done && o->exit_at_end)
            break;
    }
    g_screen_close(scr);
    g_canvas_free(&c);
    g_dash_free_sources(&d);
    printf("replayed %s: %s of %s, %zu events\n", path, g_fmt_ns(status, 32, r.t),
           g_fmt_ns(status + 32, 32, r.end), r.fed);
    g_dash_model_free(&r.model);
    g_tracefile_free(&r.td);
    return 0;
}
