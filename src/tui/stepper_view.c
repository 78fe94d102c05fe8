/* stepper_view.c -- the stepper's screen, drawn from a GStepper into a canvas
 * (stepper_internal.h has the picture).  Nothing here changes the model or talks to
 * the child; the panels are a table of a name and a draw function, placed by
 * layout().  The output panel is the dashboard's own (tui/output.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/stepper_internal.h"

typedef void (*PanelFn)(GCanvas *c, GRect r, GStepper *s);

/* ---- small helpers ---- */

/* Cut text into lines of at most w columns at spaces (a longer word is cut hard).
 * Returns the lines used (at most max); the last one holds the rest, to be cut with
 * '~' when drawn. */
static int wrap(const char *text, int w, char out[][G_STEP_FIELD], int max)
{
    int n = 0;
    const char *p = text;
    while (*p == ' ')
        p++;
    while (*p && n < max) {
        int len = (int)strlen(p);
        if (len <= w || n == max - 1) {
            snprintf(out[n++], G_STEP_FIELD, "%s", p);
            break;
        }
        int cut = w;
        while (cut > 0 && p[cut] != ' ')
            cut--;
        if (cut == 0) {   /* no space to cut at: cut hard, but not inside a UTF-8 sequence */
            cut = w;
            while (cut > 1 && ((unsigned char)p[cut] & 0xC0) == 0x80)
                cut--;
        }
        snprintf(out[n++], G_STEP_FIELD, "%.*s", cut, p);
        p += cut;
        while (*p == ' ')
            p++;
    }
    return n;
}

/* text whose end matters (a schedule): cut at the front, marked with '~' */
static void text_tail(GCanvas *c, int x, int y, int w, GStyle st, const char *text)
{
    int len = (int)strlen(text);
    if (len <= w)
        g_canvas_text(c, x, y, w, st, text);
    else if (w > 1) {
        g_canvas_put(c, x, y, '~', st);
        g_canvas_text(c, x + 1, y, w - 1, st, text + len - (w - 1));
    }
}

static bool running(const GStepper *s)
{
    return s->snap.have && !g_step_snap_ended(&s->snap) && !s->dead;
}

/* "step 14" while it runs, "13 steps taken" once it has ended */
static void step_text(const GStepper *s, char *buf, size_t n)
{
    if (!s->snap.have)
        snprintf(buf, n, "starting");
    else if (g_step_snap_ended(&s->snap))
        snprintf(buf, n, "ended after %llu steps", (unsigned long long)s->snap.step);
    else
        snprintf(buf, n, "step %llu", (unsigned long long)s->snap.step);
}

static uint64_t steps_taken(const GStepper *s)
{
    if (!s->snap.have)
        return 0;
    return g_step_snap_ended(&s->snap) || s->snap.step == 0 ? s->snap.step : s->snap.step - 1;
}

/* ---- the banner: what just happened, or whose move it is ---- */

#define BANNER_ROWS 3

typedef struct Banner {
    char text[2][2 * G_STEP_FIELD + 100];    /* what to say: a reached goal, an end */
    GStyle style[2];
    int n;
    char row[BANNER_ROWS][G_STEP_FIELD];     /* ... wrapped to the screen's width */
    GStyle row_style[BANNER_ROWS];
    int nrows;
} Banner;

/* "0", "1 or 2", "0, 1 or 2": the keys of the threads that may take the step */
static void ready_keys(const GStepSnap *sn, char *buf, size_t n)
{
    int ready[64], k = 0;
    for (int i = 0; i < sn->nthreads && k < 64; i++)
        if (sn->threads[i].pickable)
            ready[k++] = sn->threads[i].no;
    size_t len = 0;
    buf[0] = 0;
    for (int i = 0; i < k && len + 16 < n; i++)
        len += (size_t)snprintf(buf + len, n - len, "%s%d", i == 0 ? "" : i == k - 1 ? " or " : ", ", ready[i]);
    if (k == 0)
        snprintf(buf, n, "(no thread is ready)");
}

