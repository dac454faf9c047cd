/* wa-label-layout.c: where the map's names go at each zoom.
 *
 * One pass per zoom places every kind of name in order of precedence
 * (cities, regions, towns, councils, wards, then villages and suburbs);
 * a name is dropped where it would overlap one already placed. Ward names
 * sit at the centre of the largest circle inside the ward (found by the
 * pack builder) and only from the zoom at which their text fits in that
 * circle, so a drawn ward name is always inside its ward. Council and
 * region names do the same with circles found here, once per atlas.
 *
 * Text widths are estimated from the number of characters rather than
 * measured with Pango: laying out 30,000 place names must take
 * milliseconds, and a generous estimate only leaves a little more space
 * between labels.
 */
#include <math.h>
#include <pango/pangocairo.h>

#include "wa-label-layout.h"
#include "wa-label-point.h"
#include "wa-text.h"

#define MAX_ZOOM 20
#define CELL_PX 128.0
#define EARTH_CIRCUMFERENCE_M 40075016.686
/* Below this zoom towns and cities are dots with their name beside them,
 * which lets neighbours (Manchester and Liverpool at z6) both show. */
#define DOT_MAX_ZOOM 8
#define DOT_GAP_PX 5.0
#define DOT_RADIUS 1.8

#define WARD_MIN_ZOOM 10
#define COUNCIL_MIN_ZOOM 8
#define COUNCIL_MAX_ZOOM 10
#define REGION_MIN_ZOOM 5
#define REGION_MAX_ZOOM 7
/* Eight offset copies of the text at 0.9 each, as the halo was, covered
 * most of its pixels two or three times over. */
#define HALO_ALPHA 0.97

typedef struct {
  double lon, lat, radius_m;   /* NAN when the area has no label point */
} AreaPoint;

typedef struct _Grid Grid;     /* a zoom's collision grid (below) */
static void grid_free (Grid *grid);

struct _WaLabelLayout
{
  WaAtlas *atlas;        /* not a reference: the layout goes with the atlas */
  double text_scale;     /* the desktop's text scaling factor (1 = 96 dpi) */
  GMutex lock;
  GArray *zooms[MAX_ZOOM + 1];
  Grid *grids[MAX_ZOOM + 1];   /* the collision grid of each zoom's labels */
  GArray *boxes[MAX_ZOOM + 1];
  /* Made on first use, under lock: */
  GArray *place_order;   /* guint indices into the atlas's places */
  GArray *ward_order;    /* guint ward indices with a label point, widest first */
  GArray *area_points[2];   /* AreaPoint per LAD, per region */
  GPtrArray *region_names;  /* upper-case region names, owned */
};

typedef struct {
  WaPlaceKind kind;
  guint min_zoom;
  double font_px;
  int weight;
} KindStyle;

/* Cities first, then towns, then villages, as the user zooms in. */
static const KindStyle kind_styles[] = {
  { WA_PLACE_CITY, 5, 13.0, PANGO_WEIGHT_BOLD },
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

double
wa_label_text_width (const char *text, double font_px)
{
  return g_utf8_strlen (text, -1) * font_px * 0.62;
}

static void
layout_free (WaLabelLayout *layout)
{
  for (guint z = 0; z <= MAX_ZOOM; z++)
    {
      g_clear_pointer (&layout->zooms[z], g_array_unref);
      g_clear_pointer (&layout->grids[z], grid_free);
      g_clear_pointer (&layout->boxes[z], g_array_unref);
    }
  g_clear_pointer (&layout->place_order, g_array_unref);
  g_clear_pointer (&layout->ward_order, g_array_unref);
  for (guint k = 0; k < G_N_ELEMENTS (layout->area_points); k++)
    g_clear_pointer (&layout->area_points[k], g_array_unref);
  g_clear_pointer (&layout->region_names, g_ptr_array_unref);
  g_mutex_clear (&layout->lock);
  g_free (layout);
}

/* The layouts, one per atlas and text scale: placement depends only on the
 * atlas's places and the size of their names, so every style of an atlas
 * (a new one at each change of palette or rank method) shares one and
 * each zoom is laid out once. A new desktop text scale makes another
 * (the names grow, so fewer fit). This table owns them; they go when
 * their atlas does, which may be on a tile-render thread that dropped the
 * last style, hence the lock. */
G_LOCK_DEFINE_STATIC (layouts);
static GHashTable *layouts;   /* WaAtlas* (borrowed) -> GPtrArray of WaLabelLayout* */

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
  return wa_label_layout_for_atlas_scaled (atlas, 1.0);
}

