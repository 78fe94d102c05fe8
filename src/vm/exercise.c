/* exercise.c -- an exercise's header, and its expressions (exercise.h). */
#include "vm/exercise.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compiler.h"
#include "objects/objects.h"
#include "runtime/runtime.h"
#include "vm/schedule.h"
#include "vm/step.h"
#include "vm/vm.h"

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    size_t k = strspn(s, " \t");
    memmove(s, s + k, strlen(s + k) + 1);
}

/* Copy, cut to fit (a header field longer than its buffer is cut, not refused). */
static void copy(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = 0;
}

static void append(char *dst, size_t cap, const char *more)
{
    size_t n = strlen(dst);
    if (n && n + 1 < cap)
        dst[n++] = ' ';
    snprintf(dst + n, cap - n, "%s", more);
}

static int parse_goal(GExercise *ex, const char *v, char *err, size_t errn, int lineno)
{
    /* expr: 1 needs an expression, 0 takes none, 2 may have one */
    static const struct { const char *word; GGoalKind kind; int expr; } goals[] = {
        { "invariant", G_GOAL_INVARIANT, true }, { "always", G_GOAL_ALWAYS, true },
        { "critical", G_GOAL_CRITICAL, false }, { "deadlock", G_GOAL_DEADLOCK, false },
        { "exception", G_GOAL_EXCEPTION, false }, { "livelock", G_GOAL_LIVELOCK, false },
        { "fix", G_GOAL_FIX, 2 },
    };
    for (size_t i = 0; i < sizeof goals / sizeof goals[0]; i++) {
        size_t wl = strlen(goals[i].word);
        if (strncmp(v, goals[i].word, wl) != 0 || (v[wl] && !isspace((unsigned char)v[wl])))
            continue;
        const char *rest = v + wl + strspn(v + wl, " \t");
        if (goals[i].expr == 1 && !*rest) {
            snprintf(err, errn, "line %d: goal %s needs an expression (goal: %s count == 2)", lineno, goals[i].word,
                     goals[i].word);
            return -1;
        }
        if (goals[i].expr == 0 && *rest) {
            snprintf(err, errn, "line %d: goal %s takes nothing after it", lineno, goals[i].word);
            return -1;
        }
        ex->goal = goals[i].kind;
        copy(ex->expr, sizeof ex->expr, rest);
        return 0;
    }
    snprintf(err, errn, "line %d: unknown goal \"%s\" (invariant EXPR, always EXPR, critical, deadlock, "
                        "exception, livelock or fix [EXPR])", lineno, v);
    return -1;
}

int g_exercise_parse(const char *src, size_t len, GExercise *ex, char *err, size_t errn)
{
    memset(ex, 0, sizeof *ex);
    ex->grain = -1;
    bool any = false;
    char *last = NULL;          /* the field a continuation line extends */
    size_t last_cap = 0;
    int lineno = 0;
    for (size_t pos = 0; pos < len;) {
        const char *eol = memchr(src + pos, '\n', len - pos);
        size_t n = eol ? (size_t)(eol - (src + pos)) : len - pos;
        char line[600];
        snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line - 1 ? n : sizeof line - 1), src + pos);
        pos += n + 1;
        lineno++;
        if (lineno == 1 && strncmp(line, "#!", 2) == 0)
            continue;
        if (line[0] != '#')
            break;                      /* the header ends at the first line of code */
        const char *body = line + 1;
        if (strncmp(body, "  ", 2) == 0 && last) {
            char cont[600];
            snprintf(cont, sizeof cont, "%s", body);
            trim(cont);
            append(last, last_cap, cont);
            continue;
        }
        char *colon = strchr(line, ':');
        char key[40];
        size_t kl = colon ? (size_t)(colon - body) : 0;
        if (!colon || kl == 0 || kl >= sizeof key) {
            last = NULL;
            continue;                   /* a plain comment */
        }
        snprintf(key, sizeof key, "%.*s", (int)kl, body);
        trim(key);
        char value[600];
        snprintf(value, sizeof value, "%s", colon + 1);
        trim(value);
        last = NULL;
        if (strcmp(key, "title") == 0) {
            copy(ex->title, sizeof ex->title, value);
            last = ex->title, last_cap = sizeof ex->title;
        } else if (strcmp(key, "teaches") == 0) {
            copy(ex->teaches, sizeof ex->teaches, value);
            last = ex->teaches, last_cap = sizeof ex->teaches;
        } else if (strcmp(key, "goal") == 0) {
            if (ex->goal != G_GOAL_NONE) {
                snprintf(err, errn, "line %d: a second goal (an exercise has one)", lineno);
                return -1;
            }
            if (parse_goal(ex, value, err, errn, lineno) < 0)
                return -1;
            if (ex->goal == G_GOAL_INVARIANT || ex->goal == G_GOAL_ALWAYS || (ex->goal == G_GOAL_FIX && ex->expr[0]))
                last = ex->expr, last_cap = sizeof ex->expr;
        } else if (strcmp(key, "grain") == 0) {
            if (strcmp(value, "op") == 0)
                ex->grain = G_GRAIN_OP;
            else if (strcmp(value, "line") == 0)
                ex->grain = G_GRAIN_LINE;
            else {
                snprintf(err, errn, "line %d: grain must be op or line, not \"%s\"", lineno, value);
                return -1;
            }
        } else if (strcmp(key, "budget") == 0) {
            char *end;
            unsigned long long b = strtoull(value, &end, 10);
            if (!*value || *end || b == 0 || b > 10000000) {
                snprintf(err, errn, "line %d: budget must be a number of steps from 1 to 10000000", lineno);
                return -1;
            }
            ex->budget = b;
        } else if (strcmp(key, "watch") == 0) {
            char *save, *w;
            for (w = strtok_r(value, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
                trim(w);
                if (!*w)
                    continue;
                if (ex->nwatch == G_EXERCISE_MAX_WATCH) {
                    snprintf(err, errn, "line %d: more than %d watched names", lineno, G_EXERCISE_MAX_WATCH);
                    return -1;
                }
                copy(ex->watch[ex->nwatch++], sizeof ex->watch[0], w);
            }
        } else if (strcmp(key, "hint") == 0) {
            if (ex->nhints == G_EXERCISE_MAX_HINTS) {
                snprintf(err, errn, "line %d: more than %d hints", lineno, G_EXERCISE_MAX_HINTS);
                return -1;
            }
            copy(ex->hints[ex->nhints], sizeof ex->hints[0], value);
            last = ex->hints[ex->nhints], last_cap = sizeof ex->hints[0];
            ex->nhints++;
        } else {
            continue;                   /* "# Note: ..." and the like: prose */
        }
        any = true;
    }
    if (!any)
        return 0;
    if (ex->goal == G_GOAL_NONE) {
        snprintf(err, errn, "the header has no goal line (goal: invariant EXPR, always EXPR, critical, "
                            "deadlock, exception, livelock or fix [EXPR])");
        return -1;
    }
    return 1;
}

