/* parking_lot.h -- where threads wait for a word of memory to change.
 *
 * A parking lot is a hash table of wait queues keyed by address (the idea comes from
 * WebKit's WTF::ParkingLot and is what CPython 3.13 uses).  Any word can be waited
 * on -- a 1-byte mutex, an event flag -- without embedding a queue in it:
 *
 *   address --hash--> bucket[i]:  lock | waiter -> waiter -> waiter
 *                                        (each waiter: its address, a semaphore)
 *
 * g_park checks, under the bucket lock, that the word still holds the expected
 * value (so a wake-up cannot slip between the check and the sleep), queues the
 * thread and sleeps.  g_unpark_one / g_unpark_all wake waiters of an address in FIFO
 * order.  While a thread is queued, its state's parked_on holds the address (the
 * deadlock watcher's certain look reads it).  A thread about to sleep detaches from the interpreter first (it releases
 * the GIL and lets stop-the-world proceed without it), and reattaches on waking.
 */
#ifndef GILT_PARKING_LOT_H
#define GILT_PARKING_LOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { G_PARK_OK, G_PARK_AGAIN, G_PARK_TIMEOUT, G_PARK_INTR } GParkResult;

/* Park if *(uint8_t *)addr == expected (or the 8-byte word for g_park_word).
 * timeout_ns < 0: wait forever.  `detach`: detach the thread state while asleep.
 * On wake-up by g_unpark_one, *handoff receives the waker's argument. */
GParkResult g_park(const void *addr, uint8_t expected, int64_t timeout_ns, bool detach, uintptr_t *handoff);
GParkResult g_park_word(const void *addr, uint64_t expected, int64_t timeout_ns, bool detach);

/* Wake the oldest waiter on addr, if any.  decide(arg, more_waiters, waited_ns) runs
 * under the bucket lock before the waiter wakes and returns the handoff value the
 * waiter receives; it is how a mutex decides to hand itself over. */
typedef uintptr_t (*GUnparkFn)(void *arg, bool has_waiter, bool more_waiters, int64_t waited_ns);
void g_unpark_one(const void *addr, GUnparkFn decide, void *arg);
void g_unpark_all(const void *addr);

int64_t g_monotonic_ns(void);

/* runtime/fork.c, around fork(2): no bucket is held across it; in the child every
 * queue is emptied (their waiters were other threads) and every bucket lock made
 * anew, whatever state the fork caught it in. */
void g_parking_lot_fork_lock(void);
void g_parking_lot_fork_unlock(bool child);

#endif
