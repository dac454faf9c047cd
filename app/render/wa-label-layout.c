/* wa-label-layout.c: where the map's place names go at each zoom.
 *
 * Text widths are estimated from the number of characters rather than
 * measured with Pango: laying out 30,000 place names must take
 * milliseconds, and a generous estimate only leaves a little more space
 * between labels.
 */
#include <math.h>
#include <pango/pango.h>

#include "wa-label-layout.h"

#define MAX_ZOOM 20
#define CELL_PX 128.0

struct _WaLabelLayout
{
  WaAtlas *atlas;        /* not a reference: the layout goes with the atlas */
  GMutex lock;
  GArray *zooms[MAX_ZOOM + 1];
};

typedef struct {
  WaPlaceKind kind;
  guint min_zoom;
  double font_px;
  int weight;
} KindStyle;

/* Cities first, then towns, then villages, as the user zooms in. */
static const KindStyle kind_styles[] = {
  { WA_PLACE_CITY, 5, 14.0, PANGO_WEIGHT_BOLD },
  { WA_PLACE_TOWN, 8, 12.0, PANGO_WEIGHT_SEMIBOLD },
  { WA_PLACE_VILLAGE, 11, 11.0, PANGO_WEIGHT_NORMAL },
  { WA_PLACE_SUBURB, 12, 11.0, PANGO_WEIGHT_NORMAL },
  { WA_PLACE_HAMLET, 13, 10.0, PANGO_WEIGHT_NORMAL },
  { WA_PLACE_OTHER, 13, 10.0, PANGO_WEIGHT_NORMAL },
};

static const KindStyle *
style_for (const WaPlace *place, guint zoom)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_styles); i++)
    if (kind_styles[i].kind == place->kind)
      {
        guint min_zoom = kind_styles[i].min_zoom;

        /* ONS major towns show a zoom earlier than other towns; small
         * cathedral cities (Ripon, Wells) wait for the towns' zoom. */
        if (place->kind == WA_PLACE_TOWN && place->major)
          min_zoom--;
        else if (place->kind == WA_PLACE_CITY && !place->major)
          min_zoom = kind_styles[1].min_zoom - 1;

        return zoom >= min_zoom ? &kind_styles[i] : NULL;
      }
  return NULL;
}

static void
layout_free (WaLabelLayout *layout)
{
  for (guint z = 0; z <= MAX_ZOOM; z++)
    g_clear_pointer (&layout->zooms[z], g_array_unref);
  g_mutex_clear (&layout->lock);
  g_free (layout);
}

/* The layouts, one per atlas: placement depends only on the atlas's places,
 * so every style of an atlas (a new one at each change of palette or rank
 * method) shares one and each zoom is laid out once. This table owns them;
 * each goes when its atlas does, which may be on a tile-render thread that
 * dropped the last style, hence the lock. */
G_LOCK_DEFINE_STATIC (layouts);
static GHashTable *layouts;   /* WaAtlas* (borrowed) -> WaLabelLayout* */

static void
atlas_gone (gpointer data, GObject *atlas)
{
  G_LOCK (layouts);
  g_hash_table_remove (layouts, atlas);
  G_UNLOCK (layouts);
}

WaLabelLayout *
wa_label_layout_for_atlas (WaAtlas *atlas)
{
  WaLabelLayout *layout;

  G_LOCK (layouts);
  if (layouts == NULL)
    layouts = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) layout_free);
  layout = g_hash_table_lookup (layouts, atlas);
  if (layout == NULL)
    {
      layout = g_new0 (WaLabelLayout, 1);
      layout->atlas = atlas;
      g_mutex_init (&layout->lock);
      g_hash_table_insert (layouts, atlas, layout);
      g_object_weak_ref (G_OBJECT (atlas), atlas_gone, NULL);
    }
  G_UNLOCK (layouts);
  return layout;
}

static gint64
cell_key (int cx, int cy)
{
  return ((gint64) cx << 32) ^ (guint32) cy;
}

