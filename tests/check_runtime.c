/* check_runtime.c -- unit tests of the free-threading core: the 1-byte mutex and the
 * parking lot, thread states, stop-the-world and the switchable GIL.  They run real
 * pthreads against the runtime's C API. */
#include <pthread.h>
#include <unistd.h>

#include "check_util.h"
#include "runtime/critsec.h"
#include "runtime/qsbr.h"
#include "trace/ring.h"
#include "runtime/gil.h"
#include "runtime/mutex.h"
#include "runtime/parking_lot.h"
#include "runtime/stw.h"

int g_handle_eval_breaker(GThreadState *ts);

/* Wait (up to 60 s) for a condition another thread makes true.  Tests wait for what
 * they need instead of sleeping a fixed time and hoping: on a loaded machine a
 * thread may not run for a long while. */
#define WAIT_UNTIL(cond) \
    do { \
        for (int _w = 0; _w < 60000 && !(cond); _w++) \
            usleep(1000); \
    } while (0)

/* A thread state a test used from its own threads, now done with: retiring must run
 * on a thread attached to it (as its owner), so do that on a fresh thread, then
 * delete it. */
static void *retire_main(void *arg)
{
    GThreadState *ts = arg;
    g_threadstate_attach(ts);
    g_threadstate_retire(ts);
    g_threadstate_detach(ts);
    return NULL;
}

static void finish_threadstate(GThreadState *ts)
{
    pthread_t t;
    pthread_create(&t, NULL, retire_main, ts);
    pthread_join(t, NULL);
    g_threadstate_delete(ts);
}

/* ---- mutex ---- */

static GMutex counter_lock;
static long counter;

static void *bump(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100000; i++) {
        g_mutex_lock(&counter_lock);
        counter++;
        g_mutex_unlock(&counter_lock);
    }
    return NULL;
}

START_TEST(test_mutex_counts_exactly)
{
    pthread_t t[4];
    counter = 0;
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, bump, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    ck_assert_int_eq(counter, 400000);
    ck_assert(!g_mutex_is_locked(&counter_lock));
}
END_TEST

static GMutex held;

static void *try_timed(void *arg)
{
    GMutexStats *st = arg;
    int64_t t0 = g_monotonic_ns();
    GLockResult r = g_mutex_lock_timed(&held, 50 * 1000000, st);
    int64_t waited = g_monotonic_ns() - t0;
    return (void *)(intptr_t)(r == G_LOCK_TIMEOUT && waited >= 40 * 1000000);
}

START_TEST(test_mutex_timeout)
{
    GMutexStats st = { 0 };
    g_mutex_lock(&held);
    ck_assert(!g_mutex_trylock(&held));
    pthread_t t;
    void *ok;
    pthread_create(&t, NULL, try_timed, &st);
    pthread_join(t, &ok);
    ck_assert(ok);
    ck_assert_int_ge(atomic_load(&st.contended), 1);
    g_mutex_unlock(&held);
    ck_assert(g_mutex_trylock(&held));
    g_mutex_unlock(&held);
}
END_TEST

static GMutex hog;
static _Atomic int waiter_got;

static void *waiter(void *arg)
{
    (void)arg;
    g_mutex_lock(&hog);
    atomic_store(&waiter_got, 1);
    g_mutex_unlock(&hog);
    return NULL;
}

START_TEST(test_mutex_handoff_prevents_starvation)
{
    /* the main thread re-locks in a tight loop; the parked waiter must still get in */
    atomic_store(&waiter_got, 0);
    g_mutex_lock(&hog);
    pthread_t t;
    pthread_create(&t, NULL, waiter, NULL);
    usleep(20000);
    int64_t until = g_monotonic_ns() + 60 * 1000000000LL;   /* a backstop: it ends when the waiter gets in */
    while (g_monotonic_ns() < until && !atomic_load(&waiter_got)) {
        g_mutex_unlock(&hog);
        g_mutex_lock(&hog);
    }
    g_mutex_unlock(&hog);
    pthread_join(t, NULL);
    ck_assert_int_eq(atomic_load(&waiter_got), 1);
}
END_TEST