void g_exercise_goal_text(const GExercise *ex, char *buf, size_t n)
{
    switch (ex->goal) {
    case G_GOAL_INVARIANT:
        snprintf(buf, n, "make `%s` false when the program ends", ex->expr);
        return;
    case G_GOAL_ALWAYS:
        snprintf(buf, n, "make `%s` false, after any step", ex->expr);
        return;
    case G_GOAL_CRITICAL:
        snprintf(buf, n, "get two threads into the critical section at once");
        return;
    case G_GOAL_DEADLOCK:
        snprintf(buf, n, "get every thread stuck waiting (a deadlock)");
        return;
    case G_GOAL_EXCEPTION:
        snprintf(buf, n, "make a thread end with an exception");
        return;
    case G_GOAL_LIVELOCK:
        snprintf(buf, n, "keep the threads busy without finishing, until the step budget runs out");
        return;
    case G_GOAL_FIX:
        if (ex->expr[0])
            snprintf(buf, n, "make the program correct under every schedule: `%s` true at the end, no failed "
                             "assert, no deadlock, no data race", ex->expr);
        else
            snprintf(buf, n, "make the program correct under every schedule: no failed assert, no deadlock, "
                             "no data race");
        return;
    case G_GOAL_NONE:
        break;
    }
    snprintf(buf, n, "(no goal)");
}

/* Evaluate expr in __main__; a new reference, or NULL with the error raised. */
static GObject *eval_main(const char *expr)
{
    GObject *main = g_dict_get_str(g_runtime.modules, "__main__");
    if (!main) {
        g_raise(&GExc_RuntimeError, "no __main__ module yet");
        return NULL;
    }
    g_step_quiet_begin();
    GObject *r = g_run_source(expr, strlen(expr), "<gilt>/exercise", g_module_dict(main),
                              G_COMPILE_EVAL | G_COMPILE_DYNAMIC);
    g_step_quiet_end();
    return r;
}

static GObject *error_text(void)
{
    GObject *exc = g_err_fetch();
    if (!exc)
        return g_str_from_cstr("error");
    GObject *s = g_str(exc);
    GObject *r = s ? g_format("%s: %s", g_type_name(exc), g_str_data(s)) : g_str_from_cstr(g_type_name(exc));
    g_xdecref(s);
    g_err_clear();
    g_decref(exc);
    return r;
}

GObject *g_exercise_eval_repr(const char *expr, bool *ok)
{
    GObject *v = eval_main(expr);
    *ok = v != NULL;
    if (!v)
        return error_text();
    g_step_quiet_begin();
    GObject *r = g_repr(v);
    g_step_quiet_end();
    g_decref(v);
    if (!r) {
        *ok = false;
        return error_text();
    }
    return r;
}

int g_exercise_eval_truth(const char *expr, char *err, size_t errn)
{
    GObject *v = eval_main(expr);
    int t = v ? g_truthy(v) : -1;
    g_xdecref(v);
    if (t < 0) {
        GObject *e = error_text();
        snprintf(err, errn, "%s", e ? g_str_data(e) : "error");
        g_xdecref(e);
    }
    return t;
}
