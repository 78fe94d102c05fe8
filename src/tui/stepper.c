/* stepper.c -- gilt --step FILE: the person is the scheduler (stepper.h).
 *
 * One process owns the terminal and runs no Python; a child gilt runs the program
 * under the step policy and speaks vm/step_agent.h's protocol (stepper_model.c
 * starts it and reads it).  The loop here:
 *
 *     draw the last snapshot -> wait for a key (or the child's end) -> the key's
 *     binding sends a command -> wait for the next snapshot -> draw ...
 *
 * Every command that changed the run (p N, e N, s) is kept, in order.  Undo starts
 * a fresh child and replays them all but the last pick (and the e toggles after it);
 * restart replays none.  The run is deterministic, so the replay lands where the
 * person was; nothing is drawn until it has.  A child that stops sending (it died)
 * is reported in the banner, and undo and restart still work.
 *
 * Keys typed while the child works are kept and handled after its snapshot, except
 * q, which quits at once.  Ctrl-C, SIGTERM and SIGHUP quit as q does, so the
 * terminal is always given back.
 */
#include "tui/stepper.h"

#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tui/screen.h"
#include "tui/stepper_internal.h"

static GStepper S;
static GStepChild C;
static GScreen *scr;
static GCanvas canvas;
static bool quitting;
static volatile sig_atomic_t got_signal;
static int queued[256];
static int nqueued;

static uint64_t mono_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000u + (uint64_t)t.tv_nsec / 1000000u;
}

static void on_signal(int sig)
{
    (void)sig;
    got_signal = 1;
}

