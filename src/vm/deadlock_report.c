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

static void print_wait(FILE *out, GThreadState *t, GWaitInfo *w)
{
    fprintf(out, "\n  %s waits at", thread_name(t));
    print_site(out, t->wait_file, t->wait_line);
    GObject *label = atomic_load(&w->label);
    if (label) {
        fprintf(out, "    for %s\n", g_str_data(label));
        return;
    }
    fprintf(out, "    for the lock made at");
    print_site(out, w->made_file, w->made_line);
    GThreadState *holder = atomic_load(&w->holder);
    if (!holder)
        return;
    fprintf(out, "    held by %s since", holder == t ? "this same thread" : thread_name(holder));
    print_site(out, atomic_load(&w->held_file), atomic_load(&w->held_line));
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