static void banner_lines(const GStepper *s, Banner *b, int width)
{
    const GStepSnap *sn = &s->snap;
    memset(b, 0, sizeof *b);
    if (sn->goal_reached) {
        snprintf(b->text[b->n], sizeof b->text[0], "Goal reached %s; press w to save the schedule", sn->goal_what);
        b->style[b->n++] = G_STYLE_FOCUS;
    }
    if (s->dead) {
        snprintf(b->text[b->n], sizeof b->text[0],
                 "The run stopped unexpectedly: its gilt %s, %s. u undoes a step, r restarts, q quits", s->death,
                 sn->have ? "after the last step shown" : "before its first step");
        b->style[b->n++] = G_STYLE_ERROR;
    } else if (strcmp(sn->end, "deadlock") == 0) {
        snprintf(b->text[b->n], sizeof b->text[0], "Deadlock after %llu steps: %s (u undoes a step)",
                 (unsigned long long)sn->step, sn->end_detail);
        b->style[b->n++] = G_STYLE_ERROR;
    } else if (strcmp(sn->end, "budget") == 0) {
        snprintf(b->text[b->n], sizeof b->text[0], "Stopped: %s", sn->end_detail);
        b->style[b->n++] = G_STYLE_ERROR;
    } else if (strcmp(sn->end, "done") == 0) {
        char *end;
        strtol(sn->end_detail, &end, 10);
        bool status = sn->end_detail[0] && !*end;
        snprintf(b->text[b->n], sizeof b->text[0], "The program has finished%s%s%s%s", status ? " (exit status " : ": ",
                 sn->end_detail, status ? ")" : "",
                 sn->goal[0] && !sn->goal_reached ? "; the goal was not reached: u undoes, r restarts" : "");
        b->style[b->n++] = sn->goal_reached ? G_STYLE_BOLD : G_STYLE_GIL_ON;
    } else if (sn->end[0]) {
        snprintf(b->text[b->n], sizeof b->text[0], "The run has ended (%s): %s", sn->end, sn->end_detail);
        b->style[b->n++] = G_STYLE_BOLD;
    }
    if (b->n) {   /* these matter: wrapped, not cut (up to BANNER_ROWS rows in all) */
        for (int i = 0; i < b->n && b->nrows < BANNER_ROWS; i++) {
            int room = BANNER_ROWS - b->nrows - (b->n - 1 - i);
            int got = wrap(b->text[i], width, &b->row[b->nrows], room < 1 ? 1 : room);
            for (int j = 0; j < got; j++)
                b->row_style[b->nrows + j] = b->style[i];
            b->nrows += got;
        }
        return;
    }
    b->nrows = 1;
    if (!sn->have) {
        snprintf(b->row[0], sizeof b->row[0], "Starting the program...");
        b->row_style[0] = G_STYLE_DIM;
        return;
    }
    char keys[200];
    ready_keys(sn, keys, sizeof keys);
    /* the goal in full: on a row of its own when the keys would not fit after it
     * (decided by its length alone, so that the layout does not jump from step to step) */
    if (sn->goal[0] && (int)strlen(sn->goal) + 30 > width) {
        snprintf(b->row[0], sizeof b->row[0], "Goal: %.390s.", sn->goal);
        snprintf(b->row[1], sizeof b->row[1], "Your move: %.80s", keys);
        b->row_style[1] = G_STYLE_NORMAL;
        b->nrows = 2;
    } else if (sn->goal[0])
        snprintf(b->row[0], sizeof b->row[0], "Goal: %.300s.  Your move: %.80s", sn->goal, keys);
    else
        snprintf(b->row[0], sizeof b->row[0], "Your move: %.80s takes step %llu", keys, (unsigned long long)sn->step);
    b->row_style[0] = G_STYLE_NORMAL;
}

/* ---- panels ---- */

static void draw_header(GCanvas *c, GRect r, GStepper *s)
{
    g_canvas_fill(c, r, ' ', G_STYLE_HEADER);
    char st[64], left[1200];
    step_text(s, st, sizeof st);
    snprintf(left, sizeof left, "gilt --step %s  %s  grain %s  ", s->title, st,
             s->snap.grain[0] ? s->snap.grain : s->opt.grain ? s->opt.grain : "?");
    int x = r.x;
    x += g_canvas_text(c, x, r.y, r.w, G_STYLE_HEADER, left);
    x += g_canvas_text(c, x, r.y, r.x + r.w - x, s->opt.gil ? G_STYLE_GIL_ON : G_STYLE_GIL_OFF,
                       s->opt.gil ? " GIL ON " : " GIL OFF ");
    if (s->snap.goal[0]) {
        char goal[G_STEP_FIELD + 16];
        snprintf(goal, sizeof goal, "  goal: %s", s->snap.goal);
        g_canvas_text(c, x, r.y, r.x + r.w - x, G_STYLE_HEADER, goal);
    }
}