WaLabelLayout *
wa_label_layout_for_atlas_scaled (WaAtlas *atlas, double text_scale)
{
  WaLabelLayout *layout = NULL;
  GPtrArray *list;

  g_return_val_if_fail (text_scale > 0, NULL);
  G_LOCK (layouts);
  if (layouts == NULL)
    layouts = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  list = g_hash_table_lookup (layouts, atlas);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func ((GDestroyNotify) layout_free);
      g_hash_table_insert (layouts, atlas, list);
      g_object_weak_ref (G_OBJECT (atlas), atlas_gone, NULL);
    }
  for (guint i = 0; i < list->len && layout == NULL; i++)
    if (fabs (((WaLabelLayout *) g_ptr_array_index (list, i))->text_scale - text_scale) < 1e-3)
      layout = g_ptr_array_index (list, i);
  if (layout == NULL)
    {
      layout = g_new0 (WaLabelLayout, 1);
      layout->atlas = atlas;
      layout->text_scale = text_scale;
      g_mutex_init (&layout->lock);
      g_ptr_array_add (list, layout);
    }
  G_UNLOCK (layouts);
  return layout;
}

/* ---- what comes first -------------------------------------------------- */

typedef struct {
  guint index;
  int kind_rank;
  double population;
  double importance;
} PlaceKey;

static int
compare_place_keys (gconstpointer a, gconstpointer b)
{
  const PlaceKey *x = a, *y = b;

  if (x->kind_rank != y->kind_rank)
    return x->kind_rank - y->kind_rank;
  if (x->population != y->population)
    return x->population < y->population ? 1 : -1;
  if (x->importance != y->importance)
    return x->importance < y->importance ? 1 : -1;
  return (int) x->index - (int) y->index;
}

/* People living in the wards whose label point lies in the place's extent:
 * a measure of a town's size that the pack already holds. Names by extent
 * alone put Stoke ahead of Manchester, which then lost to Liverpool. */
static double
place_population (WaAtlas *atlas, const WaPlace *place, GArray *scratch)
{
  double total = 0;

  if (place->kind > WA_PLACE_TOWN || place->extent.min_x > place->extent.max_x)
    return 0;
  g_array_set_size (scratch, 0);
  wa_atlas_query_wards (atlas, &place->extent, scratch);
  for (guint i = 0; i < scratch->len; i++)
    {
      WaWard *ward = wa_atlas_get_ward (atlas, g_array_index (scratch, guint, i));
      double lon, lat, radius;

      if (wa_ward_get_label_point (ward, &lon, &lat, &radius)
          && wa_bbox_contains (&place->extent, lon, lat) && wa_ward_get_population (ward) > 0)
        total += wa_ward_get_population (ward);
    }
  return total;
}

static void
order_places (WaLabelLayout *layout)
{
  GPtrArray *places = wa_atlas_get_places (layout->atlas);
  g_autoptr(GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (PlaceKey), places->len);
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < places->len; i++)
    {
      const WaPlace *place = g_ptr_array_index (places, i);
      PlaceKey key = { i, (int) place->kind, place_population (layout->atlas, place, scratch),
                       place->importance };

      g_array_append_val (keys, key);
    }
  g_array_sort (keys, compare_place_keys);
  layout->place_order = g_array_sized_new (FALSE, FALSE, sizeof (guint), keys->len);
  for (guint i = 0; i < keys->len; i++)
    g_array_append_val (layout->place_order, g_array_index (keys, PlaceKey, i).index);
}

typedef struct {
  guint index;
  double radius;
} WardKey;

static int
compare_ward_keys (gconstpointer a, gconstpointer b)
{
  const WardKey *x = a, *y = b;

  if (x->radius != y->radius)
    return x->radius < y->radius ? 1 : -1;
  return (int) x->index - (int) y->index;
}

static void
order_wards (WaLabelLayout *layout)
{
  guint n = wa_atlas_get_n_wards (layout->atlas);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (WardKey));

  for (guint i = 0; i < n; i++)
    {
      double lon, lat, radius;

      if (wa_ward_get_label_point (wa_atlas_get_ward (layout->atlas, i), &lon, &lat, &radius))
        g_array_append_val (keys, ((WardKey) { i, radius }));
    }
  g_array_sort (keys, compare_ward_keys);
  layout->ward_order = g_array_sized_new (FALSE, FALSE, sizeof (guint), keys->len);
  for (guint i = 0; i < keys->len; i++)
    g_array_append_val (layout->ward_order, g_array_index (keys, WardKey, i).index);
}

