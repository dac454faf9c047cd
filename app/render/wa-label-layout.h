/* wa-label-layout.h: which names the map shows at each zoom, and where:
 * places, ward names (inside their ward), council and region names, in
 * one collision pass so that no two overlap. Placement is global per
 * integer zoom, so a label that straddles two tiles is drawn identically
 * by both and labels never overlap across tile borders. Internal to the
 * renderer, and for the map layers that must keep clear of names. */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "wa-atlas.h"
#include "wa-map-style.h"

G_BEGIN_DECLS

typedef enum {
  WA_LABEL_PLACE,
  WA_LABEL_WARD,
  WA_LABEL_COUNCIL,
  WA_LABEL_REGION,
  WA_LABEL_MOTORWAY,   /* a motorway number in a shield */
  WA_LABEL_STATION,    /* a railway station's name beside its symbol */
} WaLabelRole;

typedef struct {
  const char *text;       /* borrowed from the atlas, or owned by the layout */
  double x, y;            /* text centre, in world pixels at the layout's zoom */
  double anchor_x, anchor_y; /* the point named (world pixels); may differ from the centre */
  double width, height;   /* collision box, world pixels */
  double font_px;
  int weight;             /* PangoWeight */
  WaPlaceKind kind;       /* lets a sparser style skip the smaller places */
  WaLabelRole role;
  gboolean dot;           /* the text sits beside a dot at the anchor */
  int index;              /* ward or area index for WARD/COUNCIL/REGION, else -1 */
} WaLabel;



/* Zooms from which motorways, their numbers, station symbols and
 * station names are drawn. */
#define WA_MOTORWAY_MIN_ZOOM 7
#define WA_MOTORWAY_NUMBER_MIN_ZOOM 8
#define WA_STATION_MIN_ZOOM 12
#define WA_STATION_NAME_MIN_ZOOM 14

/* The layout shared by every style of this atlas, kept until the atlas is
 * finalized. Call on the main thread. */
WaLabelLayout *wa_label_layout_for_atlas (WaAtlas *atlas);
/* The same for names text_scale times their normal size (the desktop's
 * text scaling factor); wa_label_layout_for_atlas is text_scale 1. */
WaLabelLayout *wa_label_layout_for_atlas_scaled (WaAtlas *atlas, double text_scale);
/* Places zoom's names (wa_label_layout_get) on a thread of its own, so
 * that it overlaps the app's own start-up instead of holding up the first
 * labelled tile. The atlas is kept until it is done. Call on the main
 * thread. */
void           wa_label_layout_place_in_background (WaLabelLayout *layout, guint zoom);
/* Labels placed at an integer zoom, computed on first use. Thread-safe. */
GArray        *wa_label_layout_get (WaLabelLayout *layout, guint zoom);

/* Labels placed afresh for one finished map (briefings, exports) in a
 * world world_px wide, at any scale: the names that fit at that scale
 * rather than at the integer zoom below it (the tiles' layout would drop
 * most ward names of a map at zoom 11.6), with the focus ward's name (if
 * focus_ward >= 0) placed before every other, so that a map about a ward
 * names it. In world pixels at that scale; free with g_array_unref.
 * Thread-safe. */
GArray        *wa_label_layout_place_view (WaLabelLayout *layout, double world_px,
                                           int focus_ward);

/* Whether a symbol of radius radius_px at (lon, lat) would overlap a name
 * placed at zoom: names win over asset symbols. Thread-safe. */
gboolean       wa_label_layout_covers (WaLabelLayout *layout, guint zoom, double lon, double lat,
                                       double radius_px);

/* The names one symbol drawing gives way to, for wa_label_cover_hides. */
typedef struct {
  WaLabelLayout *labels;
  guint zoom;
  double radius;
} WaLabelCover;

/* A symbol-hiding callback (data: a WaLabelCover*), shared by the map's
 * asset layer and exported maps so both hide the same symbols. */
gboolean       wa_label_cover_hides (double lon, double lat, gpointer data);

/* Draws a label whose text centre is (x, y) and anchor (ax, ay) in cr's
 * user space, with a halo in the theme's colours. vector: stroke the halo
 * as an outline (PDF, print) instead of offset copies. */
void           wa_label_draw (cairo_t *cr, PangoLayout *layout, const WaLabel *label,
                              double x, double y, double ax, double ay,
                              const WaMapTheme *theme, gboolean vector);

/* Width a label's text is given for placement (estimated, generous). */
double         wa_label_text_width (const char *text, double font_px);

G_END_DECLS
