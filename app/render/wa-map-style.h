/* wa-map-style.h: an immutable snapshot of how to colour the map: each
 * ward's band under the atlas's current rank method, the palette, and
 * which wards are left behind. Made on the main thread (it reads ward
 * ranks), then shared read-only by tile-render threads. A new method or
 * palette means a new style. */
#pragma once

#include <glib.h>
#include "wa-atlas.h"
#include "wa-change.h"
#include "wa-map-theme.h"
#include "wa-palette.h"

G_BEGIN_DECLS

typedef struct _WaMapStyle WaMapStyle;
typedef struct _WaLabelLayout WaLabelLayout;

/* Snapshots the atlas's current combined ranks. Keeps a reference to atlas. */
WaMapStyle *wa_map_style_new   (WaAtlas *atlas, WaPalette palette);
/* The same with a theme (copied); wa_map_style_new uses the light one. */
WaMapStyle *wa_map_style_new_themed (WaAtlas *atlas, WaPalette palette, const WaMapTheme *theme);
/* The change view (README "Change since 2019"): the wards of change's
 * newer atlas (atlas) shaded by change category, wa-change-style.h, in
 * place of bands; a ward the crosswalk lacks is "no data". The
 * left-behind cue stays: it marks the wards left behind now. */
WaMapStyle *wa_map_style_new_change (WaAtlas *atlas, WaChange *change, WaPalette palette,
                                     const WaMapTheme *theme);
WaMapStyle *wa_map_style_ref   (WaMapStyle *style);
void        wa_map_style_unref (WaMapStyle *style);

WaAtlas    *wa_map_style_get_atlas   (WaMapStyle *style);
WaPalette   wa_map_style_get_palette (WaMapStyle *style);
const WaMapTheme *wa_map_style_get_theme (WaMapStyle *style);
guint       wa_map_style_get_n_ranked (WaMapStyle *style);
/* Fill of a ward; FALSE (and the no-data grey) for an unranked ward. */
gboolean    wa_map_style_get_ward_fill (WaMapStyle *style, guint ward_index, WaRgb *out);
/* Whether the style is the change view: "bands" are then WaChangeShade. */
gboolean    wa_map_style_is_change (WaMapStyle *style);
/* Band of a ward (0 = greatest need), or -1 when it is not ranked; in the
 * change view, its WaChangeShade, or -1 when the crosswalk lacks it. */
int         wa_map_style_get_ward_band (WaMapStyle *style, guint ward_index);
gboolean    wa_map_style_is_left_behind (WaMapStyle *style, guint ward_index);
/* The neighbourhood layer (README "Neighbourhoods"), drawn from this zoom
 * when the theme asks for it: each LSOA shaded by its decile on
 * wa_lsoas_map_indicator in the palette's band colours (decile d is band
 * d - 1), and OCSI's published left-behind neighbourhoods
 * (WA_LSOA_MAP_FLAG) outlined with the left-behind cue. */
#define WA_LSOA_MIN_ZOOM 12
/* Whether the style has the layer (the theme asks, the pack has LSOAs,
 * and it is not the change view). */
gboolean    wa_map_style_shows_lsoas (WaMapStyle *style);
/* Whether it is drawn at that (logical) zoom. */
gboolean    wa_map_style_shows_lsoas_at (WaMapStyle *style, double zoom);
/* The index the shading is by (WA_INDICATOR_IMD or WA_INDICATOR_CNI). */
WaIndicator wa_map_style_get_lsoa_indicator (WaMapStyle *style);
/* Band of an LSOA (its decile - 1), or -1 without a rank. */
int         wa_map_style_get_lsoa_band (WaMapStyle *style, guint lsoa_index);
gboolean    wa_map_style_is_lsoa_flagged (WaMapStyle *style, guint lsoa_index);
/* The rank method in words when the style was made (for legends). */
const char *wa_map_style_get_method_description (WaMapStyle *style);
/* Place-name placement shared by all styles of the atlas (renderer use). */
WaLabelLayout *wa_map_style_get_label_layout (WaMapStyle *style);

/* The atlas's motorways in drawing order (renderer use): the pack splits
 * them at every junction (6,648 links in England, half of them two
 * points), and each link drawn as its own line gets two round caps. In
 * this order a link that begins where the one before it ends has
 * continues set, and is drawn as part of it, with a round join. */
typedef struct {
  guint road;            /* index in wa_roads_get_motorways */
  gboolean continues;    /* starts at the last point of the step before */
} WaRoadStep;

const WaRoadStep *wa_map_style_get_motorway_steps (WaMapStyle *style, guint *n_steps);

