/* stepper_model.c -- the stepper's child gilt, its snapshots, and the program's
 * source files (stepper_internal.h).
 *
 * The child is `gilt --step-child IN,OUT [-X gil=N] [--grain G] [--schedule S]
 * [--trace T] FILE ARGS`, in its own process group (Ctrl-C on the terminal is the
 * stepper's, not the program's), with stdin /dev/null and stdout and stderr on two
 * pipes that become the output panel.  It inherits no other descriptor: in
 * particular not the terminal's.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tui/panels.h"
#include "tui/stepper_internal.h"
#include "vm/step_agent.h"

_Static_assert(G_STEP_FIELD > G_STEP_PROTOCOL_FIELD, "a snapshot field must fit in G_STEP_FIELD");

/* ---- snapshots ---- */

void g_step_snap_clear(GStepSnap *s)
{
    GStepThread *t = s->threads;
    GStepWatch *w = s->watch;
    int tcap = s->tcap, wcap = s->wcap;
    memset(s, 0, sizeof *s);
    s->threads = t;
    s->tcap = tcap;
    s->watch = w;
    s->wcap = wcap;
}

void g_step_snap_free(GStepSnap *s)
{
    free(s->threads);
    free(s->watch);
    memset(s, 0, sizeof *s);
}

static void copy(char *dst, const char *src)
{
    snprintf(dst, G_STEP_FIELD, "%s", src ? src : "");
}

static void *grow(void *p, int *cap, int need, size_t size)
{
    if (need <= *cap)
        return p;
    int c = *cap ? *cap * 2 : 8;
    while (c < need)
        c *= 2;
    void *q = realloc(p, (size_t)c * size);
    if (!q)
        return NULL;
    *cap = c;
    return q;
}

