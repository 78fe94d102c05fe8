/* heapq.c -- the _heapq module: heapq's five list operations in C, for speed.
 *
 * src/modules/py/heapq.py is the readable version of the same algorithm and the
 * home of the rest (merge, nlargest, nsmallest); it imports these five over its
 * own.  The moves are CPython's, so a printed heap is the same list:
 *
 *   rise (push):  the new last item climbs while it is < its parent;
 *   sink (pop):   the hole at pos runs down to a leaf along the smaller child,
 *                 the item that was at pos goes there and rises back.
 *
 * Threads.  Each read and write of the list is one of list.c's atomic steps
 * (g_list_get_ref takes the item with a reference of its own under the list's
 * lock; g_list_set_item stores one), and `<` runs with no lock held -- an item's
 * __lt__ may be Python code.  So a heap operation as a whole is not atomic (as
 * in heapq.py), but nothing is ever read freed.  A list that changes size under
 * an operation (from __lt__, or another thread) gets CPython's RuntimeError
 * "list changed size during iteration".
 */
#include "modules/modules.h"

#define ARGS GObject *self, GObject *const *args, size_t nargs, GObject *kw

static GObject *changed_size(void)
{
    return g_raise(&GExc_RuntimeError, "list changed size during iteration");
}

static bool check_list(const char *fname, const char *which, GObject *heap)
{
    if (g_is_list(heap))
        return true;
    g_raise(&GExc_TypeError, "%s() %s must be list, not %T", fname, which, heap);
    return false;
}

/* heap[i] = v, stealing v; false (with the exception) if i fell out of the list. */
static bool store(GObject *heap, int64_t i, GObject *v)
{
    if (g_list_set_item(heap, i, v))
        return true;
    g_decref(v);
    changed_size();
    return false;
}

/* 1 if heap[i] < heap[j], 0 if not, -1 on error (or a change of size). */
static int less_at(GObject *heap, int64_t i, int64_t j, int64_t size)
{
    GObject *a = g_list_get_ref(heap, i), *b = g_list_get_ref(heap, j);
    int lt = a && b ? g_richcompare_bool(a, b, CMP_LT) : -2;
    g_xdecref(a);
    g_xdecref(b);
    if (lt == -2 || (lt >= 0 && G_LIST_SIZE(heap) != size)) {
        changed_size();
        return -1;
    }
    return lt;
}

/* The item at pos climbs towards top while it is smaller than its parent. */
static int rise(GObject *heap, int64_t top, int64_t pos)
{
    int64_t size = G_LIST_SIZE(heap);
    GObject *item = g_list_get_ref(heap, pos);
    if (!item) {
        changed_size();
        return -1;
    }
    while (pos > top) {
        int64_t parent = (pos - 1) >> 1;
        GObject *p = g_list_get_ref(heap, parent);
        int lt = p ? g_richcompare_bool(item, p, CMP_LT) : -2;
        if (lt == -2 || (lt >= 0 && G_LIST_SIZE(heap) != size)) {
            g_xdecref(p);
            g_decref(item);
            changed_size();
            return -1;
        }
        if (lt <= 0) {
            g_decref(p);
            if (lt < 0) {
                g_decref(item);
                return -1;
            }
            break;
        }
        if (!store(heap, pos, p)) {   /* the parent moves down into the hole */
            g_decref(item);
            return -1;
        }
        pos = parent;
    }
    return store(heap, pos, item) ? 0 : -1;
}

/* Restore the heap below pos (CPython's bottom-up order: see the top). */
static int sink(GObject *heap, int64_t pos)
{
    int64_t end = G_LIST_SIZE(heap), top = pos;
    GObject *item = g_list_get_ref(heap, pos);
    if (!item) {
        changed_size();
        return -1;
    }
    for (int64_t child = 2 * pos + 1; child < end; child = 2 * pos + 1) {
        if (child + 1 < end) {
            int lt = less_at(heap, child, child + 1, end);
            if (lt < 0) {
                g_decref(item);
                return -1;
            }
            if (!lt)
                child++;
        }
        GObject *c = g_list_get_ref(heap, child);
        if (!c || !store(heap, pos, c)) {
            if (!c)
                changed_size();
            g_decref(item);
            return -1;
        }
        pos = child;
    }
    if (!store(heap, pos, item))
        return -1;
    return rise(heap, top, pos);
}

