/* wa-change-style.h: how the map, its legend and briefings show change
 * since 2019 (README "Change since 2019"): one class per change category,
 * with "partly" as a lighter variant, each a colour from a colour-blind
 * safe categorical scheme (Okabe and Ito) and a non-colour cue: hatching
 * for the two categories that changed ("newly left behind" one way, "no
 * longer left behind" the other). Wards left behind now keep the map's
 * left-behind outline, so outline and hatching alone tell the four
 * categories apart. test-colour checks the colours under the simulated
 * colour-vision deficiencies. */
#pragma once

#include "wa-change.h"
#include "wa-palette.h"

G_BEGIN_DECLS

typedef enum {
  WA_CHANGE_SHADE_BOTH,
  WA_CHANGE_SHADE_BOTH_PARTLY,
  WA_CHANGE_SHADE_NEWLY,
  WA_CHANGE_SHADE_NO_LONGER,
  WA_CHANGE_SHADE_NO_LONGER_PARTLY,
  WA_CHANGE_SHADE_NEITHER,
  WA_N_CHANGE_SHADES
} WaChangeShade;

typedef enum {
  WA_CHANGE_HATCH_NONE,
  WA_CHANGE_HATCH_RISING,    /* "/": newly left behind */
  WA_CHANGE_HATCH_FALLING,   /* "\": no longer left behind */
} WaChangeHatch;

WaChangeShade    wa_change_shade_of       (WaChangeCategory category, gboolean partly);
WaChangeCategory wa_change_shade_category (WaChangeShade shade);
gboolean         wa_change_shade_is_partly (WaChangeShade shade);
void             wa_change_shade_color    (WaChangeShade shade, WaRgb *out);
WaChangeHatch    wa_change_shade_hatch    (WaChangeShade shade);
/* Short legend text, translated: "Left behind in 2019 and now", "Partly
 * then, left behind now", ... */
const char      *wa_change_shade_label    (WaChangeShade shade);
/* The hatching lines' colour (drawn at WA_CHANGE_HATCH_ALPHA over the fill). */
void             wa_change_hatch_color    (WaRgb *out);
#define WA_CHANGE_HATCH_ALPHA 0.55
/* Distance between hatching lines, in map pixels (a divisor of 256 so that
 * tiles join up). */
#define WA_CHANGE_HATCH_SPACING 8

/* One short line of the caveats, for legends. */
const char      *wa_change_caveat_short   (void);

G_END_DECLS
