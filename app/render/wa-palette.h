/* wa-palette.h: the colour scales the map, legend and exports share.
 * Every palette is sequential and colour-blind safe, with lightness
 * monotonic in need: the band of greatest need is the darkest. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  WA_PALETTE_VIRIDIS,   /* default */
  WA_PALETTE_MAGMA,
  WA_PALETTE_YLORRD,    /* ColorBrewer YlOrRd */
  WA_PALETTE_BLUES,     /* ColorBrewer Blues */
  WA_N_PALETTES
} WaPalette;

/* Colour components in [0, 1]. */
typedef struct {
  double red, green, blue;
} WaRgb;

/* The map is classed: wards fall into WA_N_BANDS equal bands of combined
 * rank (band 0 = greatest need). */
#define WA_N_BANDS 10

/* "viridis", "magma", "ylorrd", "blues" */
const char *wa_palette_to_id   (WaPalette palette);
gboolean    wa_palette_from_id (const char *id, WaPalette *out_palette);
const char *wa_palette_label   (WaPalette palette);   /* translatable */

/* Band colour; band in [0, WA_N_BANDS). */
void        wa_palette_band_color (WaPalette palette, guint band, WaRgb *out);
/* Band of a combined rank among n_ranked wards; rank 1 is band 0. */
guint       wa_palette_band_for_rank (guint rank, guint n_ranked);
/* First and last rank in a band (for the legend: "1–746"). */
void        wa_palette_band_ranks (guint band, guint n_ranked, guint *out_first, guint *out_last);

/* Fixed cues shared by map, legend and exports. */
void        wa_palette_no_data_color (WaRgb *out);       /* grey, drawn hatched */
void        wa_palette_left_behind_color (WaRgb *out);   /* outline for left-behind wards */
/* The line drawn inside that outline: the cue's second colour, the one
 * that survives colour-vision deficiencies. */
void        wa_palette_left_behind_inner_color (WaRgb *out);
void        wa_palette_sea_color (WaRgb *out);
void        wa_palette_land_color (WaRgb *out);          /* land outside English wards */

G_END_DECLS