/* Council and region label points, from the coarse outlines: a few hundred
 * areas, found once per atlas in milliseconds. */
static GArray *
area_points (WaAtlas *atlas, WaAreaKind kind, double precision_m)
{
  GPtrArray *areas = wa_atlas_get_areas (atlas, kind);
  GArray *points = g_array_sized_new (FALSE, FALSE, sizeof (AreaPoint), areas->len);

  for (guint i = 0; i < areas->len; i++)
    {
      WaGeometry *geometry = wa_atlas_get_area_geometry_for_zoom (atlas, kind, i, 9);
      AreaPoint point;

      wa_label_point_find (geometry, precision_m, &point.lon, &point.lat, &point.radius_m);
      g_array_append_val (points, point);
    }
  return points;
}

static void
prepare_regions (WaLabelLayout *layout)
{
  GPtrArray *regions = wa_atlas_get_areas (layout->atlas, WA_AREA_REGION);

  layout->area_points[1] = area_points (layout->atlas, WA_AREA_REGION, 500);
  layout->region_names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < regions->len; i++)
    {
      const WaArea *area = g_ptr_array_index (regions, i);
      g_ptr_array_add (layout->region_names, g_utf8_strup (area->name != NULL ? area->name : "", -1));
    }
}

/* What placing zoom's names needs that other zooms share, found on the
 * first zoom that needs it (under the layout's lock): England's first
 * view (z6) names no council and no ward, and on the 10x pack the
 * councils' name points (35-55 ms) and the wards' order (18 ms) held up
 * its first tiles. */
static void
prepare (WaLabelLayout *layout, guint zoom)
{
  if (layout->place_order == NULL)
    order_places (layout);
  if (zoom >= REGION_MIN_ZOOM && zoom <= REGION_MAX_ZOOM && layout->region_names == NULL)
    prepare_regions (layout);
  if (zoom >= COUNCIL_MIN_ZOOM && zoom <= COUNCIL_MAX_ZOOM && layout->area_points[0] == NULL)
    layout->area_points[0] = area_points (layout->atlas, WA_AREA_LAD, 100);
  if (zoom >= WARD_MIN_ZOOM && layout->ward_order == NULL)
    order_wards (layout);
}

/* ---- collision --------------------------------------------------------- */

typedef struct {
  double x, y, width, height;   /* centre and size, world pixels */
} Box;

typedef struct {
  guint box;    /* index into the placer's boxes */
  guint next;   /* the cell's next link + 1, 0 at its end */
} Link;

typedef struct {
  Grid *grid;         /* which boxes touch each CELL_PX square */
  GArray *boxes;      /* Box */
  GArray *placed;     /* WaLabel */
  double world_px;
  guint zoom;
  double text_scale;  /* multiplies every font size (the desktop's large text) */
} Placer;

static gint64
cell_key (int cx, int cy)
{
  return ((gint64) cx << 32) ^ (guint32) cy;
}

/* ---- the collision grid ------------------------------------------------ */

/* The cells boxes touch, in a table of their own (open addressing, a
 * power of two slots, at most half used), each with its boxes as a chain
 * of links in one array. From zoom 13 names lie far apart and nearly
 * every one starts cells of its own: as a GHashTable of GArrays, a
 * g_malloc and a key copy a cell and two indirect calls a look-up were
 * most of the time a zoom's names took to place (2019 pack, z14: 264 ms,
 * issue 18). Read-only once made, so any thread may look up. */
struct _Grid {
  gint64 *keys;
  guint *heads;        /* per slot: its first link + 1; 0 for a free slot */
  guint n_slots, n_used;
  GArray *links;       /* Link */
};

static Grid *
grid_new (void)
{
  Grid *grid = g_new0 (Grid, 1);

  grid->n_slots = 1024;
  grid->keys = g_new (gint64, grid->n_slots);
  grid->heads = g_new0 (guint, grid->n_slots);
  grid->links = g_array_new (FALSE, FALSE, sizeof (Link));
  return grid;
}

static void
grid_free (Grid *grid)
{
  g_free (grid->keys);
  g_free (grid->heads);
  g_array_unref (grid->links);
  g_free (grid);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Grid, grid_free)

