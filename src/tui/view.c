/* view.c -- the key bindings (panels.h): one table per set of keys, the help
 * screen generated from them, and the actions that only change the view.
 *
 *     key --> mode's bindings --> common bindings --> focused panel's key op
 *                 |                    |                       |
 *             GAction for          GAction: view.c         GKeyEffect flags
 *             the mode             does it, or hands
 *                                  it to the mode
 *
 * While the help is open, any key closes it and does nothing else (a resize
 * still resizes: it is the terminal's doing, not a key).
 */
#include "tui/panels.h"
#include "tui/screen.h"

static const GKeyBinding common_keys[] = {
    { 'q', G_ACT_QUIT, "q", "quit (stops the script if it still runs)", "q quit" },
    { 'Q', G_ACT_QUIT, NULL, NULL },
    { '?', G_ACT_HELP, "? or F1", "this help (any key closes it)", "? help" },
    { G_KEY_F1, G_ACT_HELP, NULL, NULL },
    { 'h', G_ACT_HELP, NULL, NULL },
    { ' ', G_ACT_PAUSE, "space", "pause the display; the script keeps running", "space pause" },
    { '\t', G_ACT_FOCUS_NEXT, "Tab", "focus the next panel (shift-Tab: previous)", "Tab focus" },
    { G_KEY_BTAB, G_ACT_FOCUS_PREV, NULL, NULL },
    { '<', G_ACT_ZOOM_OUT, "< / >", "zoom the timeline out / in", "<> zoom" },
    { ',', G_ACT_ZOOM_OUT, NULL, NULL },
    { '>', G_ACT_ZOOM_IN, NULL, NULL },
    { '.', G_ACT_ZOOM_IN, NULL, NULL },
    { 12, G_ACT_REPAINT, "Ctrl-L", "draw the whole screen again" },
    { G_KEY_RESIZE, G_ACT_RESIZE, NULL, NULL },
};

static const GKeyBinding live_keys[] = {
    { 'g', G_ACT_GIL, "g", "switch the GIL on or off, live", "g GIL" },
    { 'G', G_ACT_GIL, NULL, NULL },
    { '+', G_ACT_LONGER, "+ / -", "longer / shorter switch interval", "+- interval" },
    { '=', G_ACT_LONGER, NULL, NULL },
    { '-', G_ACT_SHORTER, NULL, NULL },
    { '_', G_ACT_SHORTER, NULL, NULL },
};

static const GKeyBinding replay_keys[] = {
    { G_KEY_LEFT, G_ACT_STEP_BACK, "<- / ->", "step the replay back / forward one frame (pauses)", "<- -> step" },
    { G_KEY_RIGHT, G_ACT_STEP_FORWARD, NULL, NULL },
};

#define COUNT(a) ((int)(sizeof(a) / sizeof(a)[0]))

int g_dash_bindings(GDashMode mode, const GKeyBinding **out, int max)
{
    int n = 0;
    const GKeyBinding *own = mode == G_MODE_LIVE ? live_keys : replay_keys;
    int nown = mode == G_MODE_LIVE ? COUNT(live_keys) : COUNT(replay_keys);
    /* the common keys first, the mode's after the first four (quit, help, pause) */
    for (int i = 0; i < COUNT(common_keys) && n < max; i++) {
        out[n++] = &common_keys[i];
        if (common_keys[i].action == G_ACT_PAUSE)
            for (int k = 0; k < nown && n < max; k++)
                out[n++] = &own[k];
    }
    return n;
}

static const GKeyBinding *lookup(GDashMode mode, int key)
{
    const GKeyBinding *all[64];
    int n = g_dash_bindings(mode, all, 64);
    for (int i = 0; i < n; i++)
        if (all[i]->key == key)
            return all[i];
    return NULL;
}

int g_dash_key(GDash *d, int key, GAction *act)
{
    GDashView *v = &d->view;
    *act = G_ACT_NONE;
    const GKeyBinding *b = lookup(d->mode, key);
    if (v->help && !(b && b->action == G_ACT_RESIZE)) {   /* a resize is not a key press */
        v->help = false;
        return G_EFFECT_HANDLED | G_EFFECT_REDRAW;
    }
    if (!b) {
        const GPanelClass *p = &g_panel_classes[v->focus];
        return p->key ? p->key(d, key) : G_EFFECT_NONE;
    }
    switch (b->action) {
    case G_ACT_HELP: v->help = true; break;
    case G_ACT_FOCUS_NEXT: v->focus = (GPanelId)((v->focus + 1) % G_PANEL_COUNT); break;
    case G_ACT_FOCUS_PREV: v->focus = (GPanelId)((v->focus + G_PANEL_COUNT - 1) % G_PANEL_COUNT); break;
    case G_ACT_ZOOM_OUT: if (v->zoom < G_ZOOM_LEVELS - 1) v->zoom++; break;
    case G_ACT_ZOOM_IN: if (v->zoom > 0) v->zoom--; break;
    case G_ACT_QUIT: *act = b->action; return G_EFFECT_HANDLED | G_EFFECT_QUIT;
    case G_ACT_RESIZE: *act = b->action; return G_EFFECT_HANDLED | G_EFFECT_RESIZE | G_EFFECT_REDRAW;
    default: *act = b->action; break;   /* the mode's */
    }
    return G_EFFECT_HANDLED | G_EFFECT_REDRAW;
}

/* ---- the scrolling every panel shares ---- */

int g_panel_scroll_key(GDash *d, int key)
{
    int *s = &d->view.scroll[d->view.focus];
    int dir = d->view.focus == G_PANEL_OUTPUT ? -1 : 1;   /* output counts rows up from the end */
    switch (key) {
    case G_KEY_UP: *s -= dir; break;
    case G_KEY_DOWN: *s += dir; break;
    case G_KEY_PGUP: *s -= 20 * dir; break;
    case G_KEY_PGDN: *s += 20 * dir; break;
    default: return G_EFFECT_NONE;
    }
    return G_EFFECT_HANDLED | G_EFFECT_REDRAW;   /* the panel clamps it when it draws */
}
