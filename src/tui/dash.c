/* dash.c -- gilt --dash: the live dashboard (dash.h).
 *
 * Three threads take part:
 *
 *     main thread     runs the script, as without the dashboard
 *     trace collector drains the rings every 5 ms (trace.c); its listener feeds
 *                     the model here (model.h), under the drain's lock
 *     drawing thread  (ui_main) runs no Python: 10 times a second it takes the
 *                     drain's lock, draws the panels into a canvas, lets go, and
 *                     copies the canvas to the terminal; between frames it reads
 *                     keys and the script's output
 *
 * The script's stdout and stderr are pipes that the drawing thread reads into the
 * output panel (outbuf.h), so nothing the script prints reaches the terminal
 * directly; its stdin is /dev/null, so it cannot steal the keys.  The terminal
 * itself is reached through duplicates of the original descriptors.
 *
 * The drawing thread changes the program only through runtime/control.h: g
 * switches the GIL, + and - the switch interval, q interrupts the script.
 *
 *     running --(script ends)--> final screen --(q)--> closed, output printed
 *        |  |                                                 ^  ^
 *        |  +--(q: the script stopped, screen closed at once)----+  |
 *        +--(deadlock)--> DEADLOCK banner --(q)--> closed, report printed, exit 1
 *
 * A deadlock is found by the runtime's watcher (runtime/deadlock.c), which stops
 * the world, prints the report (to our stderr pipe) and calls before_fatal_exit
 * before it _exits.  The world stays stopped, so the trace collector may be
 * blocked for good -- holding the drain's lock, for all we know.  The drawing
 * thread therefore never takes that lock again: it keeps the last frame it drew
 * and lays the report over it, until q.  The watcher waits for that q.
 */
#include "tui/dash.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "runtime/control.h"
#include "runtime/runtime.h"
#include "trace/trace.h"
#include "tui/panels.h"
#include "tui/screen.h"

typedef struct Live {
    GDashOptions opt;
    GScreen *screen;
    GDashModel model;
    GOutBuf out;
    GDash d;
    int tty_in, tty_out, saved_in, saved_out, saved_err;
    int out_r, err_r, wake_r, wake_w;
    pthread_t ui;
    _Atomic bool finished;          /* the script has ended (g_dash_live_end) */
    _Atomic bool emergency;         /* the process is about to _exit: close the screen now */
    _Atomic bool deadlock;          /* set by the watcher (before_fatal_exit): show the report until q */
    _Atomic bool deadlock_shown;    /* set by the drawing thread: the banner is up */
    uint64_t report_first;          /* drawing thread: the report's first line in `out` */
    int report_scroll;              /* drawing thread: rows of the report scrolled */
    _Atomic bool ui_done;
    bool quit, quit_while_running, screen_closed;
    int status;
    uint64_t pause_t;
    uint64_t model_ns;              /* time spent folding events into the model */
    uint64_t model_events;
    uint64_t ui_cpu_ns, started_ns, ended_ns;
    char status_text[96];
} Live;

static Live L;
static bool active;

bool g_dash_live_active(void) { return active; }

static uint64_t mono_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static uint64_t thread_cpu_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* The trace drain's listener (drain lock held). */
static void on_events(const GEvent *ev, size_t n, void *ctx)
{
    Live *l = ctx;
    uint64_t t0 = mono_ns();
    g_dash_model_apply(&l->model, ev, n);
    l->model_ns += mono_ns() - t0;
    l->model_events += n;
}

static void wake(void)
{
    char c = 1;
    ssize_t r = write(L.wake_w, &c, 1);
    (void)r;
}

/* ---- the drawing thread ---- */

static void read_pipe(int fd, bool is_err)
{
    char buf[8192];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        g_outbuf_feed(&L.out, buf, (size_t)n, is_err);
}

static void read_outputs(void)
{
    read_pipe(L.out_r, false);
    read_pipe(L.err_r, true);
    char junk[64];
    while (read(L.wake_r, junk, sizeof junk) > 0) {
    }
}

