/* locks.c -- the most contended locks: Python Locks by their label or creation
 * site, container locks by type and address; sorted by the time threads waited.
 *
 * A name longer than its column is shortened by steps that lose the least, each
 * tried only while it is still too long:
 *
 *     "lock@02_the_lost_update.py:48"  -> "02_the_lost_update:48" -> "02_the_los~:48"
 *     "Thread-13 (hammer) to finish"   -> "Thread-13 to finish"    (then cut at the end)
 *     "the Event to be set"            -> "Event to be set"
 *
 * ("lock@" and ".py" say nothing in a locks panel; a creation site keeps its
 * line number, which tells two locks of one file apart.)
 *
 * A container's lock (list@0x..., dict@0x...) records only the acquisitions that
 * waited (G_LOCK_WAITS_ONLY): its row shows "-" acquisitions and, under "cont", the
 * number of waits instead of a share -- a share of waits among waits would always
 * read 100%. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/format.h"
#include "tui/panels.h"

static int by_wait(const void *a, const void *b)
{
    const GLockStats *x = a, *y = b;
    if (x->wait_ns != y->wait_ns)
        return x->wait_ns < y->wait_ns ? 1 : -1;
    if (x->acquisitions != y->acquisitions)
        return x->acquisitions < y->acquisitions ? 1 : -1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* A count in at most 4 columns (the "cont" column): 9999, 12k, 340k, 1.2M, 56M. */
static void count4(char *buf, size_t n, uint64_t v)
{
    if (v < 10000)
        snprintf(buf, n, "%llu", (unsigned long long)v);
    else if (v < 1000000)
        snprintf(buf, n, "%lluk", (unsigned long long)(v / 1000));
    else if (v < 9950000)
        snprintf(buf, n, "%.1fM", (double)v / 1e6);
    else
        snprintf(buf, n, "%lluM", (unsigned long long)((v + 500000) / 1000000 > 999 ? 999 : (v + 500000) / 1000000));
}

static void drop(char *s, const char *what)
{
    char *p = strstr(s, what);
    if (p)
        memmove(p, p + strlen(what), strlen(p + strlen(what)) + 1);
}

static void shorten(char *name, int width)
{
    if ((int)strlen(name) > width && !strncmp(name, "lock@", 5))
        drop(name, "lock@");
    char *py = strstr(name, ".py:");
    if ((int)strlen(name) > width && py)
        memmove(py, py + 3, strlen(py + 3) + 1);   /* ".py:48" -> ":48" */
    char *open = strstr(name, " (");
    char *close = open ? strchr(open, ')') : NULL;
    if ((int)strlen(name) > width && close)
        memmove(open, close + 1, strlen(close + 1) + 1);
    static const char *const articles[] = { "the ", "an ", "a " };
    for (int i = 0; i < 3 && (int)strlen(name) > width; i++)
        if (!strncmp(name, articles[i], strlen(articles[i])))
            drop(name, articles[i]);
    int n = (int)strlen(name);
    if (n <= width || width < 6)
        return;
    /* a creation site: keep ":LINE", cut the file's name */
    char *colon = strrchr(name, ':');
    int tail = colon ? n - (int)(colon - name) : 0;
    if (colon && tail + 3 <= width && strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
        memmove(name + width - tail, colon, (size_t)tail + 1);
        name[width - tail - 1] = '~';
    }
}

void g_panel_locks(GCanvas *c, GRect r, GDash *d, bool focused)
{
    GStats *s = &d->model->stats;
    char title[64];
    snprintf(title, sizeof title, "locks (%zu)", s->nlocks);
    GRect in = g_canvas_box(c, r, title, focused);
    if (in.h < 2 || in.w < 20)
        return;
    bool wide = in.w >= 44;                    /* room for the max wait column */
    int nw = in.w - 6 - 5 - 8 - (wide ? 8 : 0);
    g_canvas_printf(c, in.x, in.y, in.w, G_STYLE_DIM, "%-*s %5s %4s %7s%s", nw - 1, "lock", "acq", "cont", "waited",
                    wide ? "     max" : "");
    if (s->nlocks == 0) {
        g_canvas_text(c, in.x, in.y + 1, in.w, G_STYLE_DIM, "(no lock used yet)");
        return;
    }
    GLockStats *ls = malloc(s->nlocks * sizeof *ls);
    if (!ls)
        return;
    size_t n = 0;
    for (size_t i = 0; i < s->locks_cap && n < s->nlocks; i++)
        if (s->locks[i].id)
            ls[n++] = s->locks[i];
    qsort(ls, n, sizeof *ls, by_wait);
    int room = in.h - 1;
    int first = d->view.scroll[G_PANEL_LOCKS];
    if (first > (int)n - room)
        first = (int)n - room;
    if (first < 0)
        first = 0;
    d->view.scroll[G_PANEL_LOCKS] = first;
    for (int i = 0; i < room && first + i < (int)n; i++) {
        GLockStats *l = &ls[first + i];
        char name[96], acq[16], pct[16], wait[16], max[16];
        if (l->name)
            snprintf(name, sizeof name, "%s", d->str(l->name, d->str_ctx));
        else
            snprintf(name, sizeof name, "lock@%#llx", (unsigned long long)l->id);
        g_fmt_count(acq, sizeof acq, l->acquisitions);
        g_fmt_percent(pct, sizeof pct, l->acquisitions ? (double)l->contended / (double)l->acquisitions : 0);
        if (l->waits_only) {       /* a container's lock: only its waits are recorded, so no
                                    * share: "-" acquisitions, and the number of waits */
            snprintf(acq, sizeof acq, "-");
            count4(pct, sizeof pct, l->contended);
        }
        g_fmt_ns(wait, sizeof wait, l->wait_ns);
        g_fmt_ns(max, sizeof max, l->max_wait_ns);
        shorten(name, nw - 1);
        int y = in.y + 1 + i;
        GStyle st = l->contended ? G_STYLE_BOLD : G_STYLE_NORMAL;
        g_canvas_text(c, in.x, y, nw - 1, st, name);
        g_canvas_printf(c, in.x + nw, y, in.w - nw, st, "%5s %4s %7s", acq, pct, wait);
        if (wide)
            g_canvas_printf(c, in.x + nw + 18, y, 8, st, " %7s", max);
    }
    free(ls);
}
