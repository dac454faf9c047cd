/* wa-map-style.c */
#include "wa-map-style.h"
#include "wa-change-style.h"
#include "wa-label-layout.h"
#include "wa-band-fill.h"
#include "wa-atlas-caches.h"
#include "wa-build-slot.h"
#include "wa-motorway-lines.h"

struct _WaMapStyle
{
  gatomicrefcount ref_count;
  WaAtlas *atlas;
  WaPalette palette;
  WaMapTheme theme;
  guint n_wards;
  guint n_ranked;
  gint8 *bands;          /* per ward: band, or -1 for no data */
  gboolean *left_behind;
  WaLabelLayout *labels;   /* shared by the atlas's styles (wa-label-layout.c) */
  WaAtlasCaches *caches;   /* so are boundary lines and motorways (wa-atlas-caches.h) */
  char *method;            /* the rank method in words, as of the snapshot */
  gboolean change;         /* the change view: bands are WaChangeShade */
  /* The neighbourhood layer, when the theme asks for it (else n_lsoas 0). */
  guint n_lsoas;
  WaIndicator lsoa_indicator;
  gint8 *lsoa_bands;       /* per LSOA: decile - 1, or -1 */
  gboolean *lsoa_flagged;
  /* Dissolved band fills (wa-band-fill.h) by whole detail zoom
   * (wa_band_fill_zoom_index), made on first use, under slot_lock. */
  GMutex slot_lock;
  WaBuildSlot fills[WA_BAND_FILL_N_ZOOMS];
};

/* Deciles and flags snapshotted once (the renderer computes nothing). */
static void
snapshot_lsoas (WaMapStyle *style)
{
  WaLsoas *lsoas = wa_atlas_get_lsoas (style->atlas);

  style->n_lsoas = wa_lsoas_get_n (lsoas);
  style->lsoa_indicator = wa_lsoas_map_indicator (lsoas);
  style->lsoa_bands = g_new (gint8, style->n_lsoas);
  style->lsoa_flagged = g_new (gboolean, style->n_lsoas);
  for (guint i = 0; i < style->n_lsoas; i++)
    {
      const WaLsoa *lsoa = wa_lsoas_get (lsoas, i);
      guint decile = wa_lsoas_decile (lsoas, lsoa, style->lsoa_indicator);

      style->lsoa_bands[i] = decile > 0 ? (gint8) (decile - 1) : -1;
      style->lsoa_flagged[i] = wa_lsoas_flag (lsoas, lsoa, WA_LSOA_MAP_FLAG) == 1;
    }
}

WaMapStyle *
wa_map_style_new (WaAtlas *atlas, WaPalette palette)
{
  WaMapTheme theme;

  wa_map_theme_init (&theme, FALSE, FALSE);
  return wa_map_style_new_themed (atlas, palette, &theme);
}