/* ---- parking lot ---- */

static _Atomic uint64_t flag;

static void *wake_later(void *arg)
{
    (void)arg;
    usleep(20000);
    atomic_store(&flag, 1);
    g_unpark_all((const void *)&flag);
    return NULL;
}

START_TEST(test_parking_lot)
{
    atomic_store(&flag, 0);
    ck_assert_int_eq(g_park_word((const void *)&flag, 7, -1, false), G_PARK_AGAIN);
    ck_assert_int_eq(g_park_word((const void *)&flag, 0, 10 * 1000000, false), G_PARK_TIMEOUT);
    pthread_t t;
    pthread_create(&t, NULL, wake_later, NULL);
    GParkResult r = g_park_word((const void *)&flag, 0, 2000LL * 1000000, false);
    pthread_join(t, NULL);
    ck_assert(r == G_PARK_OK || r == G_PARK_AGAIN);
    ck_assert_int_eq(atomic_load(&flag), 1);
}
END_TEST

/* ---- thread states, stop-the-world, GIL ---- */

typedef struct {
    GThreadState *ts;
    _Atomic long progress;
    _Atomic int stop;
    _Atomic int *inside, *max_inside;
} Worker;

/* A thread that "runs Python": attached, polling its eval breaker like the loop. */
static void *worker_main(void *arg)
{
    Worker *w = arg;
    g_threadstate_attach(w->ts);
    while (!atomic_load(&w->stop)) {
        if (w->inside) {
            int now = atomic_fetch_add(w->inside, 1) + 1;
            int m = atomic_load(w->max_inside);
            while (now > m && !atomic_compare_exchange_weak(w->max_inside, &m, now))
                ;
            for (volatile int spin = 0; spin < 200; spin++)
                ;
            atomic_fetch_sub(w->inside, 1);
        }
        atomic_fetch_add(&w->progress, 1);
        if (atomic_load_explicit(&w->ts->eval_breaker, memory_order_relaxed))
            g_handle_eval_breaker(w->ts);
    }
    g_threadstate_detach(w->ts);
    return NULL;
}

START_TEST(test_stop_the_world)
{
    Worker w[2];
    pthread_t t[2];
    for (int i = 0; i < 2; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].ts = g_threadstate_new();
        pthread_create(&t[i], NULL, worker_main, &w[i]);
    }
    usleep(20000);
    GThreadState *me = g_tstate();
    g_stop_the_world(me);
    long a0 = atomic_load(&w[0].progress), b0 = atomic_load(&w[1].progress);
    usleep(30000);
    long a1 = atomic_load(&w[0].progress), b1 = atomic_load(&w[1].progress);
    ck_assert_int_eq(a0, a1);   /* nobody ran while the world was stopped */
    ck_assert_int_eq(b0, b1);
    ck_assert_int_ge(g_stw_last_safepoint_ns(), 0);
    g_start_the_world(me);
    WAIT_UNTIL(atomic_load(&w[0].progress) > a1 && atomic_load(&w[1].progress) > b1);
    ck_assert_int_gt(atomic_load(&w[0].progress), a1);
    ck_assert_int_gt(atomic_load(&w[1].progress), b1);
    for (int i = 0; i < 2; i++) {
        atomic_store(&w[i].stop, 1);
        pthread_join(t[i], NULL);
        finish_threadstate(w[i].ts);
    }
}
END_TEST

static uint64_t gil_drop_requests(void)
{
    GGilStats st;
    g_gil_stats(&st);
    return st.drop_requests;
}

