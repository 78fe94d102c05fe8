/* schedule.c -- schedules in memory, as run-length text and as files (schedule.h).
 *
 * Everything that reads a file or a string checks it completely and says what is
 * wrong and where; nothing here trusts its input.
 */
#include "vm/schedule.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

void g_schedule_init(GSchedule *s)
{
    memset(s, 0, sizeof *s);
    s->grain = -1;
}

void g_schedule_free(GSchedule *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->e[i].note);
    free(s->e);
    g_schedule_init(s);
}

void g_schedule_add(GSchedule *s, int thread, bool expand, const char *note)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        GSchedEntry *e = realloc(s->e, cap * sizeof *e);
        if (!e)
            abort();   /* a schedule with a hole in it would replay something else */
        s->e = e;
        s->cap = cap;
    }
    char *copy = note ? strdup(note) : NULL;
    if (note && !copy)
        abort();
    s->e[s->n++] = (GSchedEntry){ thread, expand, copy };
    if (!expand)
        s->nsteps++;
}

void g_schedule_pop(GSchedule *s)
{
    while (s->n > 0 && s->e[s->n - 1].expand)
        free(s->e[--s->n].note);
    if (s->n > 0) {
        free(s->e[--s->n].note);
        s->nsteps--;
    }
    while (s->n > 0 && s->e[s->n - 1].expand)
        free(s->e[--s->n].note);
}

/* A decimal number of at most `max`; advances *p.  false if there is none or it is
 * too big. */
static bool number(const char **p, long max, long *out)
{
    if (!isdigit((unsigned char)**p))
        return false;
    long v = 0;
    while (isdigit((unsigned char)**p)) {
        v = v * 10 + (**p - '0');
        if (v > max)
            return false;
        (*p)++;
    }
    *out = v;
    return true;
}

bool g_schedule_parse_steps(GSchedule *s, const char *text, char *err, size_t errn)
{
    const char *p = text;
    for (;;) {
        while (*p == ',' || *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (!*p)
            return true;
        const char *tok = p;
        bool expand = false;
        if (*p == 'e') {
            expand = true;
            p++;
        }
        long thread, count = 1;
        if (!number(&p, G_SCHEDULE_MAX_THREAD, &thread)) {
            snprintf(err, errn, "expected a thread number at \"%.20s\"", tok);
            return false;
        }
        if (*p == '*') {
            p++;
            if (expand) {
                snprintf(err, errn, "an expansion (\"e%ld\") takes no count, at \"%.20s\"", thread, tok);
                return false;
            }
            if (!number(&p, G_SCHEDULE_MAX_STEPS, &count) || count == 0) {
                snprintf(err, errn, "expected a count from 1 to %d after '*' at \"%.20s\"", G_SCHEDULE_MAX_STEPS, tok);
                return false;
            }
        }
        if (*p && *p != ',' && !isspace((unsigned char)*p)) {
            snprintf(err, errn, "unexpected '%c' at \"%.20s\" (steps look like 0*4,1*2,0)", *p, tok);
            return false;
        }
        if (s->nsteps + (size_t)count > G_SCHEDULE_MAX_STEPS) {
            snprintf(err, errn, "more than %d steps", G_SCHEDULE_MAX_STEPS);
            return false;
        }
        for (long i = 0; i < count; i++)
            g_schedule_add(s, (int)thread, expand, NULL);
    }
}

/* "gilt-schedule 1 gilt 0.1.0 sha256 HEX grain op" */
static bool parse_header(GSchedule *s, char *line, char *err, size_t errn)
{
    char *save, *w = strtok_r(line, " \t", &save);
    if (!w || strcmp(w, "gilt-schedule") != 0) {
        snprintf(err, errn, "line 1: not a gilt schedule (it should begin \"gilt-schedule %d\")", G_SCHEDULE_VERSION);
        return false;
    }
    w = strtok_r(NULL, " \t", &save);
    if (!w || strcmp(w, "1") != 0) {
        snprintf(err, errn, "line 1: schedule format version %s is not one this gilt reads (it reads %d)",
                 w ? w : "(missing)", G_SCHEDULE_VERSION);
        return false;
    }
    while ((w = strtok_r(NULL, " \t", &save))) {
        char *v = strtok_r(NULL, " \t", &save);
        if (!v) {
            snprintf(err, errn, "line 1: \"%s\" has no value", w);
            return false;
        }
        if (strcmp(w, "gilt") == 0) {
            snprintf(s->gilt_version, sizeof s->gilt_version, "%s", v);
        } else if (strcmp(w, "sha256") == 0) {
            if (strlen(v) != 64 || strspn(v, "0123456789abcdef") != 64) {
                snprintf(err, errn, "line 1: the sha256 should be 64 lowercase hex digits");
                return false;
            }
            memcpy(s->sha256, v, 65);
        } else if (strcmp(w, "grain") == 0) {
            if (strcmp(v, "op") == 0)
                s->grain = G_GRAIN_OP;
            else if (strcmp(v, "line") == 0)
                s->grain = G_GRAIN_LINE;
            else {
                snprintf(err, errn, "line 1: grain must be op or line, not \"%s\"", v);
                return false;
            }
        } else {
            snprintf(err, errn, "line 1: unknown header field \"%s\"", w);
            return false;
        }
    }
    if (s->grain < 0) {
        snprintf(err, errn, "line 1: the header does not say the grain");
        return false;
    }
    return true;
}

bool g_schedule_read_file(const char *path, GSchedule *s, char *err, size_t errn)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errn, "can't open schedule '%s': %s", path, strerror(errno));
        return false;
    }
    g_schedule_init(s);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int lineno = 0;
    bool ok = true, notes = false;
    size_t next_note = 1, step_index = 0;   /* the note expected next, and the entry it goes with */
    char sub[200];
    while (ok && (len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (memchr(line, 0, (size_t)len)) {
            snprintf(err, errn, "line %d: a NUL byte (is this a schedule file?)", lineno);
            ok = false;
            break;
        }
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        if (lineno == 1) {
            ok = parse_header(s, line, sub, sizeof sub);
            if (!ok)
                snprintf(err, errn, "%s", sub);
            continue;
        }
        const char *p = line + strspn(line, " \t");
        if (!*p)
            continue;
        if (*p == '#') {
            /* "# 12  T1  bank.py:8  STORE_ATTR balance" */
            p++;
            p += strspn(p, " \t");
            long no;
            if (!number(&p, G_SCHEDULE_MAX_STEPS, &no) || (*p != ' ' && *p != '\t')) {
                snprintf(err, errn, "line %d: a note should begin with its step number (\"# 12  T1 ...\")", lineno);
                ok = false;
                break;
            }
            if ((size_t)no != next_note) {
                snprintf(err, errn, "line %d: note for step %ld where step %zu's was expected", lineno, no, next_note);
                ok = false;
                break;
            }
            if ((size_t)no > s->nsteps) {
                snprintf(err, errn, "line %d: note for step %ld, but there are only %zu steps", lineno, no, s->nsteps);
                ok = false;
                break;
            }
            while (step_index < s->n && s->e[step_index].expand)
                step_index++;
            p += strspn(p, " \t");
            s->e[step_index].note = strdup(p);
            if (!s->e[step_index].note)
                abort();
            step_index++;
            next_note++;
            notes = true;
            continue;
        }
        if (notes) {
            snprintf(err, errn, "line %d: steps after the notes (the steps come first)", lineno);
            ok = false;
            break;
        }
        if (!g_schedule_parse_steps(s, p, sub, sizeof sub)) {
            snprintf(err, errn, "line %d: %s", lineno, sub);
            ok = false;
        }
    }
    if (ok && lineno == 0) {
        snprintf(err, errn, "the schedule file is empty");
        ok = false;
    }
    if (ok && notes && next_note - 1 != s->nsteps) {
        snprintf(err, errn, "line %d: %zu steps but %zu notes", lineno, s->nsteps, next_note - 1);
        ok = false;
    }
    free(line);
    fclose(f);
    if (!ok)
        g_schedule_free(s);
    return ok;
}