static void restore_fds(void)
{
    fflush(stdout);
    fflush(stderr);
    dup2(L.saved_out, 1);
    dup2(L.saved_err, 2);
    dup2(L.saved_in, 0);
}

/* What the script printed, now on the real terminal (the screen is closed). */
static void print_captured(void)
{
    g_outbuf_flush(&L.out);
    if (L.out.first > 0)
        fprintf(stderr, "gilt: (the first %llu lines of the script's output are not kept)\n",
                (unsigned long long)L.out.first);
    for (uint64_t i = 0; i < g_outbuf_count(&L.out); i++) {
        const GOutLine *ln = g_outbuf_line(&L.out, i);
        FILE *f = ln->is_err ? stderr : stdout;
        fputs(ln->text, f);
        fputc('\n', f);
        fflush(f);
    }
}

/* q while the script runs: stop it (control.h g_control_stop: KeyboardInterrupt in
 * the main thread, SystemExit in the others' code), and keep reading its output
 * until it has ended, so that it never blocks on a full pipe while stopping.
 *
 *     q ----> stop ----(1 s, still running)----> Ctrl-C again ----(3 s)----> give up
 *              | ended                              | ended                    |
 *              v                                    v                          v
 *     g_dash_live_end: output, statistics, exit 130             output so far, exit 130
 *
 * The second interrupt is for a main thread that waits on a thread the stop cannot
 * reach (blocked forever on a lock) or that caught the first KeyboardInterrupt. */
static bool wait_for_end(uint64_t ns)
{
    uint64_t until = mono_ns() + ns;
    while (!atomic_load(&L.finished) && !atomic_load(&L.emergency) && mono_ns() < until) {
        struct pollfd p[3] = { { L.out_r, POLLIN, 0 }, { L.err_r, POLLIN, 0 }, { L.wake_r, POLLIN, 0 } };
        poll(p, 3, 50);
        read_outputs();
    }
    return atomic_load(&L.finished) || atomic_load(&L.emergency);
}

static void stop_the_script(void)
{
    (void)g_control_stop();   /* false: a deadlock holds the world; its report follows */
    if (wait_for_end(1000000000ull))
        return;
    g_control_interrupt();
    if (wait_for_end(2000000000ull))
        return;
    /* The main thread still runs Python: leave it, without its statistics, which
     * only it may print.  What the script printed is kept. */
    restore_fds();
    print_captured();
    fprintf(stderr, "gilt: the script did not stop within 3 s of q; leaving it\n");
    _exit(130);
}

static void step_interval(int dir)
{
    static const double steps[] = { 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2 };
    int n = (int)(sizeof steps / sizeof steps[0]);
    double cur = g_control_switch_interval();
    int i = 0;
    while (i < n - 1 && steps[i] < cur * 0.999)
        i++;
    /* cur sits at steps[i] or just below it */
    if (dir > 0)
        i = steps[i] > cur * 1.001 ? i : i + 1;
    else
        i = i - 1;
    if (i < 0)
        i = 0;
    if (i >= n)
        i = n - 1;
    g_control_set_switch_interval(steps[i]);
}

/* A key: the bindings (view.c) say what it means; the actions on the run are
 * done here. */
