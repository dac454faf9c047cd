/* wa-launch-target.h: what `ward-atlas --ward CODE` and `--postcode PC`
 * ask for: select that ward in a window once its pack is open, or say
 * clearly why not. */
#pragma once

#include "wa-window.h"

G_BEGIN_DECLS

/* Selects the ward with code ward_code, or the ward holding postcode (one
 * of the two, the other NULL), and moves the map to it. If the window has
 * no atlas yet, waits for its first complete map; an unknown code or
 * postcode shows a toast naming it. */
void wa_launch_target_apply (WaWindow *window, const char *ward_code, const char *postcode);

G_END_DECLS
