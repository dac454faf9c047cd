/* wa-label-layout.h: which place names the map shows at each zoom, and
 * where. Placement is global per integer zoom, so a label that straddles
 * two tiles is drawn identically by both and labels never overlap across
 * tile borders. Internal to the renderer. */
#pragma once

#include "wa-atlas.h"
#include "wa-map-style.h"

G_BEGIN_DECLS

typedef struct {
  const char *text;       /* borrowed from the atlas's place */
  double x, y;            /* centre, in world pixels at the layout's zoom */
  double width, height;   /* collision box, world pixels */
  double font_px;
  int weight;             /* PangoWeight */
  WaPlaceKind kind;       /* lets a sparser style skip the smaller places */
} WaLabel;



/* The layout shared by every style of this atlas, kept until the atlas is
 * finalized. Call on the main thread. */
WaLabelLayout *wa_label_layout_for_atlas (WaAtlas *atlas);
/* Labels placed at an integer zoom, computed on first use. Thread-safe. */
GArray        *wa_label_layout_get (WaLabelLayout *layout, guint zoom);

G_END_DECLS
