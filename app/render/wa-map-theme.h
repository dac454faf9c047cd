/* wa-map-theme.h: the parts of the map's look that do not depend on the
 * data: background colours, line colours and widths, label colours and
 * how many place names to show. The light theme is what exports and
 * printing use; the app picks dark and high-contrast variants to follow
 * the desktop (AdwStyleManager). Ward fills always come from the palette,
 * so the colour scale reads the same in every theme. */
#pragma once

#include <glib.h>
#include "wa-palette.h"

G_BEGIN_DECLS

typedef enum {
  WA_LABELS_NONE,
  WA_LABELS_FEWER,     /* cities and towns only */
  WA_LABELS_NORMAL,    /* every place the zoom has room for */
  WA_N_LABEL_DENSITIES
} WaLabelDensity;

typedef struct {
  WaRgb sea;
  WaRgb land;               /* land outside English wards */
  WaRgb coast;              /* coastline, where coast_alpha > 0 (dark theme) */
  double coast_alpha;
  WaRgb ward_outline;
  double ward_outline_alpha;
  WaRgb boundary;           /* council and region boundaries */
  WaRgb label_text;
  WaRgb label_halo;
  /* Orientation layers: motorways (a line on a casing that separates it
   * from any fill), their number shields, and railway stations. */
  WaRgb motorway;
  WaRgb motorway_casing;
  WaRgb shield;
  WaRgb shield_text;
  WaRgb station_fill;
  WaRgb station_ring;
  double line_scale;        /* multiplies every line width: thicker for high contrast */
  /* High contrast: a ward whose fill is under 3:1 against ward_outline is
   * outlined in line_on_dark instead, and boundaries get a casing of it,
   * so that boundaries between the darkest wards stay visible. */
  gboolean lines_follow_fill;
  WaRgb line_on_dark;
  WaLabelDensity labels;
  /* The desktop's text scaling factor (large text): place names are
   * drawn this many times their normal size. 1 in exports and print. */
  double text_scale;
  /* The neighbourhood layer: from WA_LSOA_MIN_ZOOM, LSOAs shaded by
   * decile under the ward outlines (wa-map-style.h). Off in exports and
   * print; the app follows its "show-lsoas" setting. */
  gboolean lsoas;
} WaMapTheme;

/* The theme for a light or dark desktop, with outlines thickened when
 * high_contrast is set. Labels default to WA_LABELS_NORMAL. */
void        wa_map_theme_init (WaMapTheme *theme, gboolean dark, gboolean high_contrast);

/* "none", "fewer", "normal" (the GSettings label-density values). */
const char *wa_label_density_to_id   (WaLabelDensity density);
gboolean    wa_label_density_from_id (const char *id, WaLabelDensity *out_density);
const char *wa_label_density_label   (WaLabelDensity density);   /* translatable */

G_END_DECLS
