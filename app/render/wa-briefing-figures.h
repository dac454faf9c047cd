/* wa-briefing-figures.h: the drawn parts of a briefing (title block, map,
 * key-figure tiles, rank strips), each added to a page layout as a figure
 * holding its own copy of the data. Internal to the briefing. */
#pragma once

#include "wa-map-style.h"
#include "wa-page-layout.h"

G_BEGIN_DECLS

/* badge may be NULL; alert draws it with the left-behind cue. */
void wa_figure_add_title (WaPageLayout *doc, const char *kicker, const char *title,
                          const char *subtitle, const char *meta, const char *badge,
                          gboolean alert);

typedef struct _WaMapFigure WaMapFigure;

/* The map of a subject (ward, council or region; aspect = height / width)
 * in its context (the subject and its neighbours): the subject is centred
 * and entirely visible, and as much of the context is shown as fits
 * without shrinking the subject below a share of the frame. The legend
 * sits beside the map frame and the attribution under it, so neither
 * covers the subject. focus_ward -1 and codes NULL for none. Returns the
 * figure, owned by doc, whose aspect may be changed before the next
 * pagination. */
WaMapFigure *wa_figure_add_map (WaPageLayout *doc, WaMapStyle *style, const WaBBox *subject,
                                const WaBBox *context, double aspect, int focus_ward,
                                const char *focus_lad_code, const char *focus_region_code);
/* Outlines these geometries (WaGeometry*, lon/lat; a reference is taken)
 * on top of the map, as a custom area's boundary. */
void         wa_map_figure_set_outline (WaMapFigure *map, GPtrArray *geometries);
double       wa_map_figure_get_aspect (WaMapFigure *map);
void         wa_map_figure_set_aspect (WaMapFigure *map, double aspect);

/* Where the figure's parts fall, in points from its top-left corner, as
 * x/y boxes (min_x, min_y, max_x, max_y): the map frame, the legend
 * beside it, the attribution under it, the scale bar and north arrow
 * inside the frame, and the subject's bounding box as drawn. Exposed for
 * the tests. */
typedef struct {
  WaBBox frame, legend, attribution, scale_bar, north_arrow, subject;
} WaMapFigureLayout;

void wa_map_figure_get_layout (WaMapFigure *map, cairo_t *cr, double width,
                               WaMapFigureLayout *out);

/* n tiles in a row: a label, a large value and a line of detail. */
void wa_figure_add_key_figures (WaPageLayout *doc, guint n, const char * const *labels,
                                const char * const *values, const char * const *details);

/* One strip per row: every rank from 1 to n shaded by band, the group's
 * wards (e.g. the council's) as ticks, and the ward marked. */
typedef struct {
  char *label;
  guint n;            /* wards ranked */
  guint rank;         /* the ward's, 0 = none */
  GArray *group;      /* guint ranks of the comparison group */
} WaStripRow;

/* Takes the rows (freed with the figure). threshold: fraction of n marked
 * as the left-behind cut, or <= 0 for none. */
void wa_figure_add_strips (WaPageLayout *doc, WaPalette palette, WaStripRow *rows, guint n_rows,
                           double threshold, const char *group_label);

/* One axis of positions (percentile of rank, 0 = greatest need, 1 =
 * least), with up to two markers: then above the axis (hollow), now
 * below it (filled), each labelled; NAN for none. In neutral greys:
 * the change categories' colours belong to the map. alt describes it. */
void wa_figure_add_positions (WaPageLayout *doc, const char *label, double then,
                              const char *then_label, double now, const char *now_label,
                              const char *alt);

G_END_DECLS