static GObject *heappush(ARGS)
{
    (void)self;
    if (g_no_kwargs("heappush", kw) < 0 || g_check_nargs("heappush", nargs, 2, 2) < 0 ||
        !check_list("heappush", "argument 1", args[0]))
        return NULL;
    if (g_list_append(args[0], args[1]) < 0 || rise(args[0], 0, G_LIST_SIZE(args[0]) - 1) < 0)
        return NULL;
    return G_NONE;
}

static GObject *heappop(ARGS)
{
    (void)self;
    if (g_no_kwargs("heappop", kw) < 0 || g_check_nargs("_heapq.heappop", nargs, 1, 1) < 0 ||
        !check_list("heappop", "argument", args[0]))
        return NULL;
    GObject *heap = args[0];
    if (G_LIST_SIZE(heap) == 0)
        return g_raise(&GExc_IndexError, "index out of range");
    GObject *last = g_call_method(heap, "pop", NULL, 0);
    if (!last || G_LIST_SIZE(heap) == 0)
        return last;
    GObject *smallest = g_list_get_ref(heap, 0);
    if (!smallest) {
        g_decref(last);
        return changed_size();
    }
    if (!store(heap, 0, last) || sink(heap, 0) < 0) {
        g_decref(smallest);
        return NULL;
    }
    return smallest;
}

static GObject *heapreplace(ARGS)
{
    (void)self;
    if (g_no_kwargs("heapreplace", kw) < 0 || g_check_nargs("heapreplace", nargs, 2, 2) < 0 ||
        !check_list("heapreplace", "argument 1", args[0]))
        return NULL;
    GObject *heap = args[0], *smallest = g_list_get_ref(heap, 0);
    if (!smallest)
        return g_raise(&GExc_IndexError, "index out of range");
    if (!store(heap, 0, g_newref(args[1])) || sink(heap, 0) < 0) {
        g_decref(smallest);
        return NULL;
    }
    return smallest;
}

static GObject *heappushpop(ARGS)
{
    (void)self;
    if (g_no_kwargs("heappushpop", kw) < 0 || g_check_nargs("heappushpop", nargs, 2, 2) < 0 ||
        !check_list("heappushpop", "argument 1", args[0]))
        return NULL;
    GObject *heap = args[0], *top = g_list_get_ref(heap, 0);
    if (!top)   /* an empty heap: the item comes straight back */
        return g_newref(args[1]);
    int lt = g_richcompare_bool(top, args[1], CMP_LT);
    if (lt <= 0) {
        g_decref(top);
        return lt < 0 ? NULL : g_newref(args[1]);
    }
    if (!store(heap, 0, g_newref(args[1])) || sink(heap, 0) < 0) {
        g_decref(top);
        return NULL;
    }
    return top;
}

static GObject *heapify(ARGS)
{
    (void)self;
    if (g_no_kwargs("heapify", kw) < 0 || g_check_nargs("_heapq.heapify", nargs, 1, 1) < 0 ||
        !check_list("heapify", "argument", args[0]))
        return NULL;
    for (int64_t i = G_LIST_SIZE(args[0]) / 2 - 1; i >= 0; i--)
        if (sink(args[0], i) < 0)
            return NULL;
    return G_NONE;
}

static const GMethodDef heapq_functions[] = {
    { "heappush", heappush, 0, "Push item onto heap, maintaining the heap invariant." },
    { "heappop", heappop, 0, "Pop the smallest item off the heap, maintaining the heap invariant." },
    { "heapreplace", heapreplace, 0, "Pop and return the current smallest value, and add the new item." },
    { "heappushpop", heappushpop, 0, "Push item on the heap, then pop and return the smallest item." },
    { "heapify", heapify, 0, "Transform list into a heap, in-place, in O(len(heap)) time." },
    { NULL, NULL, 0, NULL },
};

GObject *g_heapq_init(void)
{
    GObject *m = g_module_new("_heapq");
    if (m && g_module_add_functions(m, heapq_functions) < 0)
        G_CLEAR(m);
    return m;
}
