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

/* The map of box (aspect = height / width), margin as a fraction of each
 * side; focus_ward -1 and codes NULL for none. Returns the figure, owned
 * by doc, whose aspect may be changed before the next pagination. */
WaMapFigure *wa_figure_add_map (WaPageLayout *doc, WaMapStyle *style, const WaBBox *box,
                                double aspect, double margin, int focus_ward,
                                const char *focus_lad_code);
double       wa_map_figure_get_aspect (WaMapFigure *map);
void         wa_map_figure_set_aspect (WaMapFigure *map, double aspect);

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

G_END_DECLS
