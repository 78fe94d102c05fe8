/* race.h -- gilt --race: the detector's eye on the user's code, and its reports.
 *
 * The core (runtime/race.h) knows clocks and shadow cells; this layer knows
 * Python: which instruction touches which location, where it stands in the
 * program (a site: the user's frames, innermost first), and how to say all that
 * to a person, after Go's race detector:
 *
 *   ==================
 *   WARNING: DATA RACE (write/write conflict on global 'count')
 *   Write at global 'count' by thread T2 (Thread-2):
 *     /home/me/lost.py:6 work
 *
 *   Previous write at global 'count' by thread T1 (Thread-1):
 *     /home/me/lost.py:6 work
 *
 *   Thread T2 (Thread-2) (created at):
 *     /home/me/lost.py:8 <module>
 *   ...
 *   ==================
 *
 * followed, in a controlled run (--seed, --schedule), by the schedule that leads
 * to it and the command that replays it.
 *
 * The locations, and what touches them (all from the stepped copy of the eval loop
 * only, vm/eval_loop.h, so the ordinary loop pays nothing):
 *
 *   global / name      LOAD_GLOBAL, STORE_GLOBAL, LOAD_NAME, STORE_NAME, DELETE_*
 *   attribute          LOAD_ATTR found in the instance's __dict__, STORE_ATTR,
 *                      DELETE_ATTR on an object with a __dict__
 *   list item          lst[i] read, written (by a non-negative int index)
 *   dict key           d[k] read, written, deleted (str and int keys); `k in d`
 *                      reads key k; a store to an item or key is also an atomic
 *                      write of the whole (below), so it races with an unordered
 *                      len() or loop but not with a store elsewhere
 *   the whole list or dict   append, extend, insert, remove, pop, clear, sort,
 *                      reverse, dict.popitem/clear/update (atomic writes: Python
 *                      documents them atomic, so two appends do not race, but an
 *                      append and an unordered len() or loop do); del lst[i] and
 *                      slice stores (writes); len(), iteration, `in`, index, count,
 *                      copy, keys/values/items (reads)
 *   dict key, atomically   d.setdefault(k), d.pop(k); d.get(k) is a read
 *   closure variable   STORE_DEREF, DELETE_DEREF (writes only: a lone read of a
 *                      closure variable is not followed, so `n += 1` in two
 *                      threads is reported, a read of n beside a locked update is
 *                      not)
 *
 * Where the edges come from:
 *
 *   thread start       _thread.start_new_thread (modules/thread.c)
 *   Lock release -> acquire   the _thread lock (thread.c), and so everything built
 *                      from it: RLock, Condition (notify releases the waiter's
 *                      lock), Semaphore, Event, Barrier, queue.Queue (put and get
 *                      take its mutex), Future (its Condition)
 *   join               the thread's `_done` lock, released as it ends; when
 *                      join() finds the thread already finished it acquires the
 *                      edge explicitly (threading.py, _thread._race_acquire)
 *   Event.is_set()     True after set(): set() releases, is_set() acquires
 *
 * Turning it on makes every thread's frames of user code run in the stepped copy:
 * the same G_BREAK_STEP bit a controlled scheduler sets (runtime/sched.c), which
 * the point in the stepped loop passes at once when no scheduler controls.
 */
#ifndef GILT_VM_RACE_H
#define GILT_VM_RACE_H

#include <stdbool.h>

#include "objects/objects.h"
#include "runtime/race.h"

struct GThreadState;

/* main.c: turn detection on before the program runs (script: how to name it in a
 * replay command), and at the end: the summary; 66 if races were found and the
 * program's own status was 0. */
void g_race_start(const char *script);
int g_race_finish(int status);

/* thread.c: a new thread's state gets the stepped loop too. */
void g_race_thread_prepare(struct GThreadState *ts);

/* The hooks (the stepped eval loop, after checking g_race_on()). */
void g_race_name(GObject *dict, GObject *name, bool write);
void g_race_attr(GObject *o, GObject *name, bool write);
void g_race_attr_load(GObject *o, GObject *name);   /* a read if name is in o.__dict__ */
void g_race_attr_store(GObject *o, GObject *name);  /* a write (or delete) into o.__dict__ */
void g_race_item(GObject *o, GObject *key, bool write);
void g_race_del_item(GObject *o, GObject *key);
void g_race_whole(GObject *o, bool write);
void g_race_contains(GObject *o, GObject *key);   /* `key in o` */
void g_race_cell(GObject *cell, GCode *co, int arg, bool write);
/* A method call on self (CALL_METHOD with a method descriptor), and a call of the
 * builtin len(). */
void g_race_method(GObject *descr, GObject *self, GObject *const *args, size_t nargs);
void g_race_call(GObject *fn, GObject *const *args, size_t nargs);

#endif