static void draw_banner(GCanvas *c, GRect r, GStepper *s)
{
    Banner b;
    banner_lines(s, &b, r.w - 2);
    for (int i = 0; i < b.nrows && i < r.h; i++) {
        GRect row = { r.x, r.y + i, r.w, 1 };
        if (b.row_style[i] != G_STYLE_NORMAL && b.row_style[i] != G_STYLE_DIM)
            g_canvas_fill(c, row, ' ', b.row_style[i]);
        g_canvas_text(c, r.x + 1, r.y + i, r.w - 1, b.row_style[i], b.row[i]);
    }
}

/* A thread's lines around `line`: '>' marks it, line numbers on the left, the
 * lines' common indentation taken off so that narrow columns show the code. */
static void draw_source(GCanvas *c, GRect r, const GStepSource *sf, int line)
{
    if (r.h < 1)
        return;
    int first = line - (r.h - 1) / 2;
    if (first > sf->nlines - r.h + 1)
        first = sf->nlines - r.h + 1;
    if (first < 1)
        first = 1;
    int last = first + r.h - 1 > sf->nlines ? sf->nlines : first + r.h - 1;
    int indent = 1 << 30;
    for (int i = first; i <= last; i++) {
        const char *t = sf->lines[i - 1];
        int k = (int)strspn(t, " ");
        if (t[k] && k < indent)
            indent = k;
    }
    if (indent == 1 << 30)
        indent = 0;
    char num[16];
    int nw = snprintf(num, sizeof num, "%d", last);
    for (int i = first; i <= last; i++) {
        int y = r.y + i - first;
        bool here = i == line;
        const char *t = sf->lines[i - 1];
        int k = (int)strspn(t, " ");
        t += k < indent ? k : indent;
        g_canvas_put(c, r.x, y, here ? '>' : ' ', G_STYLE_MARK);
        g_canvas_printf(c, r.x + 1, y, nw + 1, here ? G_STYLE_BOLD : G_STYLE_DIM, "%*d", nw, i);
        g_canvas_text(c, r.x + nw + 2, y, r.w - nw - 2, here ? G_STYLE_MARK : G_STYLE_NORMAL, t);
    }
}

static void draw_column(GCanvas *c, GRect r, GStepper *s, const GStepThread *t)
{
    char title[G_STEP_FIELD + 16];
    snprintf(title, sizeof title, "T%d %s", t->no, t->name);
    GRect in = g_canvas_box(c, r, title, t->no == s->selected);
    if (in.w < 4 || in.h < 1)
        return;
    bool finished = strcmp(t->state, "finished") == 0;
    /* what it is doing: ready (and its key), blocked on what, finished */
    char state[G_STEP_FIELD + 40];
    GStyle st;
    if (finished) {
        snprintf(state, sizeof state, "finished");
        st = G_STYLE_DIM;
    } else if (strcmp(s->snap.end, "done") == 0 && !t->file[0]) {
        snprintf(state, sizeof state, "at the program's end");   /* the main thread, exiting */
        st = G_STYLE_DIM;
        finished = true;
    } else if (t->pickable && running(s)) {
        if (t->no <= 9)
            snprintf(state, sizeof state, "%s - key %d", t->status[0] ? t->status : "ready", t->no);
        else
            snprintf(state, sizeof state, "%s - select, space", t->status[0] ? t->status : "ready");
        st = G_STYLE_RUNNING;
    } else {
        snprintf(state, sizeof state, "%s", t->status[0] ? t->status : t->state);
        st = strcmp(t->state, "blocked") == 0 ? G_STYLE_LOCK_WAIT : G_STYLE_DIM;
    }
    char lines[3][G_STEP_FIELD];
    int y = in.y, bottom = in.y + in.h;
    int n = wrap(state, in.w, lines, in.h >= 8 ? 3 : 2);
    for (int i = 0; i < n && y < bottom; i++)
        g_canvas_text(c, in.x, y++, in.w, st, lines[i]);
    if (t->expanded && y < bottom)
        g_canvas_text(c, in.x, y++, in.w, G_STYLE_BOLD, "[expanded]");
    if (finished)
        return;
    /* its code, then its next instruction and what it has on its stack */
    char stack[2][G_STEP_FIELD];
    int ns = t->stack[0] ? wrap(t->stack, in.w, stack, bottom - y >= 7 ? 2 : 1) : 0;
    int foot = ns + (t->instr[0] ? 1 : 0);
    int code_h = bottom - y - foot;
    const GStepSource *sf = g_step_source(&s->src, t->file);
    if (code_h > 0 && sf && t->line >= 1 && t->line <= sf->nlines) {
        if (code_h > sf->nlines)
            code_h = sf->nlines;
        draw_source(c, (GRect){ in.x, y, in.w, code_h }, sf, t->line);
        y += code_h;
    } else if (code_h > 0 && t->file[0]) {
        g_canvas_printf(c, in.x, y++, in.w, G_STYLE_DIM, "in %s:%d", t->file[0] == '<' ? "gilt's own code" : t->file,
                        t->line);
    }
    if (t->instr[0] && y < bottom) {
        g_canvas_text(c, in.x, y, in.w, G_STYLE_DIM, "next ");
        g_canvas_text(c, in.x + 5, y++, in.w - 5, G_STYLE_BOLD, t->instr);
    }
    for (int i = 0; i < ns && y < bottom; i++)
        g_canvas_text(c, in.x, y++, in.w, G_STYLE_NORMAL, stack[i]);
}

