/* eval_blocks.h -- the block stack's instructions: part of the body of the eval
 * loop (eval_loop.h includes it in both copies).  try/finally and with push a block
 * (SETUP_*), leaving one pops it, and raising unwinds to the innermost handler (the
 * `error:` label in eval_loop.h, which these instructions jump to).  Not a header to
 * include anywhere else.
 */

    TARGET(SETUP_FINALLY) {
        GBlock *b = &f->blocks[f->nblocks++];
        b->kind = BLOCK_EXCEPT;
        b->handler = (int)arg;
        b->level = (int)(sp - stack_base);
        b->saved_exc = NULL;
        DISPATCH();
    }
    TARGET(SETUP_WITH) {
        GObject *mgr = TOP(), *exit;
        GObject *enter = g_eval_with_methods(mgr, &exit);
        if (!enter)
            goto error;
        TOP() = exit;
        DECREF(mgr);
        f->sp = sp;
        f->lasti = ip - 1;   /* code called from here sees this line (deadlock report) */
        GObject *res = g_call0(enter);
        DECREF(enter);
        if (!res)
            goto error;
        GBlock *b = &f->blocks[f->nblocks++];
        b->kind = BLOCK_EXCEPT;
        b->handler = (int)arg;
        b->level = (int)(sp - stack_base);
        b->saved_exc = NULL;
        PUSH(res);
        DISPATCH();
    }
    TARGET(POP_BLOCK) {
        f->nblocks--;
        DISPATCH();
    }
    TARGET(POP_EXCEPT) {
        GBlock *b = &f->blocks[--f->nblocks];
        g_setref(&ts->exc_info, b->saved_exc);
        DISPATCH();
    }
    TARGET(RERAISE) {
        GObject *exc = POP();
        g_err_restore(exc);
        reraise = true;
        goto error;
    }
    TARGET(RAISE_VARARGS) {
        if (arg == 0) {
            GObject *exc = ts->exc_info;
            if (!exc) {
                g_raise(&GExc_RuntimeError, "No active exception to reraise");
                goto error;
            }
            INCREF(exc);
            g_err_restore(exc);
            reraise = true;
            goto error;
        }
        GObject *cause = arg == 2 ? POP() : NULL;
        GObject *exc = POP();
        g_eval_do_raise(exc, cause);
        DECREF(exc);
        XDECREF(cause);
        goto error;
    }
    TARGET(JUMP_IF_NOT_EXC_MATCH) {
        GObject *type = POP(), *exc = POP();
        if (!g_eval_exc_type_valid(type)) {
            DECREF(type);
            DECREF(exc);
            g_raise(&GExc_TypeError, "catching classes that do not inherit from BaseException is not allowed");
            goto error;
        }
        bool match = g_exc_matches(exc, type);
        DECREF(type);
        DECREF(exc);
        if (!match)
            ip = (int)arg;
        DISPATCH();
    }
    TARGET(WITH_EXCEPT_START) {
        GObject *exc = TOP(), *exit = SECOND();
        GException *e = (GException *)exc;
        GObject *args[3] = { (GObject *)G_TYPE(exc), exc, e->traceback ? e->traceback : G_NONE };
        f->sp = sp;
        f->lasti = ip - 1;
        GObject *r = g_call(exit, args, 3, NULL);
        if (!r)
            goto error;
        PUSH(r);
        DISPATCH();
    }
