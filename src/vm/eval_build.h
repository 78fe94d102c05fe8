/* eval_build.h -- building and unpacking containers: part of the body of the eval
 * loop (eval_loop.h includes it in both copies).  The displays ([a, b], {k: v},
 * f"{x}" pieces aside), the comprehension appends, and `a, b = seq` / `a, *b = seq`.
 * Not a header to include anywhere else.
 */

    TARGET(BUILD_TUPLE) {
        GObject *t = g_tuple_new((int64_t)arg);
        if (!t)
            goto error;
        for (int i = (int)arg - 1; i >= 0; i--)
            G_TUPLE_ITEM(t, i) = POP();
        PUSH(t);
        DISPATCH();
    }
    TARGET(BUILD_LIST) {
        GObject *l = g_list_new((int64_t)arg);
        if (!l)
            goto error;
        for (int i = (int)arg - 1; i >= 0; i--)
            G_LIST_ITEM(l, i) = POP();
        PUSH(l);
        DISPATCH();
    }
    TARGET(BUILD_SET) {
        GObject *s = g_set_new(&GSet_type, NULL);
        if (!s)
            goto error;
        int r = 0;
        for (int i = (int)arg; i >= 1; i--)
            if (r == 0 && g_set_add(s, PEEK(i)) < 0)
                r = -1;
        for (int i = 0; i < (int)arg; i++)
            DECREF(POP());
        if (r < 0) {
            DECREF(s);
            goto error;
        }
        PUSH(s);
        DISPATCH();
    }
    TARGET(BUILD_MAP) {
        GObject *d = g_dict_new();
        if (!d)
            goto error;
        int r = 0;
        for (int i = (int)arg; i >= 1; i--)
            if (r == 0 && g_dict_set(d, PEEK(2 * i), PEEK(2 * i - 1)) < 0)
                r = -1;
        for (int i = 0; i < 2 * (int)arg; i++)
            DECREF(POP());
        if (r < 0) {
            DECREF(d);
            goto error;
        }
        PUSH(d);
        DISPATCH();
    }
    TARGET(LIST_APPEND) {
        GObject *v = POP();
        int r = g_list_append(PEEK(arg), v);
        DECREF(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }
    TARGET(SET_ADD) {
        GObject *v = POP();
        int r = g_set_add(PEEK(arg), v);
        DECREF(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }
    TARGET(MAP_ADD) {
        GObject *v = POP(), *k = POP();
        int r = g_dict_set(PEEK(arg), k, v);
        DECREF(k);
        DECREF(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }
    TARGET(LIST_EXTEND) {
        /* arg: depth, plus 0x100 when building a call's positional arguments */
        GObject *it = POP();
        uint32_t depth = arg & 0xff;
        int r = g_list_extend(PEEK(depth), it);
        if (r < 0)
            g_eval_star_error(it, (arg & 0x100) ? PEEK(depth + 1) : NULL);
        DECREF(it);
        if (r < 0)
            goto error;
        DISPATCH();
    }
    TARGET(SET_UPDATE) {
        GObject *it = POP();
        int r = g_eval_set_update(PEEK(arg), it);
        DECREF(it);
        if (r < 0)
            goto error;
        DISPATCH();
    }
    TARGET(DICT_UPDATE) {
        GObject *other = POP();
        int r;
        if (!g_is_dict(other) && !G_TYPE(other)->mp_getitem) {
            g_raise(&GExc_TypeError, "'%T' object is not a mapping", other);
            r = -1;
        } else {
            r = g_dict_update(PEEK(arg), other);
        }
        DECREF(other);
        if (r < 0)
            goto error;
        DISPATCH();
    }
    TARGET(DICT_MERGE) {
        GObject *other = POP();
        GObject *fname = g_function_str(PEEK(arg + 2));
        int r = fname ? g_dict_merge_kwargs(PEEK(arg), other, fname) : -1;
        XDECREF(fname);
        DECREF(other);
        if (r < 0)
            goto error;
        DISPATCH();
    }
    TARGET(LIST_TO_TUPLE) {
        GObject *l = TOP();
        GObject *t = g_list_as_tuple(l);
        if (!t)
            goto error;
        TOP() = t;
        DECREF(l);
        DISPATCH();
    }
    TARGET(UNPACK_SEQUENCE) {
        GObject *seq = POP();
        /* a tuple, or a list no other thread can be changing (else g_eval_unpack
         * copies it under its lock) */
        if ((G_TYPE(seq) == &GTuple_type && G_TUPLE_SIZE(seq) == (int64_t)arg) ||
            (G_TYPE(seq) == &GList_type && G_LIST_SIZE(seq) == (int64_t)arg && !g_concurrent())) {
            GObject **items = G_TYPE(seq) == &GTuple_type ? ((GTuple *)seq)->items : ((GList *)seq)->items;
            for (int i = (int)arg - 1; i >= 0; i--)
                PUSH(NEWREF(items[i]));
            DECREF(seq);
            DISPATCH();
        }
        int r = g_eval_unpack(seq, (int)arg, 0, false, sp);
        DECREF(seq);
        if (r < 0)
            goto error;
        sp += arg;
        DISPATCH();
    }
    TARGET(UNPACK_EX) {
        int before = (int)(arg & 0xff), after = (int)(arg >> 8);
        GObject *seq = POP();
        int r = g_eval_unpack(seq, before, after, true, sp);
        DECREF(seq);
        if (r < 0)
            goto error;
        sp += before + after + 1;
        DISPATCH();
    }
#include "vm/eval_calls.h"
