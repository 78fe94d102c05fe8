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
 */
#include <stdio.h>
#include <string.h>

#include "runtime/deadlock.h"
#include "runtime/runtime.h"
#include "vm/vm.h"

static const char *thread_name(GThreadState *t)
{
    if (t->name[0])
        return t->name;
    return t == g_runtime.main_thread ? "MainThread" : "a thread";
}

/* ' "x.py", line 9:' and the source line under it, as a traceback shows it. */
static void print_site(GObject *file, int line)
{
    if (!file) {
        fprintf(stderr, " an unknown line\n");
        return;
    }
    fprintf(stderr, " \"%s\", line %d:\n", g_str_data(file), line);
    GObject *src = g_source_line(file, line);
    if (src) {
        const char *text = g_str_data(src);
        text += strspn(text, " \t");
        fprintf(stderr, "      %s\n", text);
    }
}

static void print_wait(GThreadState *t, GWaitInfo *w)
{
    fprintf(stderr, "\n  %s waits at", thread_name(t));
    print_site(t->wait_file, t->wait_line);
    GObject *label = atomic_load(&w->label);
    if (label) {
        fprintf(stderr, "    for %s\n", g_str_data(label));
        return;
    }
    fprintf(stderr, "    for the lock made at");
    print_site(w->made_file, w->made_line);
    GThreadState *holder = atomic_load(&w->holder);
    if (!holder)
        return;
    fprintf(stderr, "    held by %s since", holder == t ? "this same thread" : thread_name(holder));
    print_site(atomic_load(&w->held_file), atomic_load(&w->held_line));
}

void g_deadlock_report(void)
{
    fflush(stdout);
    fprintf(stderr, "Deadlock: every thread is waiting, and no thread is left to wake them.\n");
    for (GThreadState *t = g_runtime.threads; t; t = t->next) {
        GWaitInfo *w = atomic_load(&t->waiting_on);
        if (atomic_load(&t->alive) && w)
            print_wait(t, w);
    }
    fflush(stderr);
}
