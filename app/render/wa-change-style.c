/* wa-change-style.c
 *
 * Colours from Okabe and Ito's colour-blind safe set: vermillion for wards
 * left behind in both editions, orange for newly left behind, blue for no
 * longer left behind, and a pale neutral for neither, so that the map's
 * attention goes to the first three. The "partly" variants are the same
 * hues mixed halfway to white. Hatching, not colour, carries the two
 * changes; test-colour checks every pair of classes stays apart under
 * normal vision, protanopia, deuteranopia and tritanopia.
 */
#include <glib/gi18n.h>

#include "wa-change-style.h"

static const struct {
  guint32 rgb;
  WaChangeCategory category;
  gboolean partly;
  WaChangeHatch hatch;
  const char *label;
} shades[WA_N_CHANGE_SHADES] = {
  [WA_CHANGE_SHADE_BOTH] = { 0xb8430a, WA_CHANGE_LEFT_BEHIND_BOTH, FALSE, WA_CHANGE_HATCH_NONE,
                             N_("Left behind in 2019 and now") },
  [WA_CHANGE_SHADE_BOTH_PARTLY] = { 0xf2c2a6, WA_CHANGE_LEFT_BEHIND_BOTH, TRUE, WA_CHANGE_HATCH_NONE,
                                    N_("Partly in 2019, left behind now") },
  [WA_CHANGE_SHADE_NEWLY] = { 0xe69f00, WA_CHANGE_NEWLY_LEFT_BEHIND, FALSE, WA_CHANGE_HATCH_RISING,
                              N_("Newly left behind") },
  [WA_CHANGE_SHADE_NO_LONGER] = { 0x0072b2, WA_CHANGE_NO_LONGER_LEFT_BEHIND, FALSE,
                                  WA_CHANGE_HATCH_FALLING, N_("No longer left behind") },
  [WA_CHANGE_SHADE_NO_LONGER_PARTLY] = { 0x8cc4e6, WA_CHANGE_NO_LONGER_LEFT_BEHIND, TRUE,
                                         WA_CHANGE_HATCH_FALLING,
                                         N_("Partly in 2019, not now") },
  [WA_CHANGE_SHADE_NEITHER] = { 0xe6e3da, WA_CHANGE_NEITHER, FALSE, WA_CHANGE_HATCH_NONE,
                                N_("Left behind in neither") },
};

WaChangeShade
wa_change_shade_of (WaChangeCategory category, gboolean partly)
{
  for (guint c = 0; c < WA_N_CHANGE_SHADES; c++)
    if (shades[c].category == category && shades[c].partly == partly)
      return c;
  /* "Partly" only qualifies a 2019 status that was (partly) left behind. */
  return wa_change_shade_of (category, FALSE);
}

WaChangeCategory
wa_change_shade_category (WaChangeShade shade)
{
  g_return_val_if_fail (shade < WA_N_CHANGE_SHADES, WA_CHANGE_NEITHER);
  return shades[shade].category;
}

gboolean
wa_change_shade_is_partly (WaChangeShade shade)
{
  g_return_val_if_fail (shade < WA_N_CHANGE_SHADES, FALSE);
  return shades[shade].partly;
}

void
wa_change_shade_color (WaChangeShade shade, WaRgb *out)
{
  guint32 hex;

  g_return_if_fail (shade < WA_N_CHANGE_SHADES);
  hex = shades[shade].rgb;
  out->red = ((hex >> 16) & 0xff) / 255.0;
  out->green = ((hex >> 8) & 0xff) / 255.0;
  out->blue = (hex & 0xff) / 255.0;
}

WaChangeHatch
wa_change_shade_hatch (WaChangeShade shade)
{
  g_return_val_if_fail (shade < WA_N_CHANGE_SHADES, WA_CHANGE_HATCH_NONE);
  return shades[shade].hatch;
}

const char *
wa_change_shade_label (WaChangeShade shade)
{
  g_return_val_if_fail (shade < WA_N_CHANGE_SHADES, NULL);
  return _(shades[shade].label);
}

void
wa_change_hatch_color (WaRgb *out)
{
  /* Near-black lines read on the orange and on both blues. */
  out->red = out->green = out->blue = 0.1;
}

const char *
wa_change_caveat_short (void)
{
  return _("Status compared, not scores: CNI 2019 and 2023 are not directly comparable, "
           "and ward boundaries changed (see each ward’s “Since 2019”).");
}
