/* wa-map-theme.c
 *
 * Ward fills keep the palette's colours in every theme: the scale must
 * mean the same thing on every screen. What changes is what surrounds
 * them. In the dark theme sea and land are dark greys (so the map does
 * not glare out of a dark window) and labels are light on a dark halo;
 * lines drawn over the fills stay dark enough to read on pale bands.
 */
#include <glib/gi18n.h>

#include "wa-map-theme.h"

#define HIGH_CONTRAST_LINE_SCALE 1.8

static void
rgb (WaRgb *out, double red, double green, double blue)
{
  out->red = red;
  out->green = green;
  out->blue = blue;
}

void
wa_map_theme_init (WaMapTheme *theme, gboolean dark, gboolean high_contrast)
{
  g_return_if_fail (theme != NULL);

  if (dark)
    {
      /* Bluer than before, and the coast drawn as a light line: magma's
       * near-black and viridis's deep purple merged into a dark sea. */
      rgb (&theme->sea, 0.145, 0.235, 0.330);
      rgb (&theme->coast, 0.62, 0.70, 0.78);
      theme->coast_alpha = 0.9;
      rgb (&theme->land, 0.215, 0.215, 0.230);
      rgb (&theme->ward_outline, 0.85, 0.85, 0.9);
      theme->ward_outline_alpha = 0.4;
      rgb (&theme->boundary, 0.05, 0.05, 0.08);
      rgb (&theme->label_text, 0.96, 0.96, 0.97);
      rgb (&theme->label_halo, 0.10, 0.10, 0.12);
      rgb (&theme->motorway, 0.45, 0.66, 0.98);
      rgb (&theme->motorway_casing, 0.06, 0.07, 0.10);
      rgb (&theme->shield, 0.13, 0.36, 0.72);
      rgb (&theme->shield_text, 1, 1, 1);
      rgb (&theme->station_fill, 0.10, 0.10, 0.12);
      rgb (&theme->station_ring, 0.96, 0.96, 0.97);
    }
  else
    {
      wa_palette_sea_color (&theme->sea);
      wa_palette_land_color (&theme->land);
      rgb (&theme->ward_outline, 1, 1, 1);
      theme->ward_outline_alpha = 0.6;
      rgb (&theme->boundary, 0.16, 0.16, 0.2);
      rgb (&theme->label_text, 0.13, 0.13, 0.15);
      rgb (&theme->label_halo, 1, 1, 1);
      /* The blue of British motorway signs: no ward palette uses it. */
      rgb (&theme->motorway, 0.0, 0.36, 0.73);
      rgb (&theme->motorway_casing, 1, 1, 1);
      rgb (&theme->shield, 0.0, 0.36, 0.73);
      rgb (&theme->shield_text, 1, 1, 1);
      rgb (&theme->station_fill, 1, 1, 1);
      rgb (&theme->station_ring, 0.13, 0.13, 0.15);
    }
  if (high_contrast)
    {
      /* Outlines must stand out from the fills, not blend with them. */
      rgb (&theme->ward_outline, 0, 0, 0);
      theme->ward_outline_alpha = 0.85;
      rgb (&theme->boundary, 0, 0, 0);
      /* Black vanishes on magma's and viridis's darkest bands. */
      theme->lines_follow_fill = TRUE;
      rgb (&theme->line_on_dark, 1, 1, 1);
    }
  theme->line_scale = high_contrast ? HIGH_CONTRAST_LINE_SCALE : 1.0;
  theme->labels = WA_LABELS_NORMAL;
  theme->text_scale = 1.0;
  theme->lsoas = FALSE;
}

static const struct {
  const char *id;
  const char *label;
} densities[WA_N_LABEL_DENSITIES] = {
  { "none", N_("None") },
  { "fewer", N_("Cities and towns") },
  { "normal", N_("All places") },
};

const char *
wa_label_density_to_id (WaLabelDensity density)
{
  g_return_val_if_fail (density < WA_N_LABEL_DENSITIES, NULL);
  return densities[density].id;
}

gboolean
wa_label_density_from_id (const char *id, WaLabelDensity *out_density)
{
  for (guint i = 0; i < WA_N_LABEL_DENSITIES && id != NULL; i++)
    if (g_str_equal (id, densities[i].id))
      {
        *out_density = (WaLabelDensity) i;
        return TRUE;
      }
  return FALSE;
}

const char *
wa_label_density_label (WaLabelDensity density)
{
  g_return_val_if_fail (density < WA_N_LABEL_DENSITIES, NULL);
  return _(densities[density].label);
}
