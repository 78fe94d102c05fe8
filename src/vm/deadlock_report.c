/* deadlock_report.c -- what gilt prints when every thread waits forever.
 *
 * The runtime's watcher (runtime/deadlock.c) decides that the program is stuck and
 * calls g_deadlock_report with every other thread stopped (under a controlled
 * scheduler the baton holder calls it, with threads_mu held: vm/step.c).  It runs on the watcher's
 * own thread, which has no thread state: it may read the stopped threads' wait
 * records, names and source lines -- nothing can change them now -- but must not run
 * Python or make objects.  Names are the C copies threading gave _thread._set_name;
 * source lines come from the table tracebacks use (a lookup by str key neither
 * allocates nor counts references).
 *
 *   Deadlock: every thread is waiting, and no thread is left to wake them.
 *
 *     Thread-1 (worker) waits at "bank.py", line 11:
 *         with a:
 *       for the lock made at "bank.py", line 5:
 *         a = threading.Lock()
 *       held by MainThread since "bank.py", line 16:
 *         with a:
 *
 * The same words serve Ctrl-C on a program that hangs without a full deadlock (the
 * main thread polls, a worker waits for a lock nobody will release): before the
 * KeyboardInterrupt's traceback, g_threads_report shows every other thread's stack,
 * most recent call first as faulthandler and py-spy dump print it, and what it waits
 * for.  It stops the world to read the stacks (a stopped thread's frames hold
 * still), writes into memory, and prints once the world runs again.
 *
 *     Thread-1 (worker), most recent call first:
 *       File "hang.py", line 6, in worker
 *         with lock:
 *       waits for the lock made at "hang.py", line 3:
 *         lock = threading.Lock()
 *       held by MainThread since "hang.py", line 9:
 *         lock.acquire()
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debug.h"
#include "runtime/deadlock.h"
#include "runtime/runtime.h"
#include "runtime/stw.h"
#include "vm/frame.h"
#include "vm/vm.h"

static const char *thread_name(GThreadState *t)
{
    if (t->name[0])
        return t->name;
    return t == g_runtime.main_thread ? "MainThread" : "a thread";
}

/* ' "x.py", line 9:' and the source line under it, as a traceback shows it. */
static void print_site(FILE *out, GObject *file, int line)
{
    if (!file) {
        fprintf(out, " an unknown line\n");
        return;
    }
    fprintf(out, " \"%s\", line %d:\n", g_str_data(file), line);
    GObject *src = g_source_line(file, line);
    if (src) {
        const char *text = g_str_data(src);
        text += strspn(text, " \t");
        fprintf(out, "      %s\n", text);
    }
}

/* What t waits for: "<lead> the lock made at ..., held by ... since ...", or the
 * wait's label ("<lead> Thread-1 to finish"). */
static void print_wait_for(FILE *out, GThreadState *t, GWaitInfo *w, const char *lead)
{
    GObject *label = atomic_load(&w->label);
    if (label) {
        fprintf(out, "    %s %s\n", lead, g_str_data(label));
        return;
    }
    fprintf(out, "    %s the lock made at", lead);
    print_site(out, w->made_file, w->made_line);
    GThreadState *holder = atomic_load(&w->holder);
    if (!holder)
        return;
    fprintf(out, "    held by %s since", holder == t ? "this same thread" : thread_name(holder));
    print_site(out, atomic_load(&w->held_file), atomic_load(&w->held_line));
}

static void print_wait(FILE *out, GThreadState *t, GWaitInfo *w)
{
    fprintf(out, "\n  %s waits at", thread_name(t));
    print_site(out, t->wait_file, t->wait_line);
    print_wait_for(out, t, w, "for");
}

static void write_report(FILE *out)
{
    fprintf(out, "Deadlock: every thread is waiting, and no thread is left to wake them.\n");
    for (GThreadState *t = g_runtime.threads; t; t = t->next) {
        GWaitInfo *w = atomic_load(&t->waiting_on);
        if (atomic_load(&t->alive) && w)
            print_wait(out, t, w);
    }
    fflush(out);
}

void g_deadlock_report(void)
{
    fflush(stdout);
    write_report(stderr);
}

/* ---- Ctrl-C: where the other threads are ---- */

/* t's stack in the program's own code (gilt's modules left out, as tracebacks of a
 * student's program would rather not show them), then its wait, if untimed.  The
 * world is stopped: t's frames hold still. */
static void print_thread(FILE *out, GThreadState *t)
{
    G_ASSERT(g_world_stopped_by(g_tstate()));
    fprintf(out, "\n  %s, most recent call first:\n", thread_name(t));
    int shown = 0;
    for (GFrame *f = t->frame; f; f = f->back) {
        if (f->code->flags & G_CO_GILT)
            continue;
        fprintf(out, "    File \"%s\", line %d, in %s\n", g_str_data(f->code->filename),
                g_code_line_at(f->code, f->lasti), g_str_data(f->code->name));
        GObject *src = g_source_line(f->code->filename, g_code_line_at(f->code, f->lasti));
        if (src)
            fprintf(out, "      %s\n", g_str_data(src) + strspn(g_str_data(src), " \t"));
        shown++;
    }
    if (!shown)
        fprintf(out, "    (in gilt's own code)\n");
    GWaitInfo *w = atomic_load(&t->waiting_on);
    if (w)
        print_wait_for(out, t, w, "waits for");
}

void g_threads_report(FILE *out)
{
    GThreadState *me = g_tstate();
    /* attached, in no critical section: stopping the world parks the others, and a
     * section held here could be the one a parked thread waits in */
    G_ASSERT(me && atomic_load(&me->state) == G_TS_ATTACHED && !me->critsec);
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return;
    g_stop_the_world(me);   /* holds threads_mu too: the list and the names hold still */
    int n = 0;
    for (GThreadState *t = g_runtime.threads; t; t = t->next)
        if (t != me && atomic_load(&t->alive) && t->frame)
            n++;
    if (n)
        fprintf(mem, "Interrupted while %d other thread%s still running:\n", n, n == 1 ? " was" : "s were");
    GThreadState *last = g_runtime.threads;   /* the list is newest first: print in start order */
    while (last && last->next)
        last = last->next;
    for (GThreadState *t = last; t; t = t->prev)
        if (t != me && atomic_load(&t->alive) && t->frame)
            print_thread(mem, t);
    if (n)
        fputc('\n', mem);
    fclose(mem);   /* (C memory only, with the world stopped: no object is made or freed) */
    g_start_the_world(me);
    fflush(stdout);
    fputs(text, out);
    fflush(out);
    free(text);
}

char *g_deadlock_describe(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        return NULL;
    write_report(out);
    fclose(out);
    while (len > 0 && text[len - 1] == '\n')   /* the exception's message ends without one */
        text[--len] = 0;
    return text;
}
