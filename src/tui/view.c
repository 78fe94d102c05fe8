/* view.c -- the keys that change what is shown, the same live and in a replay:
 * Tab/shift-Tab move the focus, the arrows scroll the focused panel (left and
 * right move the timeline through time), < and > zoom, ? and F1 open the help. */
#include "tui/dash.h"
#include "tui/panels.h"
#include "tui/screen.h"

bool g_dash_view_key(GDash *d, int key, int canvas_w)
{
    GDashView *v = &d->view;
    if (v->help) {   /* any key closes the help */
        v->help = false;
        return key != 'q' && key != 'Q';
    }
    int page = 5;
    switch (key) {
    case '?': case 'h': case G_KEY_F1: v->help = true; return true;
    case '\t': v->focus = (GPanelId)((v->focus + 1) % G_PANEL_COUNT); return true;
    case G_KEY_BTAB: v->focus = (GPanelId)((v->focus + G_PANEL_COUNT - 1) % G_PANEL_COUNT); return true;
    case '<': case ',': if (v->zoom < G_ZOOM_LEVELS - 1) v->zoom++; return true;
    case '>': case '.': if (v->zoom > 0) v->zoom--; return true;
    case G_KEY_PGUP: page = 20; /* fall through */
    case G_KEY_UP:
        v->scroll[v->focus] += v->focus == G_PANEL_OUTPUT ? (page == 20 ? 20 : 1) : -(page == 20 ? 20 : 1);
        return true;
    case G_KEY_PGDN: page = 20; /* fall through */
    case G_KEY_DOWN:
        v->scroll[v->focus] += v->focus == G_PANEL_OUTPUT ? -(page == 20 ? 20 : 1) : (page == 20 ? 20 : 1);
        return true;
    case G_KEY_LEFT:
        if (v->focus != G_PANEL_TIMELINE)
            return false;
        v->back_cols += canvas_w / 8;   /* an eighth of a screen back in time */
        return true;
    case G_KEY_RIGHT:
        if (v->focus != G_PANEL_TIMELINE)
            return false;
        v->back_cols -= canvas_w / 8;
        if (v->back_cols < 0)
            v->back_cols = 0;
        return true;
    default: return false;
    }
}