/* The slot of key, or the free slot where it would go. */
static guint
grid_slot (const Grid *grid, gint64 key)
{
  guint mask = grid->n_slots - 1;
  guint i = (guint) (((guint64) key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32) & mask;

  while (grid->heads[i] != 0 && grid->keys[i] != key)
    i = (i + 1) & mask;
  return i;
}

/* The first link of the cell key + 1, or 0 if no box touches it. */
static guint
grid_first (const Grid *grid, gint64 key)
{
  return grid->heads[grid_slot (grid, key)];
}

static void
grid_grow (Grid *grid)
{
  gint64 *keys = grid->keys;
  guint *heads = grid->heads, n_slots = grid->n_slots;

  grid->n_slots *= 2;
  grid->keys = g_new (gint64, grid->n_slots);
  grid->heads = g_new0 (guint, grid->n_slots);
  for (guint i = 0; i < n_slots; i++)
    if (heads[i] != 0)
      {
        guint slot = grid_slot (grid, keys[i]);

        grid->keys[slot] = keys[i];
        grid->heads[slot] = heads[i];
      }
  g_free (keys);
  g_free (heads);
}

static void
grid_add (Grid *grid, gint64 key, guint box)
{
  guint slot = grid_slot (grid, key);
  Link link = { box, grid->heads[slot] };

  if (link.next == 0)
    {
      if (2 * (grid->n_used + 1) > grid->n_slots)
        {
          grid_grow (grid);
          slot = grid_slot (grid, key);
        }
      grid->keys[slot] = key;
      grid->n_used++;
    }
  g_array_append_val (grid->links, link);
  grid->heads[slot] = grid->links->len;
}

static gboolean
boxes_overlap (const Box *a, const Box *b)
{
  return fabs (a->x - b->x) * 2 < a->width + b->width
         && fabs (a->y - b->y) * 2 < a->height + b->height;
}

static gboolean
collides (Placer *p, const Box *box)
{
  int x0 = floor ((box->x - box->width / 2) / CELL_PX);
  int x1 = floor ((box->x + box->width / 2) / CELL_PX);
  int y0 = floor ((box->y - box->height / 2) / CELL_PX);
  int y1 = floor ((box->y + box->height / 2) / CELL_PX);

  for (int cx = x0; cx <= x1; cx++)
    for (int cy = y0; cy <= y1; cy++)
      {
        for (guint l = grid_first (p->grid, cell_key (cx, cy)); l != 0;)
          {
            const Link *link = &g_array_index (p->grid->links, Link, l - 1);

            if (boxes_overlap (box, &g_array_index (p->boxes, Box, link->box)))
              return TRUE;
            l = link->next;
          }
      }
  return FALSE;
}

static void
reserve (Placer *p, const Box *box)
{
  guint index = p->boxes->len;
  int x0 = floor ((box->x - box->width / 2) / CELL_PX);
  int x1 = floor ((box->x + box->width / 2) / CELL_PX);
  int y0 = floor ((box->y - box->height / 2) / CELL_PX);
  int y1 = floor ((box->y + box->height / 2) / CELL_PX);

  g_array_append_val (p->boxes, *box);
  for (int cx = x0; cx <= x1; cx++)
    for (int cy = y0; cy <= y1; cy++)
      grid_add (p->grid, cell_key (cx, cy), index);
}

/* Places label with its text centred at (x, y) if the text box (and the
 * dot, if any) is free. */
static gboolean
try_at (Placer *p, WaLabel *label, double x, double y)
{
  Box text = { x, y, label->width, label->height };
  Box dot = { label->anchor_x, label->anchor_y, 6, 6 };

  if (collides (p, &text) || (label->dot && collides (p, &dot)))
    return FALSE;
  label->x = x;
  label->y = y;
  reserve (p, &text);
  if (label->dot)
    reserve (p, &dot);
  g_array_append_val (p->placed, *label);
  return TRUE;
}

/* A dot label tries right of its dot, then left, above, below and the
 * four diagonals. Its box is tighter than a centred label's: the dot
 * already separates it from its neighbours. */
static void
place_beside (Placer *p, WaLabel *label)
{
  double ax = label->anchor_x, ay = label->anchor_y, hw, hh;

  label->width = wa_label_text_width (label->text, label->font_px) + 4;
  label->height = label->font_px * 1.15 + 2;
  hw = label->width / 2 + DOT_GAP_PX - 2;
  hh = label->height / 2 + 2;
  {
    const double candidates[][2] = {
      { ax + hw, ay }, { ax - hw, ay }, { ax, ay - hh - 1 }, { ax, ay + hh + 1 },
      { ax + hw - 4, ay - hh + 2 }, { ax + hw - 4, ay + hh - 2 },
      { ax - hw + 4, ay - hh + 2 }, { ax - hw + 4, ay + hh - 2 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
      if (try_at (p, label, candidates[i][0], candidates[i][1]))
        return;
  }
}

static void
to_world (const Placer *p, double lon, double lat, double *x, double *y)
{
  wa_lonlat_to_mercator (lon, lat, x, y);
  *x *= p->world_px;
  *y *= p->world_px;
}

/* World pixels per metre on the ground at a latitude. */
static double
px_per_metre (const Placer *p, double lat)
{
  return p->world_px / (EARTH_CIRCUMFERENCE_M * cos (lat * G_PI / 180.0));
}

/* Whether a text box fits in the circle of radius_px round its centre. */
static gboolean
fits_circle (double text_width, double text_height, double radius_px)
{
  return hypot (text_width / 2, text_height / 2) <= radius_px;
}

static void
label_init (const Placer *p, WaLabel *label, const char *text, double font_px, int weight,
            WaLabelRole role)
{
  font_px *= p->text_scale;
  *label = (WaLabel) { .text = text, .font_px = font_px, .weight = weight, .role = role,
                       .kind = WA_PLACE_CITY, .index = -1 };
  /* A little room round the text for its halo and breathing space. */
  label->width = wa_label_text_width (text, font_px) + 10;
  label->height = font_px * 1.4 + 6;
}

/* ---- each kind of name ------------------------------------------------- */

static void
place_places (Placer *p, WaLabelLayout *layout, WaPlaceKind first, WaPlaceKind last)
{
  GPtrArray *places = wa_atlas_get_places (layout->atlas);

  for (guint i = 0; i < layout->place_order->len; i++)
    {
      const WaPlace *place = g_ptr_array_index (places, g_array_index (layout->place_order, guint, i));
      const KindStyle *style;
      WaLabel label;

      if (place->kind < first || place->kind > last
          || (style = style_for (place, p->zoom)) == NULL || place->name == NULL)
        continue;
      label_init (p, &label, place->name, style->font_px, style->weight, WA_LABEL_PLACE);
      label.kind = place->kind;
      to_world (p, place->lon, place->lat, &label.anchor_x, &label.anchor_y);
      label.dot = p->zoom <= DOT_MAX_ZOOM && place->kind <= WA_PLACE_TOWN;
      if (label.dot)
        place_beside (p, &label);
      else
        try_at (p, &label, label.anchor_x, label.anchor_y);
    }
}

static void
place_areas (Placer *p, WaLabelLayout *layout, WaAreaKind kind)
{
  GPtrArray *areas = wa_atlas_get_areas (layout->atlas, kind);
  GArray *points = layout->area_points[kind == WA_AREA_REGION ? 1 : 0];
  gboolean region = kind == WA_AREA_REGION;

  for (guint i = 0; i < areas->len && i < points->len; i++)
    {
      const WaArea *area = g_ptr_array_index (areas, i);
      const AreaPoint *point = &g_array_index (points, AreaPoint, i);
      const char *text = region ? g_ptr_array_index (layout->region_names, i) : area->name;
      WaLabel label;

      if (text == NULL || *text == '\0' || isnan (point->lon))
        continue;
      label_init (p, &label, text, region ? 12.0 : 11.5,
                  region ? PANGO_WEIGHT_SEMIBOLD : PANGO_WEIGHT_MEDIUM,
                  region ? WA_LABEL_REGION : WA_LABEL_COUNCIL);
      if (region)   /* capitals, letter-spaced (see set_font) */
        label.width = g_utf8_strlen (text, -1) * (label.font_px * 0.78 + 2) + 10;
      label.index = (int) i;
      to_world (p, point->lon, point->lat, &label.anchor_x, &label.anchor_y);
      if (!fits_circle (label.width - 10, label.font_px * 1.2,
                        point->radius_m * px_per_metre (p, point->lat)))
        continue;
      try_at (p, &label, label.anchor_x, label.anchor_y);
    }
}

static void
place_ward (Placer *p, WaLabelLayout *layout, guint index)
{
  WaWard *ward = wa_atlas_get_ward (layout->atlas, index);
  double lon, lat, radius_m;
  WaLabel label;

  if (!wa_ward_get_label_point (ward, &lon, &lat, &radius_m))
    return;
  label_init (p, &label, wa_ward_get_name (ward), 11.0, PANGO_WEIGHT_NORMAL, WA_LABEL_WARD);
  if (!fits_circle (label.width - 10, label.font_px * 1.2, radius_m * px_per_metre (p, lat)))
    return;
  label.index = (int) index;
  to_world (p, lon, lat, &label.anchor_x, &label.anchor_y);
  try_at (p, &label, label.anchor_x, label.anchor_y);
}

static void
place_wards (Placer *p, WaLabelLayout *layout)
{
  /* Widest first, so where two names would overlap the ward with more
   * room keeps its name. */
  for (guint i = 0; i < layout->ward_order->len; i++)
    place_ward (p, layout, g_array_index (layout->ward_order, guint, i));
}

/* Motorway numbers repeat along a motorway no closer than SHIELD_SPACING_PX
 * (world pixels) to a shield of the same number; candidates are tried
 * every SHIELD_STEP_PX along each line, so a shield moves along the road
 * past a name rather than vanishing. */
#define SHIELD_SPACING_PX 220.0
#define SHIELD_STEP_PX 40.0

static gboolean
near_shield (GArray *points, double x, double y)
{
  for (guint i = 0; i < points->len; i += 2)
    if (hypot (g_array_index (points, double, i) - x,
               g_array_index (points, double, i + 1) - y) < SHIELD_SPACING_PX)
      return TRUE;
  return FALSE;
}

static void
place_road_shields (Placer *p, const WaRoad *road, GArray *points)
{
  double since = SHIELD_STEP_PX / 2, px = 0, py = 0;

  for (guint i = 0; i < road->n_points; i++)
    {
      double x, y;
      WaLabel label;

      to_world (p, road->xy[2 * i], road->xy[2 * i + 1], &x, &y);
      if (i > 0)
        since += hypot (x - px, y - py);
      px = x;
      py = y;
      if (since < SHIELD_STEP_PX || near_shield (points, x, y))
        continue;
      since = 0;
      label_init (p, &label, road->ref, 10.0, PANGO_WEIGHT_BOLD, WA_LABEL_MOTORWAY);
      label.width = wa_label_text_width (road->ref, label.font_px) + 10;
      label.height = label.font_px * 1.3 + 4;
      label.anchor_x = x;
      label.anchor_y = y;
      if (try_at (p, &label, x, y))
        {
          g_array_append_val (points, x);
          g_array_append_val (points, y);
        }
    }
}

static void
place_motorways (Placer *p, WaLabelLayout *layout)
{
  GPtrArray *roads = wa_roads_get_motorways (wa_atlas_get_roads (layout->atlas));
  g_autoptr(GHashTable) shields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_array_unref);

  for (guint i = 0; i < roads->len; i++)
    {
      const WaRoad *road = g_ptr_array_index (roads, i);
      GArray *points;

      if (road->ref == NULL)
        continue;
      points = g_hash_table_lookup (shields, road->ref);
      if (points == NULL)
        {
          points = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (shields, road->ref, points);
        }
      place_road_shields (p, road, points);
    }
}

/* Station names beside their symbol (drawn by the renderer), after every
 * other name: a station orients, a place or ward name identifies. */
static void
place_stations (Placer *p, WaLabelLayout *layout)
{
  GArray *stations = wa_roads_get_stations (wa_atlas_get_roads (layout->atlas));

  for (guint i = 0; i < stations->len; i++)
    {
      const WaStation *station = &g_array_index (stations, WaStation, i);
      WaLabel label;

      label_init (p, &label, station->name, 10.5, PANGO_WEIGHT_NORMAL, WA_LABEL_STATION);
      to_world (p, station->lon, station->lat, &label.anchor_x, &label.anchor_y);
      label.dot = TRUE;   /* the station symbol's box is kept clear */
      place_beside (p, &label);
    }
}

/* Every name of the placer's zoom, placed in its world; the focus
 * ward's name (if focus_ward >= 0) first of all. */
static void
place_all (Placer *p, WaLabelLayout *layout, int focus_ward)
{
  guint zoom = p->zoom;

  prepare (layout, zoom);
  if (focus_ward >= 0 && (guint) focus_ward < wa_atlas_get_n_wards (layout->atlas))
    place_ward (p, layout, (guint) focus_ward);
  /* Precedence: what orients a user at each zoom comes first. */
  place_places (p, layout, WA_PLACE_CITY, WA_PLACE_CITY);
  if (zoom >= REGION_MIN_ZOOM && zoom <= REGION_MAX_ZOOM)
    place_areas (p, layout, WA_AREA_REGION);
  place_places (p, layout, WA_PLACE_TOWN, WA_PLACE_TOWN);
  if (zoom >= COUNCIL_MIN_ZOOM && zoom <= COUNCIL_MAX_ZOOM)
    place_areas (p, layout, WA_AREA_LAD);
  if (zoom >= WARD_MIN_ZOOM)
    place_wards (p, layout);
  place_places (p, layout, WA_PLACE_TOWN + 1, WA_PLACE_OTHER);
  if (zoom >= WA_MOTORWAY_NUMBER_MIN_ZOOM)
    place_motorways (p, layout);
  if (zoom >= WA_STATION_NAME_MIN_ZOOM)
    place_stations (p, layout);
}

typedef struct {
  WaLabelLayout *layout;
  guint zoom;
} BackgroundPlacing;

static gpointer
place_thread (gpointer data)
{
  BackgroundPlacing *placing = data;

  wa_label_layout_get (placing->layout, placing->zoom);
  g_object_unref (placing->layout->atlas);
  g_free (placing);
  return NULL;
}

void
wa_label_layout_place_in_background (WaLabelLayout *layout, guint zoom)
{
  BackgroundPlacing *placing;

  g_return_if_fail (layout != NULL);
  placing = g_new (BackgroundPlacing, 1);
  placing->layout = layout;
  placing->zoom = zoom;
  /* The layout lives as long as its atlas (wa_label_layout_for_atlas). */
  g_object_ref (layout->atlas);
  g_thread_unref (g_thread_new ("wa-labels", place_thread, placing));
}

static void
compute (WaLabelLayout *layout, guint zoom)
{
  Grid *grid = grid_new ();
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  Placer p = { grid, boxes, g_array_new (FALSE, FALSE, sizeof (WaLabel)),
               256.0 * (1 << zoom), zoom, layout->text_scale };

  place_all (&p, layout, -1);
  layout->zooms[zoom] = p.placed;
  layout->grids[zoom] = grid;
  layout->boxes[zoom] = boxes;
}

GArray *
wa_label_layout_get (WaLabelLayout *layout, guint zoom)
{
  GArray *labels;

  zoom = MIN (zoom, MAX_ZOOM);
  g_mutex_lock (&layout->lock);
  if (layout->zooms[zoom] == NULL)
    compute (layout, zoom);
  labels = layout->zooms[zoom];
  g_mutex_unlock (&layout->lock);
  return labels;
}

GArray *
wa_label_layout_place_view (WaLabelLayout *layout, double world_px, int focus_ward)
{
  g_autoptr(Grid) grid = grid_new ();
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  /* Which kinds of name show follows the zoom the tiles use for this
   * scale (wa-tile-renderer.c); where they go and whether they fit follow
   * the scale itself. */
  guint zoom = (guint) CLAMP (floor (log2 (world_px / 256.0) + 0.25), 0, MAX_ZOOM);
  Placer p = { grid, boxes, g_array_new (FALSE, FALSE, sizeof (WaLabel)), world_px, zoom,
               layout->text_scale };

  g_mutex_lock (&layout->lock);
  place_all (&p, layout, focus_ward);
  g_mutex_unlock (&layout->lock);
  return p.placed;
}

gboolean
wa_label_layout_covers (WaLabelLayout *layout, guint zoom, double lon, double lat,
                        double radius_px)
{
  Placer p = { 0 };
  Box box;

  zoom = MIN (zoom, MAX_ZOOM);
  wa_label_layout_get (layout, zoom);
  /* The grid is immutable once made; only its creation needs the lock. */
  p.grid = layout->grids[zoom];
  p.boxes = layout->boxes[zoom];
  p.world_px = 256.0 * (1 << zoom);
  to_world (&p, lon, lat, &box.x, &box.y);
  box.width = box.height = 2 * radius_px;
  return collides (&p, &box);
}

/* ---- drawing ----------------------------------------------------------- */

static void
set_rgb (cairo_t *cr, const WaRgb *rgb, double alpha)
{
  cairo_set_source_rgba (cr, rgb->red, rgb->green, rgb->blue, alpha);
}

static void
set_font (PangoLayout *layout, const WaLabel *label)
{
  PangoFontDescription *font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, label->font_px * PANGO_SCALE);
  pango_font_description_set_weight (font, label->weight);
  /* Ward names in italics, so they never pass for the place names the
   * user may know from elsewhere. */
  if (label->role == WA_LABEL_WARD)
    pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, label->text, -1);
  if (label->role == WA_LABEL_REGION)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (2 * PANGO_SCALE));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  else
    pango_layout_set_attributes (layout, NULL);
}

