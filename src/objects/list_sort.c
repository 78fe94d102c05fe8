/* list_sort.c -- list.sort() and sorted(): a stable merge sort that calls `<` only,
 * as Python's does, with key= and reverse=.
 *
 * The items are paired with their keys (key= is called once an item, first), then
 * sorted: insertion sort for runs of up to 8, and above that two sorted halves merged
 * through a scratch array, skipped when the halves are already in order.  reverse=
 * reverses the items before and after, so equal items keep their order.  If key= or
 * `<` fails, the list is left as it was.
 *
 * Threads.  Like CPython, the sort holds the list's lock while key= and `<` run, with
 * the items taken out first (the top of list.c says why): the list looks empty
 * meanwhile, and is found "modified during sort" if anything was put into it.
 */
#include <string.h>

#include "objects/list_internal.h"
#include "objects/objects.h"
#include "runtime/critsec.h"

/* ---- sort ---- */

typedef struct { GObject *key; GObject *value; } SortItem;

/* Two exact tuples, as tuple's < decides (the first items that differ decide, else
 * the shorter is less), without a bool object per comparison: tuple keys are the
 * common way to sort on several fields.  A tuple's items never change, and the
 * keys array keeps both tuples alive. */
static int tuple_lt(GObject *a, GObject *b)
{
    int64_t na = G_TUPLE_SIZE(a), nb = G_TUPLE_SIZE(b);
    for (int64_t i = 0; i < na && i < nb; i++) {
        GObject *x = G_TUPLE_ITEM(a, i), *y = G_TUPLE_ITEM(b, i);
        int eq = g_eq(x, y);
        if (eq < 0)
            return -1;
        if (!eq)
            return g_richcompare_bool(x, y, CMP_LT);
    }
    return na < nb;
}

static int sort_lt(SortItem *a, SortItem *b)
{
    if (G_TYPE(a->key) == &GInt_type && G_TYPE(b->key) == &GInt_type &&
        g_int_is_small(a->key) && g_int_is_small(b->key))
        return g_int_small_value(a->key) < g_int_small_value(b->key);
    if (G_TYPE(a->key) == &GStr_type && G_TYPE(b->key) == &GStr_type)
        return g_str_compare(a->key, b->key) < 0;
    if (G_TYPE(a->key) == &GTuple_type && G_TYPE(b->key) == &GTuple_type)
        return tuple_lt(a->key, b->key);
    return g_richcompare_bool(a->key, b->key, CMP_LT);
}

static int merge_sort(SortItem *items, SortItem *tmp, int64_t n)
{
    if (n < 2)
        return 0;
    if (n <= 8) {   /* insertion sort for short runs: stable */
        for (int64_t i = 1; i < n; i++) {
            SortItem x = items[i];
            int64_t j = i;
            while (j > 0) {
                int lt = sort_lt(&x, &items[j - 1]);
                if (lt < 0)
                    return -1;
                if (!lt)
                    break;
                items[j] = items[j - 1];
                j--;
            }
            items[j] = x;
        }
        return 0;
    }
    int64_t mid = n / 2;
    if (merge_sort(items, tmp, mid) < 0 || merge_sort(items + mid, tmp, n - mid) < 0)
        return -1;
    int lt = sort_lt(&items[mid], &items[mid - 1]);
    if (lt < 0)
        return -1;
    if (!lt)
        return 0;   /* already in order */
    memcpy(tmp, items, (size_t)mid * sizeof(SortItem));
    int64_t i = 0, j = mid, k = 0;
    while (i < mid && j < n) {
        lt = sort_lt(&items[j], &tmp[i]);
        if (lt < 0) {
            /* put the rest back so nothing is lost */
            while (i < mid)
                items[k++] = tmp[i++];
            return -1;
        }
        items[k++] = lt ? items[j++] : tmp[i++];
    }
    while (i < mid)
        items[k++] = tmp[i++];
    return 0;
}

/* Sort items[0..n) (taken out of the list), calling key= and `<`. */
static int sort_items(GObject **items, int64_t n, GObject *key, bool reverse)
{
    SortItem *s = g_mem_alloc((size_t)(n ? n : 1) * sizeof(SortItem));
    SortItem *tmp = g_mem_alloc((size_t)(n ? n : 1) * sizeof(SortItem));
    bool keyed = key && key != G_NONE;
    int rc = 0;
    int64_t nkeys = 0;
    if (!s || !tmp) {
        g_no_memory();
        rc = -1;
        goto done;
    }
    if (reverse)
        reverse_items(items, n);
    for (int64_t i = 0; i < n; i++) {
        s[i].value = items[i];
        s[i].key = keyed ? g_call1(key, items[i]) : items[i];
        if (!s[i].key) {
            rc = -1;
            goto done;
        }
        nkeys += keyed;
    }
    rc = merge_sort(s, tmp, n);
    if (rc == 0)
        for (int64_t i = 0; i < n; i++)
            items[i] = s[i].value;
done:
    for (int64_t i = 0; i < nkeys; i++)
        g_decref(s[i].key);
    if (reverse)
        reverse_items(items, n);
    g_mem_free(s);
    g_mem_free(tmp);
    return rc;
}

static int sort_locked(GObject *list, GObject *key, bool reverse)
{
    G_ASSERT_CRITSEC_HELD(list);
    GList *l = (GList *)list;
    int64_t n = size_of(l);
    /* Take the items out while sorting, as CPython does: a key function or __lt__
     * that looks at the list sees it empty. */
    GObject **items = l->items;
    l->items = NULL;
    set_size(l, 0);
    l->cap = 0;
    int rc = sort_items(items, n, key, reverse);
    /* put the items back; if the list was modified meanwhile, that is an error */
    Dead junk = { l->items, size_of(l) };
    l->items = items;
    set_size(l, n);
    l->cap = n;
    if (junk.items) {
        drop_dead(&junk);
        if (rc == 0) {
            g_raise(&GExc_ValueError, "list modified during sort");
            rc = -1;
        }
    }
    return rc;
}

int g_list_sort(GObject *list, GObject *key, bool reverse)
{
    GCritSec cs;
    g_critsec_begin(&cs, list);
    int r = sort_locked(list, key, reverse);
    g_critsec_end(&cs);
    return r;
}
