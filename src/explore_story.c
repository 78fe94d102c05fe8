/* explore_story.c -- the story of a failing schedule (explore_story.h).
 *
 * Only the accesses that matter are shown: a location is in the story when two
 * threads touch it and one of them writes.  At most four threads get columns (a
 * story of more is too wide to read), and at most 60 rows are printed.  A row holds
 * one thing (a source line, or an access), so it may run past its column, up to 100
 * characters.
 */
#include "explore_story.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vm/explore.h"

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "gilt: out of memory in --explore\n");
        exit(2);
    }
    return q;
}


typedef struct Acc {
    uint64_t step;
    int thread, line;
    bool write;
    bool shown;          /* in the story */
    char loc[64], value[48], obj[24], file[64];
} Acc;

static int parse_account(const char *text, Acc **out)
{
    int n = 0, cap = 0;
    Acc *v = NULL;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char line[400];
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        Acc a;
        memset(&a, 0, sizeof a);
        char *f[8];
        int nf = 0;
        for (char *tok = line, *tab; nf < 8; tok = tab + 1) {
            f[nf++] = tok;
            tab = strchr(tok, '\t');
            if (!tab)
                break;
            *tab = 0;
        }
        if (nf == 8) {
            a.step = strtoull(f[0], NULL, 10);
            a.thread = atoi(f[1]);
            snprintf(a.file, sizeof a.file, "%s", f[2]);
            a.line = atoi(f[3]);
            a.write = f[4][0] == 'w';
            snprintf(a.loc, sizeof a.loc, "%s", f[5]);
            snprintf(a.value, sizeof a.value, "%s", f[6]);
            snprintf(a.obj, sizeof a.obj, "%s", f[7]);
            if (n == cap)
                v = xrealloc(v, (size_t)(cap = cap ? cap * 2 : 64) * sizeof *v);
            v[n++] = a;
        }
        p = nl ? nl + 1 : p + len;
    }
    *out = v;
    return n;
}