/* Those chains as lines simplified for detail_zoom (wa-motorway-lines.h,
 * a world 512 * 2^detail_zoom device pixels wide; a fractional zoom gets
 * the next whole one's), or NULL where tiles draw the full-detail links.
 * Made on first use for each whole zoom (a few ms) and kept with the
 * atlas, for all its styles (wa-atlas-caches.h). Thread-safe. */
typedef struct _WaMotorwayLines WaMotorwayLines;
const WaMotorwayLines *wa_map_style_get_motorway_lines (WaMapStyle *style, double detail_zoom);

/* The motorways' line width at a zoom and their casing's (0 where none
 * is drawn: below z9 the line alone, thin, so that it does not hide the
 * fills at England scale), in the style's pixels, wider as the user
 * zooms in; the theme's line scale applied. */
void wa_map_style_get_motorway_widths (WaMapStyle *style, double zoom, double *line,
                                       double *casing);

/* What the motorways' casing or line covers (wa_motorway_cover_new) on
 * tiles of a whole zoom at a device scale (1 or 2), as rings to fill
 * even-odd in the casing's or line's colour: the same pixels as the
 * stroke, drawn in a fifth of its time on the tiles' raster. For z7-z9
 * (the densest tiles; z10 and beyond draw few, short lines, whose covers
 * are mostly round ends); NULL elsewhere, for a casing below z9 (none is
 * drawn) and where GEOS failed (the renderer strokes). Made on first use
 * (0.1-0.3 s, GEOS) and kept with the atlas, for all its styles of the
 * same theme line scale (wa-atlas-caches.h). Thread-safe. */
typedef struct _WaBoxedLines WaBoxedLines;
typedef enum { WA_MOTORWAY_CASING, WA_MOTORWAY_LINE, WA_N_MOTORWAY_PARTS } WaMotorwayPart;
const WaBoxedLines *wa_map_style_get_motorway_cover (WaMapStyle *style, double zoom,
                                                     double device_scale, WaMotorwayPart part);
/* The same without waiting (renderer use), as wa_map_style_try_band_fill. */
const WaBoxedLines *wa_map_style_try_motorway_cover (WaMapStyle *style, double zoom,
                                                     double device_scale, WaMotorwayPart part);

/* The wards of each band dissolved into one path (wa-band-fill.h;
 * bucket WA_N_BANDS is "no data"), for geometry at detail_zoom (as
 * wa_atlas_get_ward_geometry_for_zoom); NULL from detail zoom 10, where
 * tiles draw few wards. Made on first use for each whole zoom (10-140 ms)
 * and kept with the style. Thread-safe. */
typedef struct _WaBandFill WaBandFill;
const WaBandFill *wa_map_style_get_band_fill (WaMapStyle *style, double detail_zoom);
/* The boundaries of the councils (WA_AREA_LAD) or regions
 * (WA_AREA_REGION) with each shared edge once (wa_area_lines_new, in
 * bands[0]); NULL for other kinds (and for a pack whose levels change
 * from detail zoom 10; the zooms of one level share their lines, so
 * every zoom from 9 has the full geometry's). Made on first
 * use, as wa_map_style_get_band_fill, but kept with the atlas, for all
 * its styles (wa-atlas-caches.h). Thread-safe. */
const WaBandFill *wa_map_style_get_area_lines (WaMapStyle *style, WaAreaKind kind,
                                               double detail_zoom);
/* The outlines of the wards at detail_zoom (as
 * wa_atlas_get_ward_geometry_for_zoom) round view (Mercator units, 0-1,
 * y south), each edge two wards share once (wa_ward_lines_new, in
 * bands[0]); NULL for a view that does not lie in one of the cells
 * they are kept in (a z8 tile grown by a sixteenth on each side,
 * wa-atlas-caches.c): wider views, or a few across a cell's edge.
 * Made in the calling thread on first use (London's cell 10-25 ms, the
 * ten-fold benchmark pack's 0.3 s) and kept with the atlas. Thread-safe. */
const WaBandFill *wa_map_style_get_ward_lines (WaMapStyle *style, double detail_zoom,
                                               const WaBBox *view);
/* The same without waiting (renderer use): NULL until made, the first
 * call asking a background thread to make it, so that no tile waits. */
const WaBandFill *wa_map_style_try_band_fill  (WaMapStyle *style, double detail_zoom);
const WaBandFill *wa_map_style_try_area_lines (WaMapStyle *style, WaAreaKind kind,
                                               double detail_zoom);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaMapStyle, wa_map_style_unref)

G_END_DECLS
