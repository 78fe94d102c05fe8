/* eval_calls.h -- the call instructions and the calls between Python functions
 * without a C call: part of the body of the eval loop (eval_loop.h includes it in
 * both copies; the stepped copy makes every call a C call).  Not a header to include
 * anywhere else.
 *
 * CALL and CALL_METHOD run a plain Python function (g_eval_can_inline) by pushing its
 * frame and dispatching on in it (inline_call); its RETURN_VALUE, or an exception it
 * does not handle, comes back to return_inline.  Every other callable is called
 * through C: a builtin's C function directly, the rest through g_call.
 */

    TARGET(CALL) {
        GObject **args = sp - arg;
        GObject *fn = args[-1];
        GObject *r;
        f->sp = sp;
        f->lasti = ip - 1;
        GType *ft = G_TYPE(fn);
        RACE(ft == &GCFunction_type ? g_race_call(fn, args, arg) : (void)0);
#if !EVAL_STEPPED
        if (ft == &GFunction_type && g_eval_can_inline(fn, arg, ts)) {
            call_args = args;
            call_n = arg;
            call_base = args - 1;
            goto inline_call;
        }
#endif
        if (ft == &GFunction_type)
            r = g_function_call(fn, args, arg, NULL);
        else if (ft == &GCFunction_type)
            r = ((GCFunction *)fn)->def->fn(((GCFunction *)fn)->self, args, arg, NULL);
        else
            r = g_call(fn, args, arg, NULL);
        for (GObject **p = args - 1; p < sp; p++)
            DECREF(*p);
        sp = args - 1;
        if (!r)
            goto error;
        PUSH(r);
        DISPATCH();
    }
    TARGET(CALL_KW) {
        GObject *kwnames = POP();
        GObject **args = sp - arg;
        GObject *fn = args[-1];
        f->sp = sp;
        f->lasti = ip - 1;
        GObject *r = g_call(fn, args, arg, kwnames);
        DECREF(kwnames);
        for (GObject **p = args - 1; p < sp; p++)
            DECREF(*p);
        sp = args - 1;
        if (!r)
            goto error;
        PUSH(r);
        DISPATCH();
    }
    TARGET(CALL_METHOD) {
        GObject **args = sp - arg;
        GObject *meth = args[-2];
        GObject *r;
        f->sp = sp;
        f->lasti = ip - 1;
        if (meth) {
            /* [method, self, args...] */
            RACE(G_TYPE(meth) == &GMethodDescr_type ? g_race_method(meth, args[-1], args, arg) : (void)0);
#if !EVAL_STEPPED
            if (G_TYPE(meth) == &GFunction_type && g_eval_can_inline(meth, arg + 1, ts)) {
                call_args = args - 1;   /* self is the first argument */
                call_n = arg + 1;
                call_base = args - 2;
                goto inline_call;
            }
#endif
            if (G_TYPE(meth) == &GFunction_type)
                r = g_function_call(meth, args - 1, arg + 1, NULL);
            else if (G_TYPE(meth) == &GMethodDescr_type)
                r = ((GMethodDescr *)meth)->def->fn(args[-1], args, arg, NULL);
            else
                r = g_call(meth, args - 1, arg + 1, NULL);
        } else {
            r = g_call(args[-1], args, arg, NULL);
        }
        for (GObject **p = args - 2; p < sp; p++)
            XDECREF(*p);
        sp = args - 2;
        if (!r)
            goto error;
        PUSH(r);
        DISPATCH();
    }
    TARGET(CALL_METHOD_KW) {
        GObject *kwnames = POP();
        GObject **args = sp - arg;
        GObject *meth = args[-2];
        f->sp = sp;
        f->lasti = ip - 1;
        GObject *r;
        if (meth)
            r = g_call(meth, args - 1, arg + 1, kwnames);
        else
            r = g_call(args[-1], args, arg, kwnames);
        DECREF(kwnames);
        for (GObject **p = args - 2; p < sp; p++)
            XDECREF(*p);
        sp = args - 2;
        if (!r)
            goto error;
        PUSH(r);
        DISPATCH();
    }
    TARGET(CALL_FUNCTION_EX) {
        GObject *kwargs = (arg & 1) ? POP() : NULL;
        GObject *args = POP();
        GObject *fn = POP();
        f->sp = sp;
        f->lasti = ip - 1;
        GObject *r = g_call_tuple_dict(fn, args, kwargs);
        XDECREF(kwargs);
        DECREF(args);
        DECREF(fn);
        if (!r)
            goto error;
        PUSH(r);
        DISPATCH();
    }
    /* (the inline calls' frame push and pop: control gets here only by goto, from
     * CALL, CALL_METHOD, RETURN_VALUE and the error path) */
#if !EVAL_STEPPED
    /* Calls between Python functions without a C call, as CPython 3.11 makes them:
     * the callee's frame is pushed and the loop goes on in it; its RETURN_VALUE (or
     * an exception it does not handle) pops back to the caller here.  No C stack is
     * used per Python call, and the loop's set-up is not paid again.  CALL and
     * CALL_METHOD come here when g_eval_can_inline says the call is the plain kind;
     * every other call (and every call in the stepped copy) is a C call as before. */
inline_call: {
        GObject *fnobj = call_base[0];
        GCode *fco = ((GFunction *)fnobj)->code;
        G_ASSERT(!g_frame_wants_heap(fco));     /* (g_eval_can_inline) */
        GFrame *nf = g_frame_push(ts, g_frame_bytes(fco));   /* g_frame_new, inline */
        if (!nf) {
            g_no_memory();
            goto error;
        }
        g_frame_init(nf, fco, ((GFunction *)fnobj)->globals, NULL, fnobj, false);
        for (uint32_t i = 0; i < call_n; i++)
            nf->localsplus[i] = call_args[i];   /* the stack's references move over */
        for (int i = (int)call_n, n = fco->nlocals + fco->ncells + fco->nfrees; i < n; i++)
            nf->localsplus[i] = NULL;
        sp = call_base;
        f->sp = sp;   /* (first: a generator's traversal counts [stack, sp)) */
        DECREF(fnobj);                        /* the frame holds its own */
        if ((nf->code->ncells || nf->code->nfrees) && g_frame_init_cells((GFunction *)nf->func, nf) < 0) {
            g_frame_free(nf);
            goto error;
        }
        f->ip = ip;
        ts->depth++;
        nf->back = f;
        nf->inlined = true;
        ts->frame = nf;
        f = nf;
        LOAD_FRAME();
        SPEND_BUDGET();
        DISPATCH();
    }

    /* An inlined frame is done: retval is its result, or NULL with its exception. */
return_inline: {
        while (f->nblocks > 0) {   /* as at exit_frame */
            GBlock *b = &f->blocks[--f->nblocks];
            if (b->kind == BLOCK_HANDLER)
                g_setref(&ts->exc_info, b->saved_exc);
        }
        f->sp = sp;
        f->ip = -1;
        GFrame *caller = f->back;
        ts->frame = caller;
        ts->depth--;
        g_frame_free_returned(ts, f);
        f = caller;
        LOAD_FRAME();
        if (!retval) {
            reraise = false;   /* the caller's line joins the traceback */
            goto error;
        }
        PUSH(retval);
        DISPATCH();
    }
#endif