bool g_step_snap_line(GStepSnap *s, char *line)
{
    char *f[12];
    int n = 0;
    for (char *p = line; n < 12;) {   /* tab-separated; empty fields kept */
        f[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = 0;
        p = tab + 1;
    }
    for (int i = n; i < 12; i++)
        f[i] = "";
    switch (f[0][0]) {
    case 'S':
        s->have = true;
        s->step = strtoull(f[1], NULL, 10);
        snprintf(s->grain, sizeof s->grain, "%s", f[2]);
        s->clock_ns = strtoull(f[4], NULL, 10);
        break;
    case 'G':
        copy(s->goal, f[1]);
        break;
    case 'T': {
        GStepThread *t = grow(s->threads, &s->tcap, s->nthreads + 1, sizeof *t);
        if (!t)
            break;
        s->threads = t;
        t += s->nthreads++;
        memset(t, 0, sizeof *t);
        t->no = atoi(f[1]);
        snprintf(t->state, sizeof t->state, "%s", f[2]);
        t->pickable = strcmp(f[3], "1") == 0;
        copy(t->name, f[4]);
        copy(t->file, f[5]);
        t->line = atoi(f[6]);
        copy(t->instr, f[7]);
        copy(t->status, f[8]);
        copy(t->stack, f[9]);
        /* a finished thread keeps the flag of its last line: it means nothing now */
        t->expanded = strcmp(f[10], "1") == 0 && strcmp(t->state, "finished") != 0;
        break;
    }
    case 'W': {
        GStepWatch *w = grow(s->watch, &s->wcap, s->nwatch + 1, sizeof *w);
        if (!w)
            break;
        s->watch = w;
        w += s->nwatch++;
        copy(w->expr, f[1]);
        copy(w->repr, f[2]);
        break;
    }
    case 'R':
        copy(s->schedule, f[1]);
        break;
    case 'M':
        copy(s->message, f[1]);
        break;
    case 'X':
        if (strcmp(f[1], "goal") == 0) {
            s->goal_reached = true;
            copy(s->goal_what, f[2]);
        } else {
            snprintf(s->end, sizeof s->end, "%s", f[1]);
            copy(s->end_detail, f[2]);
        }
        break;
    case 'E':
        return true;
    default:
        break;   /* a line this stepper does not know: a newer child; ignored */
    }
    return false;
}

const GStepThread *g_step_snap_thread(const GStepSnap *s, int no)
{
    for (int i = 0; i < s->nthreads; i++)
        if (s->threads[i].no == no)
            return &s->threads[i];
    return NULL;
}

bool g_step_snap_ended(const GStepSnap *s)
{
    return s->end[0] != 0;
}

/* ---- the child ---- */

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

void g_step_child_init(GStepChild *c)
{
    memset(c, 0, sizeof *c);
    c->cmd_w = c->snap_r = c->out_r = c->err_r = -1;
}

bool g_step_child_start(GStepChild *c, const GStepperOptions *o, char *err, size_t n)
{
    g_step_child_init(c);
    int cmd[2], snap[2], out[2], er[2];
    if (pipe2(cmd, O_CLOEXEC) || pipe2(snap, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(er, O_CLOEXEC)) {
        snprintf(err, n, "cannot make pipes for the program: %s", strerror(errno));
        return false;
    }
    char fds[32], gil[16];
    snprintf(fds, sizeof fds, "%d,%d", cmd[0], snap[1]);
    snprintf(gil, sizeof gil, "gil=%d", o->gil ? 1 : 0);
    const char **argv = calloc((size_t)o->nargs + 16, sizeof *argv);
    if (!argv) {
        snprintf(err, n, "out of memory");
        return false;
    }
    int k = 0;
    argv[k++] = o->self;
    argv[k++] = "--step-child";
    argv[k++] = fds;
    if (o->gil >= 0) {
        argv[k++] = "-X";
        argv[k++] = gil;
    }
    if (o->grain) {
        argv[k++] = "--grain";
        argv[k++] = o->grain;
    }
    if (o->schedule) {
        argv[k++] = "--schedule";
        argv[k++] = o->schedule;
    }
    if (o->trace) {
        argv[k++] = "--trace";
        argv[k++] = o->trace;
    }
    argv[k++] = "--";
    argv[k++] = o->script;
    for (int i = 0; i < o->nargs; i++)
        argv[k++] = o->args[i];
    argv[k] = NULL;
    /* this very program, wherever argv[0] pointed */
    char exe[PATH_MAX];
    ssize_t el = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (el > 0)
        exe[el] = 0;
    int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        int sigs[] = { SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH, SIGCHLD };
        for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
            signal(sigs[i], SIG_DFL);
        if (devnull >= 0)
            dup2(devnull, 0);
        dup2(out[1], 1);
        dup2(er[1], 2);
        fcntl(cmd[0], F_SETFD, 0);
        fcntl(snap[1], F_SETFD, 0);
        long max = sysconf(_SC_OPEN_MAX);
        if (max < 0 || max > 4096)
            max = 4096;
        for (int fd = 3; fd < max; fd++)   /* the terminal's duplicates among them */
            if (fd != cmd[0] && fd != snap[1])
                close(fd);
        if (el > 0)
            execv(exe, (char **)argv);
        if (strchr(o->self, '/'))
            execv(o->self, (char **)argv);
        else
            execvp(o->self, (char **)argv);
        fprintf(stderr, "gilt: --step: cannot run %s: %s\n", o->self, strerror(errno));
        _exit(127);
    }
    int e = errno;
    free(argv);
    if (devnull >= 0)
        close(devnull);
    close(cmd[0]);
    close(snap[1]);
    close(out[1]);
    close(er[1]);
    if (pid < 0) {
        close(cmd[1]);
        close(snap[0]);
        close(out[0]);
        close(er[0]);
        snprintf(err, n, "cannot start the program: %s", strerror(e));
        return false;
    }
    c->pid = pid;
    c->cmd_w = cmd[1];
    c->snap_r = snap[0];
    c->out_r = out[0];
    c->err_r = er[0];
    fcntl(c->snap_r, F_SETFL, O_NONBLOCK);
    fcntl(c->out_r, F_SETFL, O_NONBLOCK);
    fcntl(c->err_r, F_SETFL, O_NONBLOCK);
    return true;
}

bool g_step_child_send(GStepChild *c, const char *cmd)
{
    if (c->gone || c->cmd_w < 0)
        return false;
    char line[1200];
    int len = snprintf(line, sizeof line, "%s\n", cmd);
    if (len < 0 || (size_t)len >= sizeof line)
        return false;
    for (int off = 0; off < len;) {
        ssize_t w = write(c->cmd_w, line + off, (size_t)(len - off));
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;   /* EPIPE: it has gone (SIGPIPE is ignored) */
        off += (int)w;
    }
    return true;
}

/* Drain one output pipe into the buffer; closes it at EOF. */
static void read_output(int *fd, GOutBuf *out, bool is_err)
{
    char buf[8192];
    while (*fd >= 0) {
        ssize_t r = read(*fd, buf, sizeof buf);
        if (r > 0) {
            g_outbuf_feed(out, buf, (size_t)r, is_err);
            continue;
        }
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0)
            close_fd(fd);
        break;
    }
}

int g_step_child_pump(GStepChild *c, GStepSnap *snap, GOutBuf *out)
{
    read_output(&c->out_r, out, false);
    read_output(&c->err_r, out, true);
    for (;;) {
        /* whole lines first: a snapshot may already be waiting in the buffer */
        char *nl = c->len ? memchr(c->buf, '\n', c->len) : NULL;
        if (nl) {
            *nl = 0;
            size_t used = (size_t)(nl - c->buf) + 1;
            bool end = g_step_snap_line(&c->building, c->buf);
            memmove(c->buf, c->buf + used, c->len - used);
            c->len -= used;
            if (end) {
                GStepSnap t = *snap;
                *snap = c->building;
                c->building = t;
                g_step_snap_clear(&c->building);
                return 1;
            }
            continue;
        }
        if (c->gone || c->snap_r < 0)
            return -1;
        if (c->cap - c->len < 4096) {
            size_t cap = c->cap ? c->cap * 2 : 16384;
            char *b = realloc(c->buf, cap);
            if (!b)
                return 0;
            c->buf = b;
            c->cap = cap;
        }
        ssize_t r = read(c->snap_r, c->buf + c->len, c->cap - c->len - 1);
        if (r > 0) {
            c->len += (size_t)r;
            continue;
        }
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return 0;
        c->gone = true;   /* EOF (or an error): the child has ended */
        close_fd(&c->snap_r);
        return -1;
    }
}

