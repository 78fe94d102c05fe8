/* deadlock.c -- the deadlock report.
 *
 * The rule.  The program is deadlocked when every live thread is inside an untimed
 * lock wait (Lock.acquire(), Thread.join(), Condition.wait(), Queue.get(), ... all
 * end in one), every lock waited for is held, and nothing changes for a whole wait
 * slice: no thread started a new wait and no lock was taken.  Then no thread can run
 * to release anything, so no wait can ever end.  A thread that sleeps, reads input
 * or waits with a timeout is not stuck, and keeps the program from being reported.
 *
 * Why two looks.  A thread that has just got its lock is still marked as waiting for
 * a few instructions.  One look could catch it there; two looks a slice (50 ms)
 * apart, with the same fingerprint, cannot, because getting the lock bumps the lock's
 * `acquires` count, and starting a new wait bumps the thread's `wait_seq`.
 *
 *     waiting thread, every 50 ms:   all stuck?  -- no -->  fingerprint = 0
 *                                        | yes
 *                                    same fingerprint as last slice? -- no --> remember it
 *                                        | yes
 *                                    report (one thread only), exit(1)
 *
 * The report names each thread, the line it waits at, what it waits for (a label
 * such as "Thread-1 to finish", or the lock's creation line), who holds that lock and
 * since which line.  Thread names come from the threading module when it is loaded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/deadlock.h"
#include "runtime/runtime.h"
#include "vm/frame.h"
#include "vm/vm.h"

/* The innermost frame running the user's code: frames of gilt's own Python modules
 * (threading, queue, ...) are skipped, since the student wants their own line. */
static GFrame *user_frame(void) { return g_frame_user(g_tstate()->frame); }

static int frame_line(GFrame *f) { return g_code_line_at(f->code, f->lasti); }

void g_waitinfo_init(GWaitInfo *w, GMutex *mu)
{
    w->mu = mu;
    atomic_init(&w->acquires, 0);
    atomic_init(&w->holder, NULL);
    atomic_init(&w->held_file, NULL);
    atomic_init(&w->held_line, 0);
    atomic_init(&w->label, NULL);
    GFrame *f = user_frame();
    w->made_file = f ? g_newref(f->code->filename) : NULL;
    w->made_line = f ? frame_line(f) : 0;
}

void g_waitinfo_clear(GWaitInfo *w)
{
    g_xdecref(w->made_file);
    g_xdecref(atomic_load(&w->held_file));
    g_xdecref(atomic_load(&w->label));
}

void g_waitinfo_acquired(GWaitInfo *w)
{
    atomic_fetch_add(&w->acquires, 1);
    atomic_store(&w->holder, g_tstate());
    GFrame *f = user_frame();
    if (!f)
        return;
    /* only the holder writes these, while it holds the lock */
    GObject *old = atomic_exchange(&w->held_file, g_newref(f->code->filename));
    g_xdecref(old);
    atomic_store(&w->held_line, frame_line(f));
}

void g_wait_begin(GWaitInfo *w)
{
    GThreadState *ts = g_tstate();
    GFrame *f = user_frame();
    ts->wait_file = f ? f->code->filename : NULL;   /* borrowed: the frame outlives the wait */
    ts->wait_line = f ? frame_line(f) : 0;
    atomic_fetch_add(&ts->wait_seq, 1);
    atomic_store(&ts->waiting_on, w);
}

void g_wait_end(void) { atomic_store(&g_tstate()->waiting_on, NULL); }

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdULL;
}

/* 0 when some live thread can still run; otherwise a fingerprint of the waits. */
static uint64_t stuck_fingerprint(void)
{
    uint64_t h = 1;
    g_threads_lock();   /* the caller may be attached: never wait for it attached */
    for (GThreadState *t = g_runtime.threads; t; t = t->next) {
        if (!atomic_load(&t->alive))
            continue;
        GWaitInfo *w = atomic_load(&t->waiting_on);
        if (!w || !g_mutex_is_locked(w->mu)) {
            h = 0;
            break;
        }
        h = mix(mix(mix(h, (uintptr_t)t), atomic_load(&t->wait_seq)), atomic_load(&w->acquires));
    }
    pthread_mutex_unlock(&g_runtime.threads_mu);
    return h;
}

/* "MainThread", "Thread-1 (worker)": from threading._active when it can be found. */
static void print_thread_name(GThreadState *t)
{
    GObject *threading = g_dict_get_str(g_runtime.modules, "threading");
    GObject *active = threading ? g_getattr_opt(threading, g_str_intern("_active")) : NULL;
    GObject *thread = NULL, *name = NULL;
    if (active && g_is_dict(active)) {
        GObject *ident = g_int_from_u64((uint64_t)(uintptr_t)t);
        thread = ident ? g_dict_get(active, ident) : NULL;
        g_xdecref(ident);
    }
    if (thread)
        name = g_getattr_opt(thread, g_str_intern("name"));
    if (name && g_is_str(name))
        fprintf(stderr, "%s", g_str_data(name));
    else
        fprintf(stderr, "%s", t == g_runtime.main_thread ? "MainThread" : "a thread");
    g_xdecref(name);
    g_xdecref(active);
    g_err_clear();
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

static void report(void)
{
    fflush(stdout);
    fprintf(stderr, "Deadlock: every thread is waiting, and no thread is left to wake them.\n");
    for (GThreadState *t = g_runtime.threads; t; t = t->next) {
        GWaitInfo *w = atomic_load(&t->waiting_on);
        if (!atomic_load(&t->alive) || !w)
            continue;
        fprintf(stderr, "\n  ");
        print_thread_name(t);
        fprintf(stderr, " waits at");
        print_site(t->wait_file, t->wait_line);
        GObject *label = atomic_load(&w->label);
        if (label) {
            fprintf(stderr, "    for %s\n", g_str_data(label));
            continue;
        }
        fprintf(stderr, "    for the lock made at");
        print_site(w->made_file, w->made_line);
        GThreadState *holder = atomic_load(&w->holder);
        if (holder) {
            fprintf(stderr, "    held by ");
            if (holder == t)
                fprintf(stderr, "this same thread");
            else
                print_thread_name(holder);
            fprintf(stderr, " since");
            print_site(atomic_load(&w->held_file), atomic_load(&w->held_line));
        }
    }
    fflush(stderr);
}

void g_deadlock_check(uint64_t *fingerprint)
{
    static _Atomic bool reporting;
    uint64_t now = stuck_fingerprint();
    if (now == 0 || now != *fingerprint) {
        *fingerprint = now;
        return;
    }
    if (atomic_exchange(&reporting, true))
        return;   /* another thread is already reporting */
    /* Nothing can run, so reading the other threads' wait records is safe now. */
    g_threads_lock();   /* the caller may be attached: never wait for it attached */
    report();
    pthread_mutex_unlock(&g_runtime.threads_mu);
    if (g_runtime.before_fatal_exit)
        g_runtime.before_fatal_exit();
    _exit(1);
}