static gboolean
boxes_overlap (const WaLabel *a, const WaLabel *b)
{
  return fabs (a->x - b->x) * 2 < a->width + b->width
         && fabs (a->y - b->y) * 2 < a->height + b->height;
}

/* A spatial hash of placed labels: cell -> GArray of label indices. */
static gboolean
collides (GHashTable *grid, GArray *placed, const WaLabel *label)
{
  int x0 = floor ((label->x - label->width / 2) / CELL_PX);
  int x1 = floor ((label->x + label->width / 2) / CELL_PX);
  int y0 = floor ((label->y - label->height / 2) / CELL_PX);
  int y1 = floor ((label->y + label->height / 2) / CELL_PX);

  for (int cx = x0; cx <= x1; cx++)
    for (int cy = y0; cy <= y1; cy++)
      {
        gint64 key = cell_key (cx, cy);
        GArray *cell = g_hash_table_lookup (grid, &key);

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          if (boxes_overlap (label, &g_array_index (placed, WaLabel, g_array_index (cell, guint, i))))
            return TRUE;
      }
  return FALSE;
}

static void
insert (GHashTable *grid, GArray *placed, const WaLabel *label)
{
  guint index = placed->len;
  int x0 = floor ((label->x - label->width / 2) / CELL_PX);
  int x1 = floor ((label->x + label->width / 2) / CELL_PX);
  int y0 = floor ((label->y - label->height / 2) / CELL_PX);
  int y1 = floor ((label->y + label->height / 2) / CELL_PX);

  g_array_append_val (placed, *label);
  for (int cx = x0; cx <= x1; cx++)
    for (int cy = y0; cy <= y1; cy++)
      {
        gint64 key = cell_key (cx, cy);
        GArray *cell = g_hash_table_lookup (grid, &key);

        if (cell == NULL)
          {
            cell = g_array_new (FALSE, FALSE, sizeof (guint));
            g_hash_table_insert (grid, g_memdup2 (&key, sizeof key), cell);
          }
        g_array_append_val (cell, index);
      }
}

static GArray *
compute (WaAtlas *atlas, guint zoom)
{
  GPtrArray *places = wa_atlas_get_places (atlas);
  GArray *placed = g_array_new (FALSE, FALSE, sizeof (WaLabel));
  g_autoptr(GHashTable) grid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      (GDestroyNotify) g_array_unref);
  double world_px = 256.0 * (1 << zoom);

  /* Kinds in order of precedence; within a kind, the atlas's order
   * (importance, descending). */
  for (guint k = 0; k < G_N_ELEMENTS (kind_styles); k++)
    for (guint i = 0; i < places->len; i++)
      {
        const WaPlace *place = g_ptr_array_index (places, i);
        const KindStyle *style = place->kind == kind_styles[k].kind ? style_for (place, zoom) : NULL;
        WaLabel label;
        double mx, my;

        if (style == NULL)
          continue;
        wa_lonlat_to_mercator (place->lon, place->lat, &mx, &my);
        label.text = place->name;
        label.x = mx * world_px;
        label.y = my * world_px;
        label.font_px = style->font_px;
        label.weight = style->weight;
        label.kind = place->kind;
        label.width = g_utf8_strlen (place->name, -1) * style->font_px * 0.6 + 10;
        label.height = style->font_px * 1.4 + 6;
        if (!collides (grid, placed, &label))
          insert (grid, placed, &label);
      }
  return placed;
}

GArray *
wa_label_layout_get (WaLabelLayout *layout, guint zoom)
{
  GArray *labels;

  zoom = MIN (zoom, MAX_ZOOM);
  g_mutex_lock (&layout->lock);
  if (layout->zooms[zoom] == NULL)
    layout->zooms[zoom] = compute (layout->atlas, zoom);
  labels = layout->zooms[zoom];
  g_mutex_unlock (&layout->lock);
  return labels;
}