static void say(GStepMsgKind kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(GStepMsgKind kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(S.message, sizeof S.message, fmt, ap);
    va_end(ap);
    S.msg_kind = kind;
}

static void draw(void)
{
    g_stepper_draw(&canvas, &S);
    g_screen_show(scr, &canvas);
}

static void resize(void)
{
    int w, h;
    g_screen_size(scr, &w, &h);
    g_canvas_free(&canvas);
    g_canvas_init(&canvas, w, h);
}

/* ---- the child ---- */

static void child_gone(void)
{
    g_step_child_reap(&C, &S.out, S.death, sizeof S.death);
    g_outbuf_flush(&S.out);
    S.dead = true;
}

/* Wait for the child's next snapshot, reading its output and keeping the keys typed
 * meanwhile.  1: it came; -1: the child has gone; 0: the person quit. */
static int await_snapshot(const char *what)
{
    uint64_t t0 = mono_ms();
    for (;;) {
        int r = g_step_child_pump(&C, &S.snap, &S.out);
        if (r != 0) {
            S.busy = false;
            if (r < 0)
                child_gone();
            return r;
        }
        if (got_signal) {
            quitting = true;
            return 0;
        }
        struct pollfd p[4];
        int fds[3], n = g_step_child_fds(&C, fds);
        for (int i = 0; i < n; i++)
            p[i] = (struct pollfd){ fds[i], POLLIN, 0 };
        p[n] = (struct pollfd){ 0, POLLIN, 0 };
        poll(p, (nfds_t)n + 1, 100);
        int key;
        while ((key = g_screen_key(scr)) != G_KEY_NONE) {
            if (key == 'q' || key == 'Q') {
                quitting = true;
                return 0;
            }
            if (nqueued < (int)(sizeof queued / sizeof queued[0]))
                queued[nqueued++] = key;
        }
        if (!S.busy && mono_ms() - t0 > 300) {   /* say why nothing happens */
            S.busy = true;
            S.busy_what = what;
            draw();
        }
    }
}

static void hist_truncate(int n)
{
    while (S.nhist > n)
        free(S.hist[--S.nhist].cmd);
}

static void hist_push(const char *cmd)
{
    if (S.nhist == S.hcap) {
        int cap = S.hcap ? S.hcap * 2 : 64;
        struct GStepCmd *h = realloc(S.hist, (size_t)cap * sizeof *h);
        if (!h)
            return;
        S.hist = h;
        S.hcap = cap;
    }
    char *c = strdup(cmd);
    if (c)
        S.hist[S.nhist++] = (struct GStepCmd){ c, S.last_pick, S.selected };
}

/* A fresh child, then the first `keep` commands again, drawing nothing until done. */
static void replay(int keep, const char *what)
{
    g_step_child_stop(&C, NULL);
    g_outbuf_free(&S.out);
    g_outbuf_init(&S.out);
    S.out_view.view.scroll[G_PANEL_OUTPUT] = 0;
    g_step_snap_clear(&S.snap);
    S.dead = false;
    S.death[0] = 0;
    char err[256];
    if (!g_step_child_start(&C, &S.opt, err, sizeof err)) {
        S.dead = true;
        snprintf(S.death, sizeof S.death, "could not be started (%s)", err);
        return;
    }
    if (await_snapshot(what) != 1)
        return;
    for (int i = 0; i < keep && i < S.nhist; i++) {
        if (!g_step_child_send(&C, S.hist[i].cmd)) {
            child_gone();
            hist_truncate(i);
            return;
        }
        if (await_snapshot(what) != 1) {
            hist_truncate(i);
            return;
        }
        if (S.snap.message[0]) {   /* cannot happen in a deterministic run; say so if it does */
            say(G_MSG_ERROR, "the replay went differently at command %d (%s): %s", i + 1, S.hist[i].cmd,
                S.snap.message);
            hist_truncate(i);
            return;
        }
    }
    hist_truncate(keep);
}

/* Send a command and wait for its snapshot; true if the child took it (no M line).
 * record: keep it for undo's replays. */
static bool command(const char *cmd, bool record)
{
    if (S.dead) {
        say(G_MSG_ERROR, "the run has stopped: u undoes a step, r restarts, q quits");
        return false;
    }
    if (!g_step_child_send(&C, cmd)) {
        child_gone();
        return false;
    }
    if (await_snapshot(cmd[0] == 's' ? "running the program to its end" : "the program is running") != 1)
        return false;
    bool ok = !S.snap.message[0];
    if (ok && record)
        hist_push(cmd);
    if (!ok)
        say(strncmp(S.snap.message, "schedule written", 16) == 0 ? G_MSG_INFO : G_MSG_ERROR, "%s", S.snap.message);
    return ok;
}

static bool refuse_when_over(void)
{
    if (S.dead) {
        say(G_MSG_ERROR, "the run has stopped: u undoes a step, r restarts, q quits");
        return true;
    }
    if (g_step_snap_ended(&S.snap)) {
        say(G_MSG_ERROR, "the run has ended: u undoes a step, r restarts, w saves the schedule, q quits");
        return true;
    }
    return false;
}

/* ---- what the keys do ---- */

/* "line 8 (count += 1)" or the instruction, for the message after a step */
static void what_runs(const GStepThread *t, char *buf, size_t n)
{
    const GStepSource *sf = g_step_source(&S.src, t->file);
    if (strcmp(S.snap.grain, "line") == 0 && !t->expanded && sf && t->line >= 1 && t->line <= sf->nlines) {
        const char *code = sf->lines[t->line - 1];
        code += strspn(code, " \t");
        snprintf(buf, n, "line %d (%s)", t->line, code);
    } else {
        snprintf(buf, n, "%s", t->instr[0] ? t->instr : "its next step");
    }
}

static void pick(int no)
{
    if (refuse_when_over())
        return;
    const GStepThread *t = g_step_snap_thread(&S.snap, no);
    char ran[600] = "";
    if (t)
        what_runs(t, ran, sizeof ran);
    uint64_t step = S.snap.step;
    char cmd[32];
    snprintf(cmd, sizeof cmd, "p %d", no);
    if (!command(cmd, true))
        return;
    S.last_pick = no;
    S.selected = no;
    say(G_MSG_INFO, "step %llu: T%d ran %s", (unsigned long long)step, no, ran);
}

static void key_pick(GStepper *s, int key)
{
    (void)s;
    pick(key - '0');
}

static void key_again(GStepper *s, int key)
{
    (void)key;
    if (s->last_pick < 0)
        say(G_MSG_ERROR, "no pick to repeat yet: press a thread's number");
    else
        pick(s->last_pick);
}

static void key_pick_selected(GStepper *s, int key)
{
    (void)key;
    if (s->selected < 0)
        say(G_MSG_ERROR, "no thread is selected: left and right select one");
    else
        pick(s->selected);
}

static void key_select(GStepper *s, int key)
{
    int n = s->snap.nthreads;
    if (n == 0)
        return;
    int i = 0;
    while (i < n && s->snap.threads[i].no != s->selected)
        i++;
    bool back = key == G_KEY_LEFT || key == G_KEY_BTAB;
    if (i == n)
        i = back ? 0 : n - 1;
    i = (i + (back ? n - 1 : 1)) % n;
    s->selected = s->snap.threads[i].no;
    say(G_MSG_INFO, "T%d selected: e expands its line, space runs it", s->selected);
}

/* e acts on the selected thread, else the last picked, else the first ready one */
static int expand_target(GStepper *s)
{
    if (s->selected >= 0 && g_step_snap_thread(&s->snap, s->selected))
        return s->selected;
    if (s->last_pick >= 0 && g_step_snap_thread(&s->snap, s->last_pick))
        return s->last_pick;
    for (int i = 0; i < s->snap.nthreads; i++)
        if (s->snap.threads[i].pickable)
            return s->snap.threads[i].no;
    return -1;
}

static void key_expand(GStepper *s, int key)
{
    (void)key;
    if (refuse_when_over())
        return;
    int no = expand_target(s);
    if (no < 0) {
        say(G_MSG_ERROR, "no thread to expand");
        return;
    }
    char cmd[32];
    snprintf(cmd, sizeof cmd, "e %d", no);
    if (!command(cmd, true))
        return;
    const GStepThread *t = g_step_snap_thread(&s->snap, no);
    if (t && t->expanded)
        say(G_MSG_INFO, "T%d's line %d is expanded: each instruction is a step now (e folds it)", no, t->line);
    else
        say(G_MSG_INFO, "T%d's line is folded: a step is a whole line again", no);
}

static void key_undo(GStepper *s, int key)
{
    (void)key;
    if (s->nhist == 0) {
        if (s->opt.schedule)
            say(G_MSG_ERROR, "nothing to undo: the run starts at the end of the schedule %s", s->opt.schedule);
        else
            say(G_MSG_ERROR, "nothing to undo: this is the start");
        return;
    }
    int keep = s->nhist;
    while (keep > 0 && s->hist[keep - 1].cmd[0] == 'e')
        keep--;
    if (keep > 0)
        keep--;
    char undone[64];
    snprintf(undone, sizeof undone, "%s", s->hist[keep].cmd);
    int last = s->hist[keep].last_pick, sel = s->hist[keep].selected;
    replay(keep, "undoing: replaying the run");
    s->last_pick = last;   /* the keys act as they did before the undone step */
    s->selected = sel;
    if (!quitting && !s->dead && s->snap.have)
        say(G_MSG_INFO, "undone (%s): back at step %llu", undone, (unsigned long long)s->snap.step);
}

static void key_restart(GStepper *s, int key)
{
    (void)key;
    replay(0, "restarting");
    s->last_pick = s->selected = -1;
    if (!quitting && !s->dead)
        say(G_MSG_INFO, "restarted: a fresh run%s", s->opt.schedule ? ", at the end of its schedule" : "");
}

static void key_write(GStepper *s, int key)
{
    (void)key;
    if (s->dead) {
        say(G_MSG_ERROR, "the run has stopped, so there is no schedule to write: u undoes, r restarts");
        return;
    }
    char cmd[1100];
    snprintf(cmd, sizeof cmd, "w %s", s->save_path);
    command(cmd, false);
}

static void key_finish(GStepper *s, int key)
{
    (void)key;
    if (refuse_when_over())
        return;
    if (command("s", true) && !s->dead)
        say(G_MSG_INFO, "the seeded scheduler (seed 0) ran the program on to its end");
}

static void key_scroll(GStepper *s, int key)
{
    int *back = &s->out_view.view.scroll[G_PANEL_OUTPUT];
    int d = key == G_KEY_PGUP ? 10 : key == G_KEY_UP ? 1 : key == G_KEY_PGDN ? -10 : -1;
    *back += d;
    if (*back < 0)
        *back = 0;
}

static void key_help(GStepper *s, int key)
{
    (void)key;
    s->help = true;
}

static void key_redraw(GStepper *s, int key)
{
    (void)s;
    (void)key;
    g_screen_redraw(scr);
}

static void key_quit(GStepper *s, int key)
{
    (void)s;
    (void)key;
    quitting = true;
}

static const int k_enter[] = { '\r', '\n', 0 };
static const int k_select[] = { G_KEY_LEFT, G_KEY_RIGHT, '\t', G_KEY_BTAB, 0 };
static const int k_scroll[] = { G_KEY_UP, G_KEY_DOWN, G_KEY_PGUP, G_KEY_PGDN, 0 };
static const int k_help[] = { G_KEY_F1, 0 };
static const int k_redraw[] = { 12, 0 };

const GStepBinding g_step_bindings[] = {
    { "0123456789", NULL, "0-9", "pick", 0, "that thread takes the next step (a blocked one is refused)", key_pick },
    { "", k_enter, "Enter", "again", 1, "the last picked thread takes another step", key_again },
    { "", k_select, "left/right", "select", 5, "select a thread (Tab too): e and space act on it", key_select },
    { " ", NULL, "space", NULL, 9, "the selected thread takes the next step (threads 10 and up)", key_pick_selected },
    { "eE", NULL, "e", "expand", 2, "expand or fold the selected thread's line (grain line)", key_expand },
    { "uU", NULL, "u", "undo", 2, "undo one step (the run is replayed in a fresh gilt)", key_undo },
    { "rR", NULL, "r", "restart", 6, "start the run again from its first step", key_restart },
    { "wW", NULL, "w", "save", 3, "write the schedule so far (gilt --schedule FILE replays it)", key_write },
    { "sS", NULL, "s", "finish", 7, "let the seeded scheduler run the program to its end", key_finish },
    { "", k_scroll, "up/down", NULL, 9, "scroll the output (page up and page down too)", key_scroll },
    { "?hH", k_help, "?", "help", 0, "this help (F1 too)", key_help },
    { "", k_redraw, "Ctrl-L", NULL, 9, "draw the screen again", key_redraw },
    { "qQ", NULL, "q", "quit", 0, "quit (the run is stopped)", key_quit },
};
const int g_step_nbindings = (int)(sizeof g_step_bindings / sizeof g_step_bindings[0]);

static void handle_key(int key)
{
    if (key == G_KEY_RESIZE) {
        resize();
        return;
    }
    if (S.help) {   /* any key closes the help */
        S.help = false;
        return;
    }
    for (int i = 0; i < g_step_nbindings; i++) {
        const GStepBinding *b = &g_step_bindings[i];
        bool hit = key > 0 && key < 128 && strchr(b->keys, key);
        for (const int *k = b->special; k && *k && !hit; k++)
            hit = *k == key;
        if (hit) {
            b->fn(&S, key);
            return;
        }
    }
}

/* ---- begin and end ---- */

static int refuse(const char *fmt, const char *what)
{
    fprintf(stderr, "gilt: --step: ");
    fprintf(stderr, fmt, what);
    fputc('\n', stderr);
    return 2;
}

/* What the program printed in the last run, now on the real terminal. */
static void print_captured(void)
{
    g_outbuf_flush(&S.out);
    for (uint64_t i = 0; i < g_outbuf_count(&S.out); i++) {
        const GOutLine *ln = g_outbuf_line(&S.out, i);
        FILE *f = ln->is_err ? stderr : stdout;
        fputs(ln->text, f);
        fputc('\n', f);
        fflush(f);
    }
}

int g_stepper_run(const GStepperOptions *o)
{
    if (!isatty(1))
        return refuse("%s is not a terminal, so there is nowhere to draw the stepper\n"
                      "       (run the program unattended instead: gilt --seed N FILE, or replay a saved\n"
                      "       schedule with gilt --schedule FILE.sched FILE)",
                      "standard output");
    if (!isatty(0))
        return refuse("%s is not a terminal, so the stepper cannot read keys", "standard input");
    FILE *f = fopen(o->script, "r");
    if (!f) {
        fprintf(stderr, "gilt: can't open file '%s': [Errno %d] %s\n", o->script, errno, strerror(errno));
        return 2;
    }
    fclose(f);
    /* as the interpreter does (vm/lifecycle.c): ncurses then writes UTF-8, and
     * screen.c falls back to ASCII when the user's locale is not UTF-8 */
    setlocale(LC_CTYPE, "C.UTF-8");
    char err[256];
    scr = g_screen_open(0, 1, false, err, sizeof err);
    if (!scr)
        return refuse("%s", err);
    int w, h;
    g_screen_size(scr, &w, &h);
    if (w < G_STEPPER_MIN_W || h < G_STEPPER_MIN_H) {
        g_screen_close(scr);
        char msg[128];
        snprintf(msg, sizeof msg, "%dx%d; the stepper needs at least %dx%d", w, h, G_STEPPER_MIN_W, G_STEPPER_MIN_H);
        return refuse("the terminal is too small: %s", msg);
    }
    struct sigaction sa = { .sa_handler = on_signal }, old_int, old_term, old_hup, old_pipe;
    sigemptyset(&sa.sa_mask);   /* no SA_RESTART: a signal ends the wait in poll */
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sigaction(SIGHUP, &sa, &old_hup);
    struct sigaction ign = { .sa_handler = SIG_IGN };
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &old_pipe);   /* a child that has gone: EPIPE, not death */

    memset(&S, 0, sizeof S);
    S.opt = *o;
    const char *slash = strrchr(o->script, '/');
    S.title = slash ? slash + 1 : o->script;
    snprintf(S.save_path, sizeof S.save_path, "%s", o->save ? o->save : o->script);
    if (!o->save)
        strncat(S.save_path, ".sched", sizeof S.save_path - strlen(S.save_path) - 1);
    S.last_pick = S.selected = -1;
    g_outbuf_init(&S.out);
    S.out_view.out = &S.out;
    quitting = false;
    got_signal = 0;
    nqueued = 0;
    g_step_child_init(&C);
    g_canvas_init(&canvas, w, h);

    replay(0, "starting the program");
    if (o->schedule && !S.dead && S.snap.have)
        say(G_MSG_INFO, "followed the schedule %s: the run goes on from here", o->schedule);
    while (!quitting && !got_signal) {
        draw();
        if (nqueued == 0) {
            struct pollfd p[4];
            int fds[3], n = g_step_child_fds(&C, fds);
            p[0] = (struct pollfd){ 0, POLLIN, 0 };
            for (int i = 0; i < n; i++)
                p[1 + i] = (struct pollfd){ fds[i], POLLIN, 0 };
            poll(p, (nfds_t)n + 1, 1000);   /* a bound, for a signal that comes just before */
            /* between commands the child only ends (or prints, once it has gone) */
            if (n > 0 && g_step_child_pump(&C, &S.snap, &S.out) < 0 && !S.dead)
                child_gone();
        }
        while (!quitting && !got_signal) {
            int key;
            if (nqueued > 0) {
                key = queued[0];
                memmove(queued, queued + 1, (size_t)--nqueued * sizeof queued[0]);
            } else if ((key = g_screen_key(scr)) == G_KEY_NONE) {
                break;
            }
            handle_key(key);
        }
    }
    g_step_child_stop(&C, &S.out);
    g_screen_close(scr);
    scr = NULL;
    g_canvas_free(&canvas);
    print_captured();
    if (S.dead)
        fprintf(stderr, "gilt: --step: the program's run stopped unexpectedly: its gilt %s\n", S.death);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGHUP, &old_hup, NULL);
    sigaction(SIGPIPE, &old_pipe, NULL);
    g_outbuf_free(&S.out);
    g_step_snap_free(&S.snap);
    g_step_sources_free(&S.src);
    hist_truncate(0);
    free(S.hist);
    return 0;
}