int g_step_child_fds(const GStepChild *c, int fds[3])
{
    int n = 0;
    if (c->snap_r >= 0)
        fds[n++] = c->snap_r;
    if (c->out_r >= 0)
        fds[n++] = c->out_r;
    if (c->err_r >= 0)
        fds[n++] = c->err_r;
    return n;
}

static uint64_t mono_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000u + (uint64_t)t.tv_nsec / 1000000u;
}

/* Wait up to ms for the child to exit, reading its output meanwhile. */
static bool wait_exit(GStepChild *c, GOutBuf *out, int ms)
{
    uint64_t until = mono_ms() + (uint64_t)ms;
    for (;;) {
        if (out) {
            read_output(&c->out_r, out, false);
            read_output(&c->err_r, out, true);
        }
        pid_t r = waitpid(c->pid, &c->wstatus, WNOHANG);
        if (r == c->pid || (r < 0 && errno == ECHILD)) {
            c->reaped = true;
            return true;
        }
        if (mono_ms() >= until)
            return false;
        struct pollfd p[2];
        int np = 0;
        if (out && c->out_r >= 0)
            p[np++] = (struct pollfd){ c->out_r, POLLIN, 0 };
        if (out && c->err_r >= 0)
            p[np++] = (struct pollfd){ c->err_r, POLLIN, 0 };
        poll(p, (nfds_t)np, 10);
    }
}

static void kill_now(GStepChild *c)
{
    if (c->pid > 0 && !c->reaped) {
        kill(c->pid, SIGKILL);
        while (waitpid(c->pid, &c->wstatus, 0) < 0 && errno == EINTR) {
        }
        c->reaped = true;
    }
}

void g_step_child_reap(GStepChild *c, GOutBuf *out, char *what, size_t n)
{
    if (c->pid > 0 && !c->reaped && !wait_exit(c, out, 2000)) {
        kill_now(c);
        snprintf(what, n, "stopped sending snapshots and did not exit, so it was killed");
        return;
    }
    if (out) {   /* what it wrote before it ended */
        read_output(&c->out_r, out, false);
        read_output(&c->err_r, out, true);
    }
    if (WIFEXITED(c->wstatus))
        snprintf(what, n, "exited with status %d", WEXITSTATUS(c->wstatus));
    else if (WIFSIGNALED(c->wstatus))
        snprintf(what, n, "was killed by signal %d (%s)", WTERMSIG(c->wstatus), strsignal(WTERMSIG(c->wstatus)));
    else
        snprintf(what, n, "ended");
}

void g_step_child_stop(GStepChild *c, GOutBuf *out)
{
    if (c->pid > 0 && !c->reaped) {
        g_step_child_send(c, "q");
        close_fd(&c->cmd_w);   /* EOF makes it go too, should it miss the q */
        if (!wait_exit(c, out, 300))
            kill_now(c);
    }
    close_fd(&c->cmd_w);
    close_fd(&c->snap_r);
    close_fd(&c->out_r);
    close_fd(&c->err_r);
    free(c->buf);
    c->buf = NULL;
    c->len = c->cap = 0;
    g_step_snap_free(&c->building);
    c->pid = 0;
}

/* ---- source files ---- */

static void load(GStepSource *sf)
{
    if (sf->path[0] == '<' || !g_read_source_lines(sf->path, &sf->lines, &sf->nlines))
        sf->failed = true;
}

const GStepSource *g_step_source(GStepSources *s, const char *path)
{
    if (!path || !*path)
        return NULL;
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->v[i].path, path) == 0)
            return s->v[i].failed ? NULL : &s->v[i];
    GStepSource *v = realloc(s->v, (size_t)(s->n + 1) * sizeof *v);
    if (!v)
        return NULL;
    s->v = v;
    GStepSource *sf = &v[s->n];
    memset(sf, 0, sizeof *sf);
    if (!(sf->path = strdup(path)))
        return NULL;
    s->n++;
    load(sf);
    return sf->failed ? NULL : sf;
}

void g_step_sources_free(GStepSources *s)
{
    for (int i = 0; i < s->n; i++) {
        for (int j = 0; j < s->v[i].nlines; j++)
            free(s->v[i].lines[j]);
        free(s->v[i].lines);
        free(s->v[i].path);
    }
    free(s->v);
    s->v = NULL;
    s->n = 0;
}