/* Which threads get a column when not all fit: the selected one, then those still
 * running in number order, then finished ones; shown in number order. */
static int choose_columns(const GStepper *s, int fit, int *out)
{
    const GStepSnap *sn = &s->snap;
    int n = 0;
    if (sn->nthreads <= fit) {
        for (int i = 0; i < sn->nthreads; i++)
            out[n++] = i;
        return n;
    }
    bool *take = calloc((size_t)sn->nthreads, 1);
    if (!take)
        return 0;
    int taken = 0;
    for (int pass = 0; pass < 3 && taken < fit; pass++)
        for (int i = 0; i < sn->nthreads && taken < fit; i++) {
            const GStepThread *t = &sn->threads[i];
            bool fin = strcmp(t->state, "finished") == 0;
            bool want = pass == 0 ? t->no == s->selected : pass == 1 ? !fin : fin;
            if (want && !take[i]) {
                take[i] = true;
                taken++;
            }
        }
    for (int i = 0; i < sn->nthreads; i++)
        if (take[i])
            out[n++] = i;
    free(take);
    return n;
}

static void draw_threads(GCanvas *c, GRect r, GStepper *s)
{
    const GStepSnap *sn = &s->snap;
    if (sn->nthreads == 0) {
        GRect in = g_canvas_box(c, r, "threads", false);
        g_canvas_text(c, in.x, in.y, in.w, G_STYLE_DIM, s->dead ? "(no snapshot came from the program)" : "(none yet)");
        return;
    }
    int fit = r.w / G_STEPPER_COL_MIN;
    if (fit < 1)
        fit = 1;
    int *shown = calloc((size_t)sn->nthreads, sizeof *shown);
    if (!shown)
        return;
    int n = choose_columns(s, fit, shown);
    bool rest = n < sn->nthreads;
    int h = r.h - (rest ? 1 : 0);
    int cw = n ? r.w / n : r.w;
    for (int i = 0; i < n; i++) {
        int x = r.x + i * cw, w = i == n - 1 ? r.x + r.w - x : cw;
        draw_column(c, (GRect){ x, r.y, w, h }, s, &sn->threads[shown[i]]);
    }
    if (rest) {
        char line[1024];
        size_t k = (size_t)snprintf(line, sizeof line, "also (left/right shows them):");
        for (int i = 0, j = 0; i < sn->nthreads && k + 40 < sizeof line; i++) {
            if (j < n && shown[j] == i) {
                j++;
                continue;
            }
            const GStepThread *t = &sn->threads[i];
            k += (size_t)snprintf(line + k, sizeof line - k, "  T%d %s", t->no,
                                  t->pickable && running(s) ? "ready" : t->state);
        }
        g_canvas_text(c, r.x + 1, r.y + h, r.w - 1, G_STYLE_NORMAL, line);
    }
    free(shown);
}