START_TEST(test_gil_serialises_and_switches)
{
    _Atomic int inside = 0, max_inside = 0;
    GThreadState *me = g_tstate();
    g_gil_set(true);
    ck_assert(g_runtime.gil_enabled);
    g_threadstate_detach(me);    /* the test thread steps aside */
    Worker w[2];
    pthread_t t[2];
    for (int i = 0; i < 2; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].ts = g_threadstate_new();
        w[i].inside = &inside;
        w[i].max_inside = &max_inside;
        pthread_create(&t[i], NULL, worker_main, &w[i]);
    }
    /* both get turns (forced switching), and it took drop requests */
    WAIT_UNTIL(atomic_load(&w[0].progress) > 0 && atomic_load(&w[1].progress) > 0 &&
               gil_drop_requests() > 0);
    long a = atomic_load(&w[0].progress), b = atomic_load(&w[1].progress);
    for (int i = 0; i < 2; i++)
        atomic_store(&w[i].stop, 1);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    g_threadstate_attach(me);
    ck_assert_int_eq(atomic_load(&max_inside), 1);   /* never two at once */
    ck_assert_int_gt(a, 0);                           /* both got turns: forced switching */
    ck_assert_int_gt(b, 0);
    GGilStats st;
    g_gil_stats(&st);
    ck_assert_int_gt(st.drop_requests, 0);
    g_gil_set(false);
    ck_assert(!g_runtime.gil_enabled);
    for (int i = 0; i < 2; i++)
        finish_threadstate(w[i].ts);
}
END_TEST

START_TEST(test_gil_toggle_while_running)
{
    _Atomic int inside = 0, max_inside = 0;
    Worker w[2];
    pthread_t t[2];
    for (int i = 0; i < 2; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].ts = g_threadstate_new();
        pthread_create(&t[i], NULL, worker_main, &w[i]);
    }
    for (int round = 0; round < 10; round++) {
        g_gil_set(round % 2 == 0);
        usleep(5000);
    }
    g_gil_set(true);
    for (int i = 0; i < 2; i++) {
        w[i].inside = &inside;
        w[i].max_inside = &max_inside;
    }
    /* with the GIL on and this thread detached, the workers take turns */
    g_threadstate_detach(g_tstate());
    long p0 = atomic_load(&w[0].progress), p1 = atomic_load(&w[1].progress);
    WAIT_UNTIL(atomic_load(&w[0].progress) > p0 && atomic_load(&w[1].progress) > p1);
    for (int i = 0; i < 2; i++)
        atomic_store(&w[i].stop, 1);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    g_threadstate_attach(g_tstate());
    ck_assert_int_le(atomic_load(&max_inside), 1);
    g_gil_set(false);
    for (int i = 0; i < 2; i++) {
        ck_assert_int_gt(atomic_load(&w[i].progress), 0);
        finish_threadstate(w[i].ts);
    }
}
END_TEST

/* ---- biased reference counting across threads ---- */

typedef struct {
    GObject *obj;
    int decrefs;
    GThreadState *ts;
    uint64_t frees_before, frees_after;
} DecrefJob;

static void *decref_from_other_thread(void *arg)
{
    DecrefJob *j = arg;
    g_threadstate_attach(j->ts);
    j->frees_before = j->ts->frees;
    for (int i = 0; i < j->decrefs; i++)
        g_decref(j->obj);
    j->frees_after = j->ts->frees;
    g_threadstate_detach(j->ts);
    return NULL;
}

static void run_decref_job(DecrefJob *j)
{
    pthread_t t;
    pthread_create(&t, NULL, decref_from_other_thread, j);
    pthread_join(t, NULL);
}