static void handle_key(int key, GCanvas *c)
{
    /* deadlocked, the world stays stopped: nothing may act on the run (g would
     * wait for a stop of the world that never comes) */
    bool deadlocked = atomic_load(&L.deadlock);
    bool running = !atomic_load(&L.finished) && !deadlocked;
    GAction act;
    if (deadlocked && (key == G_KEY_UP || key == G_KEY_DOWN || key == G_KEY_PGUP || key == G_KEY_PGDN)) {
        L.report_scroll += key == G_KEY_UP ? -1 : key == G_KEY_DOWN ? 1 : key == G_KEY_PGUP ? -10 : 10;
        return;
    }
    if (deadlocked)
        L.d.view.help = false;    /* the box replaces it; q must not be spent closing it */
    g_dash_key(&L.d, key, &act);
    if (deadlocked && act != G_ACT_QUIT && act != G_ACT_RESIZE && act != G_ACT_REPAINT) {
        L.d.view.help = false;
        return;
    }
    switch (act) {
    case G_ACT_QUIT:
        L.quit = true;
        L.quit_while_running = running;   /* not when deadlocked: the watcher exits */
        return;
    case G_ACT_PAUSE:
        L.d.view.paused = !L.d.view.paused;
        L.pause_t = atomic_load(&L.finished) ? L.model.last_t : g_trace_now();
        return;
    case G_ACT_GIL:
        if (running)
            g_control_set_gil(!g_control_gil_enabled());
        return;
    case G_ACT_LONGER: case G_ACT_SHORTER:
        if (running)
            step_interval(act == G_ACT_LONGER ? +1 : -1);
        return;
    case G_ACT_REPAINT: g_screen_redraw(L.screen); return;
    case G_ACT_RESIZE: {
        int w, h;
        g_screen_size(L.screen, &w, &h);
        g_canvas_free(c);
        g_canvas_init(c, w, h);
        return;
    }
    default: return;
    }
}

static void draw(GCanvas *c)
{
    bool finished = atomic_load(&L.finished);
    if (finished)
        snprintf(L.status_text, sizeof L.status_text, "finished, exit %d: q quits", L.status);
    else
        snprintf(L.status_text, sizeof L.status_text, "running");
    L.d.status = L.status_text;
    /* try, never wait: the collector may hold the drain's lock while it waits for a
     * stop of the world -- and a deadlock's watcher keeps the world stopped for good.
     * Blocked here, this thread could never put up the deadlock box or give the
     * terminal back.  A frame that cannot get the lock is simply skipped. */
    while (!g_stats_trylock()) {
        if (atomic_load(&L.deadlock) || atomic_load(&L.emergency))
            return;
        usleep(1000);
    }
    L.d.now = L.d.view.paused ? L.pause_t : finished ? L.model.last_t : g_trace_now();
    L.d.gil_on = g_control_gil_enabled();
    L.d.switch_interval_ns = (uint64_t)(g_control_switch_interval() * 1e9 + 0.5);
    g_dash_draw(c, &L.d);
    g_stats_unlock();
    g_screen_show(L.screen, c);
}

/* The deadlock screen: the last frame, which was drawn under the drain's lock,
 * with the report over it (no lock taken: see the top of this file). */
static void draw_deadlock(GCanvas *c)
{
    if (!atomic_load(&L.deadlock_shown)) {
        read_outputs();
        g_outbuf_flush(&L.out);
        uint64_t n = g_outbuf_count(&L.out);
        L.report_first = n;
        for (uint64_t i = n; i-- > 0;)
            if (!strncmp(g_outbuf_line(&L.out, i)->text, "Deadlock:", 9)) {
                L.report_first = i;
                break;
            }
    }
    if (c->w < G_DASH_MIN_W || c->h < G_DASH_MIN_H) {
        g_canvas_clear(c);
        g_canvas_text(c, 0, 0, c->w, G_STYLE_ERROR, "DEADLOCK: q closes and prints the report");
    } else {
        g_panel_alert(c, "DEADLOCK: every thread waits for another", &L.out, L.report_first, &L.report_scroll);
        GRect foot = { 0, c->h - 1, c->w, 1 };
        g_canvas_fill(c, foot, ' ', G_STYLE_NORMAL);
        g_canvas_text(c, 0, c->h - 1, c->w, G_STYLE_ERROR,
                      "DEADLOCK   q closes the dashboard and prints this report   up/down scroll");
    }
    g_screen_show(L.screen, c);
    atomic_store(&L.deadlock_shown, true);
}