static void draw_shared(GCanvas *c, GRect r, GStepper *s)
{
    const GStepSnap *sn = &s->snap;
    bool deadlock = strcmp(sn->end, "deadlock") == 0;
    GRect in = g_canvas_box(c, r, deadlock ? "deadlock: who waits for what" : "shared", false);
    if (in.w < 4 || in.h < 1)
        return;
    int y = in.y, bottom = in.y + in.h - 1;   /* the last row: the schedule */
    int blocked = 0;
    for (int i = 0; i < sn->nthreads; i++)
        blocked += strcmp(sn->threads[i].state, "blocked") == 0;
    if (deadlock)
        for (int i = 0; i < sn->nthreads && y < bottom; i++) {
            const GStepThread *t = &sn->threads[i];
            if (strcmp(t->state, "blocked") != 0)
                continue;
            const char *why = strncmp(t->status, "blocked: ", 9) == 0 ? t->status + 9 : t->status;
            char text[G_STEP_FIELD + 16], rows[2][G_STEP_FIELD];
            snprintf(text, sizeof text, "T%d %s", t->no, why);
            /* two rows each if every blocked thread can have them */
            int nr = wrap(text, in.w, rows, bottom - in.y >= 2 * blocked ? 2 : 1);
            for (int j = 0; j < nr && y < bottom; j++)
                g_canvas_text(c, in.x + (j ? 3 : 0), y++, in.w - (j ? 3 : 0), G_STYLE_LOCK_WAIT, rows[j]);
        }
    for (int i = 0; i < sn->nwatch && y < bottom; i++) {
        if (y == bottom - 1 && i < sn->nwatch - 1) {
            g_canvas_printf(c, in.x, y++, in.w, G_STYLE_DIM, "... and %d more", sn->nwatch - i);
            break;
        }
        int x = in.x + g_canvas_text(c, in.x, y, in.w, G_STYLE_BOLD, sn->watch[i].expr);
        x += g_canvas_text(c, x, y, in.x + in.w - x, G_STYLE_NORMAL, " = ");
        g_canvas_text(c, x, y++, in.x + in.w - x, G_STYLE_NORMAL, sn->watch[i].repr);
    }
    if (sn->nwatch == 0 && !deadlock && y < bottom)
        g_canvas_text(c, in.x, y, in.w, G_STYLE_DIM, sn->have ? "(no shared variables yet)" : "");
    char head[64];
    int hw = snprintf(head, sizeof head, "%llu steps: ", (unsigned long long)steps_taken(s));
    g_canvas_text(c, in.x, in.y + in.h - 1, in.w, G_STYLE_DIM, head);
    text_tail(c, in.x + hw, in.y + in.h - 1, in.w - hw, G_STYLE_NORMAL, sn->schedule[0] ? sn->schedule : "(none yet)");
}

static void draw_output(GCanvas *c, GRect r, GStepper *s)
{
    s->out_view.out = &s->out;
    g_panel_output(c, r, &s->out_view, false);
}

static void draw_message(GCanvas *c, GRect r, GStepper *s)
{
    if (s->busy)
        g_canvas_printf(c, r.x, r.y, r.w, G_STYLE_BOLD, "%s ... (q quits)", s->busy_what ? s->busy_what : "working");
    else if (s->message[0])
        g_canvas_text(c, r.x, r.y, r.w, s->msg_kind == G_MSG_ERROR ? G_STYLE_ERROR : G_STYLE_BOLD, s->message);
}

/* The bindings' short names that fit, in the table's order; those with the highest
 * rank give way first. */
static void draw_keys(GCanvas *c, GRect r, GStepper *s)
{
    (void)s;
    bool drop[64] = { false };
    for (;;) {
        int w = 0, worst = -1;
        for (int i = 0; i < g_step_nbindings && i < 64; i++) {
            const GStepBinding *b = &g_step_bindings[i];
            if (!b->brief || drop[i])
                continue;
            w += (w ? 2 : 0) + (int)strlen(b->label) + 1 + (int)strlen(b->brief);
            if (worst < 0 || b->rank > g_step_bindings[worst].rank)
                worst = i;
        }
        if (w <= r.w || worst < 0)
            break;
        drop[worst] = true;
    }
    int x = r.x;
    for (int i = 0; i < g_step_nbindings && i < 64; i++) {
        const GStepBinding *b = &g_step_bindings[i];
        if (!b->brief || drop[i])
            continue;
        if (x > r.x)
            x += 2;
        x += g_canvas_text(c, x, r.y, r.x + r.w - x, G_STYLE_BOLD, b->label);
        x += g_canvas_text(c, x, r.y, r.x + r.w - x, G_STYLE_DIM, " ");
        x += g_canvas_text(c, x, r.y, r.x + r.w - x, G_STYLE_DIM, b->brief);
    }
}