START_TEST(test_biased_queue_and_merge)
{
    GThreadState *me = g_tstate();
    GObject *l = g_list_new(0);           /* owned by this thread, local count 1 */
    g_incref(l);                          /* local 2: one reference we hand to B */
    DecrefJob j = { .obj = l, .decrefs = 1, .ts = g_threadstate_new() };
    run_decref_job(&j);                   /* B drops it: shared count would go below 0 */
    ck_assert_int_eq(atomic_load(&l->ob_ref_shared) & G_SHARED_STATE_MASK, G_SHARED_QUEUED);
    ck_assert(atomic_load(&me->eval_breaker) & G_BREAK_MERGE);
    ck_assert_int_eq(j.ts->rc.queued, 1);
    g_handle_eval_breaker(me);            /* the owner merges at its next check */
    ck_assert_int_eq(atomic_load(&l->ob_ref_shared) & G_SHARED_STATE_MASK, G_SHARED_MERGED);
    ck_assert(g_ob_tid(l) == 0);
    ck_assert_int_eq(g_refcount(l), 1);
    DecrefJob k = { .obj = l, .decrefs = 1, .ts = j.ts };
    run_decref_job(&k);                   /* the last reference, dropped by B: freed */
    ck_assert_int_eq(k.frees_after, k.frees_before + 1);
    finish_threadstate(j.ts);
}
END_TEST

static void *make_and_exit(void *arg)
{
    GObject **out = arg;
    GThreadState *ts = g_threadstate_new();
    g_threadstate_attach(ts);
    GObject *l = g_list_new(0);
    g_incref(l);                          /* two local references, one handed out */
    g_decref(l);
    *out = l;                             /* the handed-out reference */
    g_threadstate_retire(ts);
    g_threadstate_detach(ts);
    g_threadstate_delete(ts);             /* the owner exits with the object alive */
    return NULL;
}

START_TEST(test_biased_owner_exited)
{
    GObject *l = NULL;
    pthread_t t;
    pthread_create(&t, NULL, make_and_exit, &l);
    pthread_join(t, NULL);
    ck_assert_ptr_nonnull(l);
    uint64_t frees = atomic_load(&g_tstate()->frees);
    g_incref(l);                          /* shared 1 */
    g_decref(l);                          /* shared 0 */
    g_decref(l);                          /* owner dead: merged here and freed */
    ck_assert_int_eq(atomic_load(&g_tstate()->frees), frees + 1);
}
END_TEST

/* g_try_incref: what a weak reference does.  It succeeds while a reference is held
 * anywhere and refuses once the merged-zero rule has chosen a thread to free. */
typedef struct {
    GObject *obj;
    GThreadState *ts;
    bool got;
} TryJob;

static void *try_incref_then_decref(void *arg)
{
    TryJob *j = arg;
    g_threadstate_attach(j->ts);
    j->got = g_try_incref(j->obj);   /* not the owner: the CAS on the shared word */
    if (j->got)
        g_decref(j->obj);
    g_threadstate_detach(j->ts);
    return NULL;
}

START_TEST(test_try_incref_states)
{
    GThreadState *me = g_tstate();
    GObject *l = g_list_new(0);           /* owned here, local 1, shared OK(0) */
    g_set_maybe_weakref(l);
    ck_assert_int_eq(atomic_load(&l->ob_ref_shared), G_SHARED_MAYBE_WEAKREF);
    ck_assert(g_try_incref(l));           /* the owner: local 2 */
    ck_assert_int_eq(g_ref_local(l), 2);
    g_decref(l);
    TryJob j = { .obj = l, .ts = g_threadstate_new() };
    pthread_t t;
    pthread_create(&t, NULL, try_incref_then_decref, &j);
    pthread_join(t, NULL);
    ck_assert(j.got);                     /* count 0 in MAYBE_WEAKREF: alive, the owner holds it */
    ck_assert_int_eq(atomic_load(&l->ob_ref_shared), G_SHARED_MAYBE_WEAKREF);
    uint64_t frees = atomic_load(&me->frees);
    g_decref(l);                          /* never the CAS-less shortcut: merged, then freed */
    ck_assert_int_eq(atomic_load(&me->frees), frees + 1);

    GObject *m = g_list_new(0);           /* a count merged to zero: refused */
    g_ob_tid_set(m, 0);
    g_ref_local_set(m, 0);
    atomic_store(&m->ob_ref_shared, G_SHARED_MERGED);
    ck_assert(!g_try_incref(m));
    TryJob k = { .obj = m, .ts = j.ts, .got = true };
    pthread_create(&t, NULL, try_incref_then_decref, &k);
    pthread_join(t, NULL);
    ck_assert(!k.got);                    /* nor from another thread */
    atomic_store(&m->ob_ref_shared, ((intptr_t)1 << G_SHARED_SHIFT) | G_SHARED_MERGED);
    g_decref(m);                          /* give the real count back and free it */
    ck_assert_int_eq(atomic_load(&me->frees), frees + 2);
    finish_threadstate(j.ts);
}
END_TEST