static void
draw_dot (cairo_t *cr, double ax, double ay, const WaMapTheme *theme)
{
  cairo_new_path (cr);
  cairo_arc (cr, ax, ay, 2.6, 0, 2 * G_PI);
  set_rgb (cr, &theme->label_halo, 1);
  cairo_fill_preserve (cr);
  cairo_new_path (cr);
  cairo_arc (cr, ax, ay, DOT_RADIUS, 0, 2 * G_PI);
  set_rgb (cr, &theme->label_text, 1);
  cairo_fill (cr);
}

/* A motorway number as on the signs: white on blue, in a rounded box with
 * a thin white edge that separates it from any fill. */
static void
draw_shield (cairo_t *cr, PangoLayout *layout, double x, double y, int text_width,
             int text_height, const WaMapTheme *theme)
{
  double w = text_width + 6, h = text_height + 1, r = 2.5;
  double x0 = x - w / 2, y0 = y - h / 2;

  cairo_new_path (cr);
  cairo_arc (cr, x0 + w - r, y0 + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x0 + w - r, y0 + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x0 + r, y0 + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x0 + r, y0 + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  set_rgb (cr, &theme->shield, 1);
  cairo_fill_preserve (cr);
  set_rgb (cr, &theme->shield_text, 1);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  cairo_move_to (cr, x - text_width / 2.0, y - text_height / 2.0);
  pango_cairo_show_layout (cr, layout);
}

/* A halo spread from the glyphs' pixels (wa-text.c), opaque enough to
 * read on the darkest and palest fills; the dot (if any) inside it, a
 * DOT_RADIUS disc whose halo reaches about as far as draw_dot's. */
static gboolean
draw_with_halo (cairo_t *cr, PangoLayout *layout, double x, double y, const double *dot,
                const WaMapTheme *theme, double text_alpha)
{
  const WaRgb *halo = &theme->label_halo, *text = &theme->label_text;
  double halo_rgba[4] = { halo->red, halo->green, halo->blue, HALO_ALPHA };
  double text_rgba[4] = { text->red, text->green, text->blue, text_alpha };

  return wa_text_draw_with_halo (cr, layout, x, y, dot, halo_rgba, text_rgba);
}

void
wa_label_draw (cairo_t *cr, PangoLayout *layout, const WaLabel *label, double x, double y,
               double ax, double ay, const WaMapTheme *theme, gboolean vector)
{
  /* Region names are quieter: they name a wide area, not a point. */
  double text_alpha = label->role == WA_LABEL_REGION ? 0.72 : 1.0;
  double dot[3] = { ax, ay, DOT_RADIUS };
  gboolean with_dot;
  int text_width, text_height;

  set_font (layout, label);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  if (label->role == WA_LABEL_MOTORWAY)
    {
      draw_shield (cr, layout, x, y, text_width, text_height, theme);
      return;
    }
  with_dot = label->dot && label->role != WA_LABEL_STATION;
  x -= text_width / 2.0;
  y -= text_height / 2.0;
  if (!vector && draw_with_halo (cr, layout, x, y, with_dot ? dot : NULL, theme, text_alpha))
    return;
  if (with_dot)
    draw_dot (cr, ax, ay, theme);
  /* On PDF and print surfaces the halo is the text's outline, stroked:
   * a halo made of pixels would be an image in the document. */
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  set_rgb (cr, &theme->label_halo, 0.9);
  cairo_set_line_width (cr, 2.6);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  set_rgb (cr, &theme->label_text, text_alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

gboolean
wa_label_cover_hides (double lon, double lat, gpointer data)
{
  const WaLabelCover *cover = data;

  return wa_label_layout_covers (cover->labels, cover->zoom, lon, lat, cover->radius);
}