static void *ui_main(void *arg)
{
    (void)arg;
    sigset_t set;   /* Ctrl-C is for the script's threads, which wait on it */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    int w, h;
    g_screen_size(L.screen, &w, &h);
    GCanvas c;
    g_canvas_init(&c, w, h);
    uint64_t period = 1000000000ull / (uint64_t)(L.opt.hz > 0 ? L.opt.hz : 10);
    uint64_t next = mono_ns();
    bool final_drawn = false;
    while (!L.quit && !atomic_load(&L.emergency)) {
        uint64_t now = mono_ns();
        int timeout = next > now ? (int)((next - now) / 1000000) + 1 : 0;
        struct pollfd p[4] = {
            { L.tty_in, POLLIN, 0 }, { L.out_r, POLLIN, 0 }, { L.err_r, POLLIN, 0 }, { L.wake_r, POLLIN, 0 },
        };
        poll(p, 4, timeout);
        read_outputs();
        int key;
        while ((key = g_screen_key(L.screen)) != G_KEY_NONE && !L.quit)
            handle_key(key, &c);
        if (L.quit)
            break;
        if (atomic_load(&L.deadlock)) {
            if (L.opt.exit_at_end)
                break;
            draw_deadlock(&c);
            next = mono_ns() + period;
            continue;
        }
        bool finished = atomic_load(&L.finished);
        now = mono_ns();
        if (finished && !final_drawn) {
            g_outbuf_flush(&L.out);
            draw(&c);
            final_drawn = true;
            L.ui_cpu_ns = thread_cpu_ns();   /* the cost during the run, not while the final screen waits for q */
            if (L.opt.exit_at_end)
                break;
        } else if (now >= next || p[0].revents) {
            draw(&c);
        }
        if (now >= next)
            next = now + period;
    }
    if (!final_drawn)
        L.ui_cpu_ns = thread_cpu_ns();
    g_screen_close(L.screen);
    L.screen_closed = true;
    g_canvas_free(&c);
    if (L.quit_while_running)
        stop_the_script();
    read_outputs();
    atomic_store(&L.ui_done, true);
    return NULL;
}

/* ---- begin and end ---- */

/* deadlock.c (or another fatal path) is about to _exit(1), the world stopped: show
 * the report on the dashboard until q (the deadlock report only: it starts with
 * "Deadlock:"), then close the screen and print what the script printed. */
static void before_fatal_exit(void)
{
    if (!active)
        return;
    fflush(stderr);
    atomic_store(&L.deadlock, true);
    wake();
    /* the drawing thread puts the banner up within a frame, unless it is stuck
     * in a draw (the drain's lock held by a collector the stop blocked) */
    for (int i = 0; i < 2000 && !atomic_load(&L.deadlock_shown) && !atomic_load(&L.ui_done); i++)
        usleep(1000);
    if (!atomic_load(&L.deadlock_shown))
        atomic_store(&L.emergency, true);   /* close as before, without the banner */
    while (atomic_load(&L.deadlock_shown) && !atomic_load(&L.ui_done))
        usleep(10000);                      /* the user reads the report; q ends it */
    wake();
    for (int i = 0; i < 200 && !atomic_load(&L.ui_done); i++)
        usleep(1000);
    if (!atomic_load(&L.ui_done))
        return;   /* the drawing thread is stuck: leave the screen rather than race it */
    restore_fds();
    print_captured();
}

static int fail(const char *fmt, const char *what)
{
    fprintf(stderr, "gilt: --dash: ");
    fprintf(stderr, fmt, what);
    fputc('\n', stderr);
    return -1;
}