static const char *source_line(const char *src, size_t len, int line, char *buf, size_t n)
{
    const char *p = src, *end = src + len;
    for (int l = 1; l < line && p < end; l++) {
        p = memchr(p, '\n', (size_t)(end - p));
        if (!p)
            return "";
        p++;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t k = nl ? (size_t)(nl - p) : (size_t)(end - p);
    while (k && (*p == ' ' || *p == '\t'))
        p++, k--;
    snprintf(buf, n, "%.*s", (int)k, p);
    return buf;
}

static bool same_loc(const Acc *a, const Acc *b) { return strcmp(a->loc, b->loc) == 0 && strcmp(a->obj, b->obj) == 0; }

/* "Account.balance" of two accounts would read as one location: where a program has
 * two or more objects of a type in the story, they become Account#1, Account#2 (in
 * the order they first appear). */
static void number_objects(Acc *v, int n)
{
    for (int i = 0; i < n; i++) {
        char *dot = strpbrk(v[i].loc, ".[");
        if (!v[i].loc[0] || !dot || strchr(v[i].loc, '#'))
            continue;
        size_t tl = (size_t)(dot - v[i].loc);
        /* the distinct objects of this type, in order */
        const char *objs[64];
        int nobj = 0;
        for (int j = 0; j < n; j++) {
            char *d = strpbrk(v[j].loc, ".[");
            if (!v[j].loc[0] || !d || (size_t)(d - v[j].loc) != tl || strncmp(v[j].loc, v[i].loc, tl) != 0)
                continue;
            bool seen = false;
            for (int k = 0; k < nobj && !seen; k++)
                seen = strcmp(objs[k], v[j].obj) == 0;
            if (!seen && nobj < 64)
                objs[nobj++] = v[j].obj;
        }
        if (nobj < 2)
            continue;
        for (int j = n - 1; j >= 0; j--) {   /* rename this type's accesses, last first (objs points into v) */
            char *d = strpbrk(v[j].loc, ".[");
            if (!v[j].loc[0] || !d || (size_t)(d - v[j].loc) != tl || strncmp(v[j].loc, v[i].loc, tl) != 0 ||
                strchr(v[j].loc, '#'))
                continue;
            int k = 0;
            while (k < nobj && strcmp(objs[k], v[j].obj) != 0)
                k++;
            char renamed[sizeof v[j].loc];
            snprintf(renamed, sizeof renamed, "%.*s#%d%s", (int)tl, v[j].loc, k + 1, d);
            memcpy(v[j].loc, renamed, sizeof renamed);
        }
    }
}

void g_explore_story(const char *src, size_t len, const char *path, const char *account, FILE *out)
{
    const char *slash = strrchr(path, '/'), *main_file = slash ? slash + 1 : path;
    Acc *v;
    int n = parse_account(account, &v);
    if (n == 0) {
        free(v);
        return;
    }
    int threads[G_EXPLORE_MAX_THREADS], nt = 0;
    int col[G_EXPLORE_MAX_THREADS];
    for (int t = 0; t < G_EXPLORE_MAX_THREADS; t++)
        col[t] = -1;
    /* the set-up the main thread does before any other thread runs is not the story */
    int start = 0;
    while (start < n && v[start].thread == 0)
        start++;
    if (start == n)
        start = 0;
    for (int i = 0; i < start; i++)
        v[i].loc[0] = 0;
    /* a location is in the story when two threads touch it and one of them writes
     * it; then every access to it is */
    for (int i = start; i < n; i++) {
        bool written = false, shared = false;
        for (int j = start; j < n; j++) {
            if (!same_loc(&v[i], &v[j]))
                continue;
            written = written || v[j].write;
            shared = shared || v[j].thread != v[i].thread;
        }
        v[i].shown = written && shared;
    }
    for (int i = start; i < n; i++)
        if (v[i].shown && col[v[i].thread] < 0 && nt < 4)
            col[v[i].thread] = nt, threads[nt++] = v[i].thread;
    for (int i = 0; i < n; i++)
        if (!v[i].shown)
            v[i].loc[0] = 0;
    if (nt == 0) {
        free(v);
        return;
    }
    number_objects(v, n);
    int width = nt == 1 ? 70 : (78 - 7) / nt;
    fprintf(out, "\nThe shared reads and writes, in the order they ran:\n\n");
    fprintf(out, "  %5s  ", "step");
    for (int c = 0; c < nt; c++) {
        char h[32];
        if (threads[c] == 0)
            snprintf(h, sizeof h, "T0 (main thread)");
        else
            snprintf(h, sizeof h, "T%d", threads[c]);
        if (c == nt - 1)
            fprintf(out, "%s", h);
        else
            fprintf(out, "%-*s", width, h);
    }
    fputc('\n', out);
    int shown = 0, last_thread = -1, last_line[G_EXPLORE_MAX_THREADS];
    for (int t = 0; t < G_EXPLORE_MAX_THREADS; t++)
        last_line[t] = -1;
    for (int i = 0; i < n; i++) {
        Acc *a = &v[i];
        if (!a->loc[0] || col[a->thread] < 0)
            continue;
        if (++shown > 60) {
            fprintf(out, "  ...\n");
            break;
        }
        int c = col[a->thread];
        if (last_thread >= 0 && last_thread != a->thread)
            fprintf(out, "  %5s  %*s%s\n", "", c * width, "", "-- switch --");
        if (last_line[a->thread] != a->line) {
            char line[200], cell[260];
            if (strcmp(a->file, main_file) == 0)
                snprintf(cell, sizeof cell, "%d: %s", a->line, source_line(src, len, a->line, line, sizeof line));
            else   /* a module beside the script: its name and line */
                snprintf(cell, sizeof cell, "%s:%d", a->file, a->line);
            fprintf(out, "  %5s  %*s%.*s\n", "", c * width, "", 100 - 9 - c * width, cell);   /* a row of its own */
            last_line[a->thread] = a->line;
        }
        char cell[160];
        snprintf(cell, sizeof cell, "  %s %s %s %s", a->write ? "writes" : "reads", a->loc, a->write ? "<-" : "->",
                 a->value);
        fprintf(out, "  %5llu  %*s%.*s\n", (unsigned long long)a->step, c * width, "", 100 - 9 - c * width,
                cell);   /* a row of its own too: it may run past the column */
        last_thread = a->thread;
    }
    /* a lost update: a write by T to x, where T read x before another thread wrote it */
    for (int i = 0; i < n; i++) {
        Acc *w = &v[i];
        if (!w->loc[0] || !w->write)
            continue;
        int read = -1;
        for (int j = i - 1; j >= 0; j--)
            if (v[j].thread == w->thread && same_loc(&v[j], w)) {
                if (!v[j].write)
                    read = j;
                break;
            }
        if (read < 0)
            continue;
        for (int j = read + 1; j < i; j++) {
            Acc *o = &v[j];
            if (o->thread != w->thread && o->write && same_loc(o, w)) {
                fprintf(out,
                        "\nT%d read %s (%s) at step %llu, and T%d wrote %s <- %s at step %llu;\n"
                        "then T%d wrote %s <- %s at step %llu without reading it again:\n"
                        "T%d's update is lost.\n",
                        w->thread, w->loc, v[read].value, (unsigned long long)v[read].step, o->thread, o->loc,
                        o->value, (unsigned long long)o->step, w->thread, w->loc, w->value,
                        (unsigned long long)w->step, o->thread);
                free(v);
                return;
            }
        }
    }
    free(v);
}