/* ---- critical sections ---- */

static GObject *obj_a, *obj_b;
static long cs_counter;

static void *critsec_worker(void *arg)
{
    intptr_t reverse = (intptr_t)arg;
    GThreadState *ts = g_threadstate_new();
    g_threadstate_attach(ts);
    for (int i = 0; i < 50000; i++) {
        GCritSec cs;
        if (reverse)
            g_critsec_begin2(&cs, obj_b, obj_a);
        else
            g_critsec_begin2(&cs, obj_a, obj_b);
        GCritSec inner;                 /* re-entry on a held object takes nothing */
        g_critsec_begin(&inner, obj_a);
        cs_counter++;
        g_critsec_end(&inner);
        g_critsec_end(&cs);
    }
    g_threadstate_retire(ts);
    g_threadstate_detach(ts);
    g_threadstate_delete(ts);
    return NULL;
}

START_TEST(test_critsec_pairs_in_any_order)
{
    atomic_store(&g_runtime.other_threads, 4);   /* sections lock only when concurrent */
    obj_a = g_list_new(0);
    obj_b = g_list_new(0);
    cs_counter = 0;
    pthread_t t[4];
    for (intptr_t i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, critsec_worker, (void *)(i % 2));
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    ck_assert_int_eq(cs_counter, 200000);
    ck_assert(!g_mutex_is_locked(g_object_mutex(obj_a)));
    ck_assert(!g_mutex_is_locked(g_object_mutex(obj_b)));
    atomic_store(&g_runtime.other_threads, 0);
}
END_TEST

static GMutex gate;
static _Atomic int other_got_x;

static void *take_x(void *arg)
{
    (void)arg;
    GThreadState *ts = g_threadstate_new();
    g_threadstate_attach(ts);
    GCritSec cs;
    g_critsec_begin(&cs, obj_a);       /* possible only because the holder suspended */
    atomic_store(&other_got_x, 1);
    g_critsec_end(&cs);
    g_mutex_unlock(&gate);             /* let the first thread go on */
    g_threadstate_retire(ts);
    g_threadstate_detach(ts);
    g_threadstate_delete(ts);
    return NULL;
}

START_TEST(test_critsec_suspended_while_blocked)
{
    atomic_store(&g_runtime.other_threads, 1);
    obj_a = g_list_new(0);
    atomic_store(&other_got_x, 0);
    g_mutex_lock(&gate);               /* held; released by the other thread */
    GCritSec cs;
    g_critsec_begin(&cs, obj_a);
    pthread_t t;
    pthread_create(&t, NULL, take_x, NULL);
    g_mutex_lock(&gate);               /* blocks: detaches, suspending our section */
    ck_assert_int_eq(atomic_load(&other_got_x), 1);
    ck_assert(cs.h1);                  /* re-taken on resume */
    ck_assert(g_mutex_is_locked(g_object_mutex(obj_a)));
    g_critsec_end(&cs);
    g_mutex_unlock(&gate);
    pthread_join(t, NULL);
    ck_assert(!g_mutex_is_locked(g_object_mutex(obj_a)));
    atomic_store(&g_runtime.other_threads, 0);
}