WaMapStyle *
wa_map_style_new_themed (WaAtlas *atlas, WaPalette palette, const WaMapTheme *theme)
{
  WaMapStyle *style;

  g_return_val_if_fail (WA_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (theme != NULL, NULL);

  style = g_new0 (WaMapStyle, 1);
  g_mutex_init (&style->slot_lock);
  g_atomic_ref_count_init (&style->ref_count);
  style->atlas = g_object_ref (atlas);
  style->palette = palette;
  style->theme = *theme;
  /* Large text makes larger names, placed apart from the normal ones. */
  style->labels = wa_label_layout_for_atlas_scaled (atlas, theme->text_scale > 0 ? theme->text_scale : 1.0);
  style->caches = wa_atlas_caches_for_atlas (atlas);
  wa_atlas_caches_hold (style->caches);
  style->method = wa_rank_params_describe (wa_atlas_get_rank_params (atlas));
  style->n_wards = wa_atlas_get_n_wards (atlas);
  style->bands = g_new (gint8, style->n_wards);
  style->left_behind = g_new (gboolean, style->n_wards);

  /* Bands are shares of the wards that have a combined rank under the
   * current method, which may be fewer than either index ranks. */
  for (guint i = 0; i < style->n_wards; i++)
    if (wa_ward_get_combined_rank (wa_atlas_get_ward (atlas, i)) > 0)
      style->n_ranked++;
  for (guint i = 0; i < style->n_wards; i++)
    {
      WaWard *ward = wa_atlas_get_ward (atlas, i);
      guint rank = wa_ward_get_combined_rank (ward);

      style->bands[i] = rank > 0 ? (gint8) wa_palette_band_for_rank (rank, style->n_ranked) : -1;
      style->left_behind[i] = wa_ward_get_left_behind (ward);
    }
  if (theme->lsoas)
    snapshot_lsoas (style);
  return style;
}

WaMapStyle *
wa_map_style_new_change (WaAtlas *atlas, WaChange *change, WaPalette palette,
                         const WaMapTheme *theme)
{
  WaMapStyle *style;

  g_return_val_if_fail (WA_IS_CHANGE (change), NULL);
  style = wa_map_style_new_themed (atlas, palette, theme);
  g_return_val_if_fail (style != NULL, NULL);
  style->change = TRUE;
  /* The change view compares wards: no neighbourhood layer. */
  style->n_lsoas = 0;
  for (guint i = 0; i < style->n_wards; i++)
    {
      const WaWardChange *c = wa_change_lookup (change, wa_ward_get_code (wa_atlas_get_ward (atlas, i)));

      style->bands[i] = c != NULL ? (gint8) wa_change_shade_of (c->category, c->partly) : -1;
    }
  return style;
}

gboolean
wa_map_style_is_change (WaMapStyle *style)
{
  return style->change;
}

WaMapStyle *
wa_map_style_ref (WaMapStyle *style)
{
  g_return_val_if_fail (style != NULL, NULL);
  g_atomic_ref_count_inc (&style->ref_count);
  return style;
}

void
wa_map_style_unref (WaMapStyle *style)
{
  g_return_if_fail (style != NULL);
  if (!g_atomic_ref_count_dec (&style->ref_count))
    return;
  wa_atlas_caches_release (style->caches);
  g_object_unref (style->atlas);
  g_free (style->bands);
  g_free (style->left_behind);
  g_free (style->lsoa_bands);
  g_free (style->lsoa_flagged);
  g_free (style->method);
  for (guint i = 0; i < G_N_ELEMENTS (style->fills); i++)
    wa_band_fill_free (style->fills[i].made);
  g_mutex_clear (&style->slot_lock);
  g_free (style);
}

WaAtlas *
wa_map_style_get_atlas (WaMapStyle *style)
{
  return style->atlas;
}

WaPalette
wa_map_style_get_palette (WaMapStyle *style)
{
  return style->palette;
}

const WaMapTheme *
wa_map_style_get_theme (WaMapStyle *style)
{
  return &style->theme;
}

guint
wa_map_style_get_n_ranked (WaMapStyle *style)
{
  return style->n_ranked;
}

/* -1 for no data. */
int
wa_map_style_get_ward_band (WaMapStyle *style, guint ward_index)
{
  g_return_val_if_fail (ward_index < style->n_wards, -1);
  return style->bands[ward_index];
}

gboolean
wa_map_style_get_ward_fill (WaMapStyle *style, guint ward_index, WaRgb *out)
{
  int band = wa_map_style_get_ward_band (style, ward_index);

  if (band < 0)
    {
      wa_palette_no_data_color (out);
      return FALSE;
    }
  if (style->change)
    wa_change_shade_color ((WaChangeShade) band, out);
  else
    wa_palette_band_color (style->palette, band, out);
  return TRUE;
}

gboolean
wa_map_style_is_left_behind (WaMapStyle *style, guint ward_index)
{
  g_return_val_if_fail (ward_index < style->n_wards, FALSE);
  return style->left_behind[ward_index];
}

WaLabelLayout *
wa_map_style_get_label_layout (WaMapStyle *style)
{
  return style->labels;
}

const WaRoadStep *
wa_map_style_get_motorway_steps (WaMapStyle *style, guint *n_steps)
{
  return wa_atlas_caches_get_motorway_steps (style->caches, n_steps);
}

const WaMotorwayLines *
wa_map_style_get_motorway_lines (WaMapStyle *style, double detail_zoom)
{
  g_return_val_if_fail (style != NULL, NULL);
  return wa_atlas_caches_get_motorway_lines (style->caches, detail_zoom);
}

void
wa_map_style_get_motorway_widths (WaMapStyle *style, double zoom, double *line, double *casing)
{
  wa_motorway_widths (zoom, style->theme.line_scale, line, casing);
}

const char *
wa_map_style_get_method_description (WaMapStyle *style)
{
  return style->method;
}

gboolean
wa_map_style_shows_lsoas (WaMapStyle *style)
{
  return style->n_lsoas > 0 && !style->change;
}

gboolean
wa_map_style_shows_lsoas_at (WaMapStyle *style, double zoom)
{
  return wa_map_style_shows_lsoas (style) && zoom >= WA_LSOA_MIN_ZOOM;
}

WaIndicator
wa_map_style_get_lsoa_indicator (WaMapStyle *style)
{
  return style->lsoa_indicator;
}

int
wa_map_style_get_lsoa_band (WaMapStyle *style, guint lsoa_index)
{
  g_return_val_if_fail (lsoa_index < style->n_lsoas, -1);
  return style->lsoa_bands[lsoa_index];
}

gboolean
wa_map_style_is_lsoa_flagged (WaMapStyle *style, guint lsoa_index)
{
  g_return_val_if_fail (lsoa_index < style->n_lsoas, FALSE);
  return style->lsoa_flagged[lsoa_index];
}

/* ---- dissolved band fills ---------------------------------------------- */

static gpointer
fill_build (gpointer owner, guint row, guint zoom_index)
{
  WaMapStyle *style = owner;

  return wa_band_fill_new (style->atlas, style->bands, style->left_behind, style->n_wards,
                           WA_N_BANDS + 1, wa_band_fill_index_zoom (zoom_index));
}

/* A background build holds the style until it runs. */
static gpointer
fill_hold (gpointer owner)
{
  return wa_map_style_ref (owner);
}

/* A style no one else holds any more (the method or palette changed
 * again meanwhile) is not worth the work. */
static gboolean
fill_wanted (gpointer owner)
{
  return !g_atomic_ref_count_compare (&((WaMapStyle *) owner)->ref_count, 1);
}

static const WaSlotKind fill_kind = {
  fill_build, (GDestroyNotify) wa_band_fill_free, fill_hold,
  (GDestroyNotify) wa_map_style_unref, fill_wanted,
};

/* The band fills at detail_zoom's whole zoom (the pack's levels change
 * only there) through fetch; NULL outside the kept zooms. */
static const WaBandFill *
fill_fetch (WaMapStyle *style, double detail_zoom, WaSlotFetchFunc fetch)
{
  WaSlotOrder order = { &style->slot_lock, NULL, &fill_kind, style, 0, 0 };

  g_return_val_if_fail (style != NULL, NULL);
  if (!wa_band_fill_zoom_index (detail_zoom, &order.column))
    return NULL;
  order.slot = &style->fills[order.column];
  return fetch (&order);
}

const WaBandFill *
wa_map_style_get_band_fill (WaMapStyle *style, double detail_zoom)
{
  return fill_fetch (style, detail_zoom, wa_build_slot_get);
}

const WaBandFill *
wa_map_style_try_band_fill (WaMapStyle *style, double detail_zoom)
{
  return fill_fetch (style, detail_zoom, wa_build_slot_try);
}

/* ---- shared by the atlas's styles (wa-atlas-caches.h) --------------------- */

const WaBandFill *
wa_map_style_get_area_lines (WaMapStyle *style, WaAreaKind kind, double detail_zoom)
{
  g_return_val_if_fail (style != NULL, NULL);
  return wa_atlas_caches_get_area_lines (style->caches, kind, detail_zoom);
}

const WaBandFill *
wa_map_style_try_area_lines (WaMapStyle *style, WaAreaKind kind, double detail_zoom)
{
  g_return_val_if_fail (style != NULL, NULL);
  return wa_atlas_caches_try_area_lines (style->caches, kind, detail_zoom);
}

const WaBandFill *
wa_map_style_get_ward_lines (WaMapStyle *style, double detail_zoom, const WaBBox *view)
{
  g_return_val_if_fail (style != NULL, NULL);
  return wa_atlas_caches_get_ward_lines (style->caches, detail_zoom, view);
}

const WaBoxedLines *
wa_map_style_get_motorway_cover (WaMapStyle *style, double zoom, double device_scale,
                                 WaMotorwayPart part)
{
  g_return_val_if_fail (style != NULL, NULL);
  return wa_atlas_caches_get_motorway_cover (style->caches, zoom, device_scale,
                                             style->theme.line_scale, part);
}

const WaBoxedLines *
wa_map_style_try_motorway_cover (WaMapStyle *style, double zoom, double device_scale,
                                 WaMotorwayPart part)
{
  g_return_val_if_fail (style != NULL, NULL);
  return wa_atlas_caches_try_motorway_cover (style->caches, zoom, device_scale,
                                             style->theme.line_scale, part);
}