int g_dash_live_begin(const GDashOptions *o)
{
    memset(&L, 0, sizeof L);
    L.opt = *o;
    if (!isatty(1))
        return fail("%s is not a terminal, so there is nowhere to draw the dashboard\n"
                    "       (record the run instead: gilt --trace run.gtrace SCRIPT, and replay it on a terminal\n"
                    "       with gilt --dash --replay run.gtrace; or print a summary with gilt --stats SCRIPT)",
                    "standard output");
    if (!isatty(0))
        return fail("%s is not a terminal, so the dashboard cannot read keys", "standard input");
    char err[256];
    L.tty_in = fcntl(0, F_DUPFD_CLOEXEC, 3);
    L.tty_out = fcntl(1, F_DUPFD_CLOEXEC, 3);
    L.screen = g_screen_open(L.tty_in, L.tty_out, false, err, sizeof err);
    if (!L.screen)
        return fail("%s", err);
    int w, h;
    g_screen_size(L.screen, &w, &h);
    if (w < G_DASH_MIN_W || h < G_DASH_MIN_H) {
        g_screen_close(L.screen);
        char msg[128];
        snprintf(msg, sizeof msg, "%dx%d; the dashboard needs at least %dx%d", w, h, G_DASH_MIN_W, G_DASH_MIN_H);
        return fail("the terminal is too small: %s", msg);
    }
    int po[2], pe[2], pw[2];
    if (pipe2(po, O_CLOEXEC) || pipe2(pe, O_CLOEXEC) || pipe2(pw, O_CLOEXEC | O_NONBLOCK)) {
        g_screen_close(L.screen);
        return fail("%s", strerror(errno));
    }
    fcntl(po[0], F_SETFL, O_NONBLOCK);
    fcntl(pe[0], F_SETFL, O_NONBLOCK);
    L.out_r = po[0];
    L.err_r = pe[0];
    L.wake_r = pw[0];
    L.wake_w = pw[1];
    fflush(stdout);
    fflush(stderr);
    L.saved_in = fcntl(0, F_DUPFD_CLOEXEC, 3);
    L.saved_out = fcntl(1, F_DUPFD_CLOEXEC, 3);
    L.saved_err = fcntl(2, F_DUPFD_CLOEXEC, 3);
    dup2(po[1], 1);
    dup2(pe[1], 2);
    close(po[1]);
    close(pe[1]);
    int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (devnull >= 0) {
        dup2(devnull, 0);
        close(devnull);
    }
    setvbuf(stdout, NULL, _IOLBF, BUFSIZ);   /* a pipe now: print line by line */

    g_outbuf_init(&L.out);
    g_dash_model_init(&L.model, G_DASH_LIVE_SLOTS, g_control_gil_enabled(),
                      (uint64_t)(g_control_switch_interval() * 1e9 + 0.5));
    const char *slash = strrchr(o->script, '/');
    L.d = (GDash){ .model = &L.model, .out = &L.out, .str = g_trace_string_fn, .title = slash ? slash + 1 : o->script };
    L.d.view.zoom = G_ZOOM_DEFAULT;
    L.d.mono = !g_screen_colour(L.screen);
    L.started_ns = mono_ns();
    g_trace_set_listener(on_events, &L);
    g_runtime.before_fatal_exit = before_fatal_exit;
    active = true;
    if (pthread_create(&L.ui, NULL, ui_main, NULL) != 0) {
        active = false;
        g_trace_set_listener(NULL, NULL);
        g_screen_close(L.screen);
        restore_fds();
        return fail("%s", "cannot start the drawing thread");
    }
    return 0;
}

int g_dash_live_end(int status)
{
    fflush(stdout);
    fflush(stderr);
    L.status = status;
    L.ended_ns = mono_ns();
    atomic_store(&L.finished, true);
    wake();
    pthread_join(L.ui, NULL);
    active = false;
    g_runtime.before_fatal_exit = NULL;
    g_trace_set_listener(NULL, NULL);
    restore_fds();
    read_pipe(L.out_r, false);   /* anything written after the drawing thread's last read */
    read_pipe(L.err_r, true);
    print_captured();
    /* what the dashboard cost, in CPU time against the script's wall time */
    double wall = (double)(L.ended_ns - L.started_ns) / 1e9;
    if (wall > 0)
        fprintf(stderr, "gilt: dashboard: %.1f%% of one core for %.1fs (drawing %.1f%%, model %.1f%% for %llu events)\n",
                100.0 * (double)(L.ui_cpu_ns + L.model_ns) / 1e9 / wall, wall, 100.0 * (double)L.ui_cpu_ns / 1e9 / wall,
                100.0 * (double)L.model_ns / 1e9 / wall, (unsigned long long)L.model_events);
    g_outbuf_free(&L.out);
    g_dash_free_sources(&L.d);
    g_stats_lock();
    g_dash_model_free(&L.model);
    g_stats_unlock();
    /* stopped by q: interrupted (130, as after Ctrl-C), unless it ended otherwise */
    return L.quit_while_running && status == 0 ? 130 : status;
}
