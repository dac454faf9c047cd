/* wa-palette.c
 *
 * Each palette is a list of stops from least to greatest need, sampled at
 * WA_N_BANDS evenly spaced points. Viridis and magma are perceptually
 * uniform; the ColorBrewer ramps are the 9-class sequential schemes. All
 * four stay readable with the common colour-vision deficiencies because
 * they vary mainly in lightness.
 */
#include <glib/gi18n.h>

#include "wa-palette.h"

typedef struct {
  const char *id;
  const char *label;
  const guint32 *stops;   /* 0xRRGGBB, least need first */
  guint n_stops;
} PaletteInfo;

static const guint32 viridis[] = {
  0xfde725, 0xb5de2b, 0x6ece58, 0x35b779, 0x1f9e89,
  0x26828e, 0x31688e, 0x3e4989, 0x482878, 0x440154,
};
static const guint32 magma[] = {
  0xfcfdbf, 0xfeca8d, 0xfd9668, 0xf1605d, 0xcd4071,
  0x9e2f7f, 0x721f81, 0x440f76, 0x180f3d, 0x000004,
};
static const guint32 ylorrd[] = {
  0xffffcc, 0xffeda0, 0xfed976, 0xfeb24c, 0xfd8d3c,
  0xfc4e2a, 0xe31a1c, 0xbd0026, 0x800026,
};
static const guint32 blues[] = {
  0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6,
  0x4292c6, 0x2171b5, 0x08519c, 0x08306b,
};

static const PaletteInfo palettes[WA_N_PALETTES] = {
  { "viridis", N_("Viridis (purple to yellow)"), viridis, G_N_ELEMENTS (viridis) },
  { "magma", N_("Magma (black to cream)"), magma, G_N_ELEMENTS (magma) },
  { "ylorrd", N_("Yellow–orange–red"), ylorrd, G_N_ELEMENTS (ylorrd) },
  { "blues", N_("Blues"), blues, G_N_ELEMENTS (blues) },
};

const char *
wa_palette_to_id (WaPalette palette)
{
  g_return_val_if_fail (palette < WA_N_PALETTES, NULL);
  return palettes[palette].id;
}

gboolean
wa_palette_from_id (const char *id, WaPalette *out_palette)
{
  for (guint i = 0; i < WA_N_PALETTES && id != NULL; i++)
    if (g_str_equal (id, palettes[i].id))
      {
        *out_palette = (WaPalette) i;
        return TRUE;
      }
  return FALSE;
}

const char *
wa_palette_label (WaPalette palette)
{
  g_return_val_if_fail (palette < WA_N_PALETTES, NULL);
  return _(palettes[palette].label);
}

static void
rgb_from_hex (guint32 hex, WaRgb *out)
{
  out->red = ((hex >> 16) & 0xff) / 255.0;
  out->green = ((hex >> 8) & 0xff) / 255.0;
  out->blue = (hex & 0xff) / 255.0;
}

void
wa_palette_band_color (WaPalette palette, guint band, WaRgb *out)
{
  const PaletteInfo *info;
  double t, position;
  guint lower;
  WaRgb a, b;

  g_return_if_fail (palette < WA_N_PALETTES);
  info = &palettes[palette];
  band = MIN (band, WA_N_BANDS - 1);
  /* Band 0 is the greatest need: the last (darkest) stop. */
  t = 1.0 - (double) band / (WA_N_BANDS - 1);
  position = t * (info->n_stops - 1);
  lower = MIN ((guint) position, info->n_stops - 2);
  rgb_from_hex (info->stops[lower], &a);
  rgb_from_hex (info->stops[lower + 1], &b);
  position -= lower;
  out->red = a.red + (b.red - a.red) * position;
  out->green = a.green + (b.green - a.green) * position;
  out->blue = a.blue + (b.blue - a.blue) * position;
}

guint
wa_palette_band_for_rank (guint rank, guint n_ranked)
{
  g_return_val_if_fail (rank >= 1 && rank <= n_ranked, WA_N_BANDS - 1);
  return (guint) (((guint64) (rank - 1) * WA_N_BANDS) / n_ranked);
}

void
wa_palette_band_ranks (guint band, guint n_ranked, guint *out_first, guint *out_last)
{
  guint64 n = n_ranked;

  /* The inverse of wa_palette_band_for_rank: the ranks r with
   * floor ((r - 1) * B / n) == band. */
  *out_first = (guint) ((band * n + WA_N_BANDS - 1) / WA_N_BANDS) + 1;
  *out_last = (guint) (((band + 1) * n + WA_N_BANDS - 1) / WA_N_BANDS);
}

void
wa_palette_no_data_color (WaRgb *out)
{
  rgb_from_hex (0xc0c0bc, out);
}

void
wa_palette_left_behind_color (WaRgb *out)
{
  /* A hot pink that no palette contains, bright on dark bands and dark
   * enough on the pale ones. */
  rgb_from_hex (0xff2d8a, out);
}

void
wa_palette_left_behind_inner_color (WaRgb *out)
{
  /* The pink alone turns slate grey or khaki to people with protanopia or
   * deuteranopia, close to the bands. A pure blue line inside it stays at
   * least 11 CIEDE2000 from every band of every palette under each
   * deficiency (and 17 from the pink): test-colour checks it. */
  rgb_from_hex (0x0000ff, out);
}

void
wa_palette_sea_color (WaRgb *out)
{
  rgb_from_hex (0xcddfe8, out);
}

void
wa_palette_land_color (WaRgb *out)
{
  rgb_from_hex (0xefede6, out);
}