bool g_schedule_load(const char *arg, GSchedule *s, char *err, size_t errn)
{
    FILE *f = fopen(arg, "r");
    if (f) {
        fclose(f);
        char sub[300];
        if (!g_schedule_read_file(arg, s, sub, sizeof sub)) {
            snprintf(err, errn, "%s: %s", arg, sub);
            return false;
        }
        return true;
    }
    /* not a file: inline steps -- unless it plainly meant to be a file */
    if (strspn(arg, "0123456789*,e \t") != strlen(arg) || !*arg) {
        snprintf(err, errn, "no schedule file '%s', and it is not inline steps like 0*4,1*4,0*3", arg);
        return false;
    }
    g_schedule_init(s);
    char sub[200];
    if (!g_schedule_parse_steps(s, arg, sub, sizeof sub)) {
        snprintf(err, errn, "schedule \"%s\": %s", arg, sub);
        g_schedule_free(s);
        return false;
    }
    return true;
}

void g_schedule_write_steps(const GSchedule *s, FILE *out, int width)
{
    int col = 0;
    for (size_t i = 0; i < s->n;) {
        char tok[32];
        if (s->e[i].expand) {
            snprintf(tok, sizeof tok, "e%d", s->e[i].thread);
            i++;
        } else {
            size_t j = i;
            while (j < s->n && !s->e[j].expand && s->e[j].thread == s->e[i].thread)
                j++;
            if (j - i > 1)
                snprintf(tok, sizeof tok, "%d*%zu", s->e[i].thread, j - i);
            else
                snprintf(tok, sizeof tok, "%d", s->e[i].thread);
            i = j;
        }
        int len = (int)strlen(tok);
        if (col > 0 && col + 1 + len > width) {
            fputs(",\n", out);
            col = 0;
        } else if (col > 0) {
            fputc(',', out);
            col++;
        }
        fputs(tok, out);
        col += len;
    }
    if (col > 0)
        fputc('\n', out);
}

bool g_schedule_save(const char *path, const GSchedule *s, GGrain grain, const char *program, char *err, size_t errn)
{
    char sha[65];
    if (!g_sha256_file(program, sha)) {
        snprintf(err, errn, "can't read '%s' to fingerprint it: %s", program, strerror(errno));
        return false;
    }
    FILE *f = fopen(path, "w");
    if (!f) {
        snprintf(err, errn, "can't write schedule '%s': %s", path, strerror(errno));
        return false;
    }
    fprintf(f, "gilt-schedule %d gilt %s sha256 %s grain %s\n", G_SCHEDULE_VERSION, PACKAGE_VERSION, sha,
            grain == G_GRAIN_LINE ? "line" : "op");
    g_schedule_write_steps(s, f, 72);
    size_t no = 0;
    for (size_t i = 0; i < s->n; i++)
        if (!s->e[i].expand)
            fprintf(f, "# %zu  %s\n", ++no, s->e[i].note ? s->e[i].note : "");
    if (fclose(f) != 0) {
        snprintf(err, errn, "can't write schedule '%s': %s", path, strerror(errno));
        return false;
    }
    return true;
}