/* Not concurrent (one thread, or the GIL on): a section records what it wants and
 * takes nothing; when the program becomes concurrent, resuming takes the innermost
 * section's locks, and ending it hands over to the enclosing one. */
START_TEST(test_critsec_becomes_concurrent)
{
    GThreadState *ts = g_tstate();
    obj_a = g_list_new(0);
    obj_b = g_list_new(0);
    GCritSec outer, inner;
    g_critsec_begin(&outer, obj_a);
    g_critsec_begin(&inner, obj_b);
    ck_assert(!g_mutex_is_locked(g_object_mutex(obj_a)));
    ck_assert(!g_mutex_is_locked(g_object_mutex(obj_b)));
    atomic_store(&g_runtime.other_threads, 1);        /* as _thread does before starting one */
    g_critsec_resume_top(ts);
    ck_assert(g_mutex_is_locked(g_object_mutex(obj_b)));
    ck_assert(!g_mutex_is_locked(g_object_mutex(obj_a)));
    g_critsec_end(&inner);
    ck_assert(!g_mutex_is_locked(g_object_mutex(obj_b)));
    ck_assert(g_mutex_is_locked(g_object_mutex(obj_a)));   /* the outer took its own back */
    GCritSec again;                                    /* re-entry on a held object takes nothing */
    g_critsec_begin(&again, obj_a);
    ck_assert(!again.h1);
    g_critsec_end(&again);
    ck_assert(g_mutex_is_locked(g_object_mutex(obj_a)));
    g_critsec_end(&outer);
    ck_assert(!g_mutex_is_locked(g_object_mutex(obj_a)));
    atomic_store(&g_runtime.other_threads, 0);
    g_decref(obj_a);
    g_decref(obj_b);
}
END_TEST

/* ---- quiescent-state-based reclamation ---- */

/* A deferred decref waits until every online thread has reported a quiescent state
 * after it; an offline (detached) thread is not waited for. */
START_TEST(test_qsbr_waits_for_readers)
{
    atomic_store(&g_runtime.other_threads, 1);
    GThreadState *me = g_tstate();
    GThreadState *reader = g_threadstate_new();   /* stands for a thread mid-lookup */
    g_qsbr_online(reader);
    GObject *o = g_list_new(0);
    g_incref(o);
    ck_assert_int_eq(g_refcount(o), 2);
    g_qsbr_decref(o);                              /* as a dict store drops the old value */
    g_qsbr_quiescent(me);
    ck_assert_int_eq(g_refcount(o), 2);            /* the reader may still hold it */
    atomic_fetch_add(&g_runtime.qsbr_wr_seq, 1);   /* what a thread with many deferrals does */
    g_qsbr_quiescent(me);
    ck_assert_int_eq(g_refcount(o), 2);            /* still: the reader has not reported */
    g_qsbr_online(reader);                         /* it passes a check point */
    g_qsbr_quiescent(me);
    ck_assert_int_eq(g_refcount(o), 1);            /* now it is dropped */
    g_incref(o);
    g_qsbr_decref(o);
    g_qsbr_offline(reader);                        /* a detached thread holds nothing */
    atomic_fetch_add(&g_runtime.qsbr_wr_seq, 1);
    g_qsbr_quiescent(me);
    ck_assert_int_eq(g_refcount(o), 1);
    finish_threadstate(reader);
    atomic_store(&g_runtime.other_threads, 0);
    g_incref(o);
    g_qsbr_decref(o);                              /* not concurrent: dropped at once */
    ck_assert_int_eq(g_refcount(o), 1);
    g_decref(o);
}
END_TEST

/* ---- event rings ---- */

/* A full ring never blocks its producer: it counts the losses, and what the reader
 * gets back is exactly what was pushed before it filled, in order. */