/* ---- the layout: the panels as a table, each given its rectangle ---- */

enum { P_HEADER, P_BANNER, P_THREADS, P_SHARED, P_OUTPUT, P_MESSAGE, P_KEYS, P_COUNT };

static const struct {
    const char *name;
    PanelFn draw;
} panels[P_COUNT] = {
    [P_HEADER] = { "header", draw_header },   [P_BANNER] = { "banner", draw_banner },
    [P_THREADS] = { "threads", draw_threads }, [P_SHARED] = { "shared", draw_shared },
    [P_OUTPUT] = { "output", draw_output },   [P_MESSAGE] = { "message", draw_message },
    [P_KEYS] = { "keys", draw_keys },
};

static void layout(const GCanvas *c, GStepper *s, GRect r[P_COUNT])
{
    int w = c->w, h = c->h;
    Banner b;
    banner_lines(s, &b, w - 2);
    int nb = b.nrows < 1 ? 1 : b.nrows;
    int body = h - 3 - nb;                   /* header, banner(s), message, keys */
    int bottom = 7 + (h - G_STEPPER_MIN_H) * 2 / 5;
    if (body - bottom < 9)
        bottom = body - 9;
    /* a deadlock's wait-for lines need the room more than the output does */
    int sw = w * (strcmp(s->snap.end, "deadlock") == 0 ? 65 : 45) / 100;
    r[P_HEADER] = (GRect){ 0, 0, w, 1 };
    r[P_BANNER] = (GRect){ 0, 1, w, nb };
    r[P_THREADS] = (GRect){ 0, 1 + nb, w, body - bottom };
    r[P_SHARED] = (GRect){ 0, 1 + nb + body - bottom, sw, bottom };
    r[P_OUTPUT] = (GRect){ sw, 1 + nb + body - bottom, w - sw, bottom };
    r[P_MESSAGE] = (GRect){ 0, h - 2, w, 1 };
    r[P_KEYS] = (GRect){ 0, h - 1, w, 1 };
}

static void too_small(GCanvas *c)
{
    char msg[128];
    int y = c->h / 2 - 1;
    snprintf(msg, sizeof msg, "terminal too small: %dx%d", c->w, c->h);
    g_canvas_text(c, 0, y < 0 ? 0 : y, c->w, G_STYLE_ERROR, msg);
    snprintf(msg, sizeof msg, "the stepper needs %dx%d; enlarge it, or q to quit", G_STEPPER_MIN_W, G_STEPPER_MIN_H);
    g_canvas_text(c, 0, (y < 0 ? 0 : y) + 1, c->w, G_STYLE_NORMAL, msg);
}

static const char *const help_notes[] = {
    "",
    "A step is one bytecode instruction (grain op) or one line (grain line).",
    "e expands a line: its instructions become steps, so that count += 1",
    "splits into its read, its add and its write.",
    "Undo and restart run the program again in a fresh gilt and replay your",
    "choices: the run is deterministic, so it lands exactly where it was.",
};

static void draw_help(GCanvas *c)
{
    int nn = (int)(sizeof help_notes / sizeof help_notes[0]);
    GRect in = g_canvas_popup(c, 76, g_step_nbindings + nn + 2, "keys (any key closes this)");
    int y = in.y;
    for (int i = 0; i < g_step_nbindings && y < in.y + in.h; i++, y++) {
        g_canvas_text(c, in.x + 1, y, 12, G_STYLE_BOLD, g_step_bindings[i].label);
        g_canvas_text(c, in.x + 13, y, in.w - 13, G_STYLE_NORMAL, g_step_bindings[i].help);
    }
    for (int i = 0; i < nn && y < in.y + in.h; i++, y++)
        g_canvas_text(c, in.x + 1, y, in.w - 1, G_STYLE_DIM, help_notes[i]);
}

void g_stepper_draw(GCanvas *c, GStepper *s)
{
    g_canvas_clear(c);
    if (c->w < G_STEPPER_MIN_W || c->h < G_STEPPER_MIN_H) {
        too_small(c);
        return;
    }
    GRect r[P_COUNT];
    layout(c, s, r);
    for (int i = 0; i < P_COUNT; i++)
        panels[i].draw(c, r[i], s);
    if (s->help)
        draw_help(c);
}
