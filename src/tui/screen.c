/* screen.c -- the canvas on a real terminal (screen.h). */
#include "tui/screen.h"

#include <ctype.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

struct GScreen {
    SCREEN *scr;
    FILE *in, *out;
    bool colour, utf8;
    attr_t attr[G_STYLE_COUNT];
    short pair[G_STYLE_COUNT];
};

bool g_screen_locale_utf8(void)
{
    const char *vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strcasestr(v, "UTF-8") || strcasestr(v, "utf8");
    }
    return false;
}

bool g_screen_no_color(void)
{
    const char *v = getenv("NO_COLOR");
    return v && *v;
}

/* What each style looks like: { foreground, background, attributes in colour,
 * attributes in monochrome }.  -1 is the terminal's default colour. */
static const struct { short fg, bg; attr_t colour, mono; } looks[G_STYLE_COUNT] = {
    [G_STYLE_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
    [G_STYLE_DIM] = { -1, -1, A_DIM, A_NORMAL },
    [G_STYLE_BOLD] = { -1, -1, A_BOLD, A_BOLD },
    [G_STYLE_TITLE] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
    [G_STYLE_FOCUS] = { COLOR_YELLOW, -1, A_BOLD | A_REVERSE, A_REVERSE },
    [G_STYLE_HEADER] = { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE },
    [G_STYLE_GIL_ON] = { COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_BOLD },
    [G_STYLE_GIL_OFF] = { COLOR_BLACK, COLOR_GREEN, A_BOLD, A_BOLD },
    [G_STYLE_ERROR] = { COLOR_RED, -1, A_BOLD, A_BOLD },
    [G_STYLE_MARK] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
    [G_STYLE_RUNNING] = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
    [G_STYLE_GIL_WAIT] = { COLOR_YELLOW, -1, A_NORMAL, A_NORMAL },
    [G_STYLE_LOCK_WAIT] = { COLOR_RED, -1, A_NORMAL, A_NORMAL },
    [G_STYLE_BLOCKED] = { COLOR_BLUE, -1, A_BOLD, A_NORMAL },
    [G_STYLE_STOPPED] = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
    [G_STYLE_RUN_ON_GIL] = { COLOR_GREEN, COLOR_YELLOW, A_NORMAL, A_NORMAL },
    [G_STYLE_RUN_ON_LOCK] = { COLOR_GREEN, COLOR_RED, A_NORMAL, A_NORMAL },
    [G_STYLE_RUN_ON_BLOCKED] = { COLOR_GREEN, COLOR_BLUE, A_NORMAL, A_NORMAL },
    [G_STYLE_RUN_ON_STOPPED] = { COLOR_GREEN, COLOR_MAGENTA, A_NORMAL, A_NORMAL },
    [G_STYLE_COLLECTING] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
};

/* Forks while a screen is open.  newterm() installs ncurses' own handlers for the
 * signals below (where none was set): they put the terminal back to normal before
 * the process dies or stops.  A process forked meanwhile -- os.fork(), a
 * multiprocessing worker -- inherits them, and a worker ended with SIGTERM (a Pool's
 * terminate(), the end of `with Pool`) would reset the terminal under the parent's
 * screen: cooked mode again, the alternate screen left, and a dashboard that draws
 * only what changed left with half a screen.  So the handlers that were there
 * before newterm() are remembered, and put back in the child of any fork. */
static const int curses_signals[] = { SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH };
#define N_CURSES_SIGNALS (sizeof curses_signals / sizeof curses_signals[0])
static struct sigaction before_curses[N_CURSES_SIGNALS];  /* written by g_screen_open */
static atomic_bool screen_is_open;   /* set by g_screen_open, cleared by g_screen_close */
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

static void child_after_fork(void)
{
    /* acquire: pairs with the release in g_screen_open, which may have run on another
     * thread than the one that forks; before_curses is complete once this is true */
    if (!atomic_load_explicit(&screen_is_open, memory_order_acquire))
        return;
    for (size_t i = 0; i < N_CURSES_SIGNALS; i++)
        sigaction(curses_signals[i], &before_curses[i], NULL);
    atomic_store_explicit(&screen_is_open, false, memory_order_relaxed);   /* this process has none */
}

static void register_atfork(void) { pthread_atfork(NULL, NULL, child_after_fork); }

GScreen *g_screen_open(int in_fd, int out_fd, bool mono, char *err, size_t errlen)
{
    const char *term = getenv("TERM");
    if (!term || !*term) {
        snprintf(err, errlen, "TERM is not set, so the terminal's type is unknown");
        return NULL;
    }
    if (strcmp(term, "dumb") == 0) {
        snprintf(err, errlen, "the terminal is 'dumb': it cannot move the cursor, so it cannot show a dashboard");
        return NULL;
    }
    GScreen *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->in = fdopen(dup(in_fd), "r");
    s->out = fdopen(dup(out_fd), "w");
    if (!s->in || !s->out) {
        snprintf(err, errlen, "cannot open the terminal");
        goto fail;
    }
    pthread_once(&atfork_once, register_atfork);
    if (!atomic_load_explicit(&screen_is_open, memory_order_relaxed))
        for (size_t i = 0; i < N_CURSES_SIGNALS; i++)
            sigaction(curses_signals[i], NULL, &before_curses[i]);
    s->scr = newterm(term, s->out, s->in);
    if (!s->scr) {
        snprintf(err, errlen, "the terminal type '%s' is unknown to ncurses", term);
        goto fail;
    }
    set_term(s->scr);
    /* release: before_curses is written before a forking thread can see the flag */
    atomic_store_explicit(&screen_is_open, true, memory_order_release);
    if (!tigetstr("cup") || tigetstr("cup") == (char *)-1) {
        endwin();
        delscreen(s->scr);
        s->scr = NULL;
        atomic_store_explicit(&screen_is_open, false, memory_order_relaxed);
        snprintf(err, errlen, "the terminal '%s' cannot move the cursor, so it cannot show a dashboard", term);
        goto fail;
    }
    cbreak();      /* keys at once; Ctrl-C still interrupts the script */
    noecho();
    nonl();
    curs_set(0);
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    s->utf8 = g_screen_locale_utf8();
    s->colour = !mono && !g_screen_no_color() && has_colors() && start_color() == OK;
    if (s->colour)
        use_default_colors();
    for (int i = 0; i < G_STYLE_COUNT; i++) {
        s->attr[i] = s->colour ? looks[i].colour : looks[i].mono;
        if (s->colour && (looks[i].fg >= 0 || looks[i].bg >= 0)) {
            init_pair((short)(i + 1), looks[i].fg, looks[i].bg);
            s->pair[i] = (short)(i + 1);
        }
    }
    return s;
fail:
    if (s->in)
        fclose(s->in);
    if (s->out)
        fclose(s->out);
    free(s);
    return NULL;
}

bool g_screen_colour(const GScreen *s) { return s->colour; }

void g_screen_size(GScreen *s, int *w, int *h)
{
    (void)s;
    getmaxyx(stdscr, *h, *w);
}

/* ASCII for what a non-UTF-8 terminal cannot show. */
static wchar_t ascii(uint32_t ch)
{
    switch (ch) {
    case G_CH_HLINE: return '-';
    case G_CH_VLINE: return '|';
    case G_CH_TL: case G_CH_TR: case G_CH_BL: case G_CH_BR: return '+';
    case G_CH_SHADE: return '-';      /* GIL wait */
    case 0x2592u: return 'x';         /* lock wait */
    case G_CH_MIDDOT: return '.';     /* blocked */
    case G_CH_ARROW: return '>';
    case G_CH_CONT: return '>';       /* a wrapped line goes on */
    case G_CH_DARK: return '@';       /* collecting */
    case 0x2588u: return '#';         /* running */
    default: break;
    }
    if (ch > G_CH_BLOCK(0) && ch < G_CH_BLOCK(8))
        return ch < G_CH_BLOCK(4) ? '_' : '=';   /* partly running */
    return ch < 0x80 ? (wchar_t)ch : '?';
}

void g_screen_show(GScreen *s, const GCanvas *c)
{
    int w, h;
    getmaxyx(stdscr, h, w);
    for (int y = 0; y < c->h && y < h; y++) {
        for (int x = 0; x < c->w && x < w; x++) {
            const GCell *cell = &c->cells[y * c->w + x];
            wchar_t wc[2] = { s->utf8 ? (wchar_t)cell->ch : ascii(cell->ch), 0 };
            cchar_t cc;
            int st = cell->style < G_STYLE_COUNT ? cell->style : 0;
            setcchar(&cc, wc, s->attr[st], s->pair[st], NULL);
            mvadd_wch(y, x, &cc);
        }
    }
    refresh();
}

void g_screen_redraw(GScreen *s)
{
    (void)s;
    clearok(curscr, TRUE);
}

int g_screen_key(GScreen *s)
{
    (void)s;
    wint_t wc;
    int r = get_wch(&wc);
    if (r == ERR)
        return G_KEY_NONE;
    if (r == KEY_CODE_YES) {
        switch (wc) {
        case KEY_UP: return G_KEY_UP;
        case KEY_DOWN: return G_KEY_DOWN;
        case KEY_LEFT: return G_KEY_LEFT;
        case KEY_RIGHT: return G_KEY_RIGHT;
        case KEY_PPAGE: return G_KEY_PGUP;
        case KEY_NPAGE: return G_KEY_PGDN;
        case KEY_F(1): return G_KEY_F1;
        case KEY_BTAB: return G_KEY_BTAB;
        case KEY_RESIZE: return G_KEY_RESIZE;
        default: return G_KEY_NONE;
        }
    }
    return (int)wc;
}

void g_screen_close(GScreen *s)
{
    if (!s)
        return;
    curs_set(1);
    endwin();
    delscreen(s->scr);
    /* relaxed: a fork that still sees true only puts back the handlers of before */
    atomic_store_explicit(&screen_is_open, false, memory_order_relaxed);
    fclose(s->in);
    fclose(s->out);
    free(s);
}