START_TEST(test_ring_full_counts_losses)
{
    GRing *r = g_ring_new(8);
    ck_assert_ptr_nonnull(r);
    for (uint32_t i = 0; i < 11; i++) {
        GEvent ev = { .t = i, .kind = G_EV_MARK, .a = i };
        g_ring_push(r, &ev);
    }
    ck_assert_uint_eq(atomic_load(&r->dropped), 3);
    GEvent out[16];
    size_t n = g_ring_read(r, out, 16);
    ck_assert_uint_eq(n, 8);
    for (uint32_t i = 0; i < 8; i++)
        ck_assert_uint_eq(out[i].a, i);
    ck_assert_uint_eq(g_ring_read(r, out, 16), 0);
    GEvent ev = { .t = 99, .kind = G_EV_MARK, .a = 99 };   /* room again */
    g_ring_push(r, &ev);
    ck_assert_uint_eq(g_ring_read(r, out, 16), 1);
    ck_assert_uint_eq(out[0].a, 99);
    g_ring_free(r);
}
END_TEST

static GRing *spsc_ring;
enum { SPSC_EVENTS = 500000 };

static void *spsc_producer(void *arg)
{
    (void)arg;
    for (uint64_t i = 0; i < SPSC_EVENTS; i++) {
        GEvent ev = { .t = i, .kind = G_EV_MARK, .b = i, .c = ~i };
        g_ring_push(spsc_ring, &ev);
    }
    return NULL;
}

/* One producer and a reader on another thread, at full speed: every event read is
 * whole (b and c agree), they come in order, and read + dropped == pushed. */
START_TEST(test_ring_reader_on_another_thread)
{
    spsc_ring = g_ring_new(1024);
    pthread_t t;
    pthread_create(&t, NULL, spsc_producer, NULL);
    GEvent buf[256];
    uint64_t got = 0, last = 0;
    bool first = true, done = false;
    while (!done) {
        done = atomic_load(&spsc_ring->head) - atomic_load(&spsc_ring->tail) == 0 &&
               atomic_load(&spsc_ring->head) + atomic_load(&spsc_ring->dropped) == SPSC_EVENTS;
        size_t n = g_ring_read(spsc_ring, buf, 256);
        for (size_t i = 0; i < n; i++) {
            ck_assert_uint_eq(buf[i].c, ~buf[i].b);
            if (!first)
                ck_assert_uint_gt(buf[i].b, last);
            last = buf[i].b;
            first = false;
        }
        got += n;
    }
    pthread_join(t, NULL);
    /* `done` above reads head twice, so it may be true with events still unread:
     * read what is left, however much */
    size_t n;
    while ((n = g_ring_read(spsc_ring, buf, 256)) > 0)
        got += n;
    ck_assert_uint_eq(got + atomic_load(&spsc_ring->dropped), SPSC_EVENTS);
    ck_assert_uint_gt(got, 0);
    g_ring_free(spsc_ring);
}
END_TEST

static Suite *runtime_suite(void)
{
    Suite *s = suite_create("runtime");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_mutex_counts_exactly);
    tcase_add_test(tc, test_mutex_timeout);
    tcase_add_test(tc, test_mutex_handoff_prevents_starvation);
    tcase_add_test(tc, test_parking_lot);
    tcase_add_test(tc, test_stop_the_world);
    tcase_add_test(tc, test_gil_serialises_and_switches);
    tcase_add_test(tc, test_gil_toggle_while_running);
    tcase_add_test(tc, test_biased_queue_and_merge);
    tcase_add_test(tc, test_biased_owner_exited);
    tcase_add_test(tc, test_try_incref_states);
    tcase_add_test(tc, test_critsec_pairs_in_any_order);
    tcase_add_test(tc, test_critsec_suspended_while_blocked);
    tcase_add_test(tc, test_critsec_becomes_concurrent);
    tcase_add_test(tc, test_qsbr_waits_for_readers);
    tcase_add_test(tc, test_ring_full_counts_losses);
    tcase_add_test(tc, test_ring_reader_on_another_thread);
    suite_add_tcase(s, tc);
    return s;
}

RUN_SUITE(runtime_suite)
