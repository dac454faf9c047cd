/* wa-atlas-caches.c */
#include <math.h>

#include "wa-atlas-caches.h"
#include "wa-band-fill.h"
#include "wa-build-slot.h"
#include "wa-motorway-lines.h"
#include "wa-tile-renderer.h"

/* Motorway covers (wa_map_style_get_motorway_cover): the zoom, and the
 * device scales 1 and 2. */
/* Tiles from z7 to z9 fill the covers: on the tiles' raster that took a
 * fifth of the time of the strokes (z10 and beyond draw few, short lines,
 * whose covers are mostly round ends). */
#define COVER_MIN_ZOOM 7
#define COVER_MAX_ZOOM 9
#define N_COVER_ZOOMS (COVER_MAX_ZOOM - COVER_MIN_ZOOM + 1)
#define N_COVER_SCALES 2

/* Simplified motorway lines (wa-motorway-lines.h) are kept for detail
 * zooms from MOTORWAY_LINES_MIN_ZOOM (z7 tiles at 256 px, where
 * motorways are first drawn) up to (not including) MOTORWAY_LINES_MAX_ZOOM
 * (z13 at 256 px, z12 at 512 px: from there on they would drop under
 * 1 % of the points, and tiles draw the links), simplified to
 * MOTORWAY_TOLERANCE_PX device pixels. The pack's motorways are already
 * coarse (13,471 points in 3,981 chains), and a thin line's antialiased
 * edges show any shift: a third of a pixel drops 19 % of the points for
 * z7 tiles (4 % for z9) but changes up to 0.38 % of a tile's pixels by
 * more than 16/255, a tenth 8 % and 0.15 %, and 0.075 px, the most that
 * keeps every tile of test-render-motorways.c within 0.1 % (0.098 %),
 * drops 3.6 % for z7 and 1-1.5 % from z8: about what tiles dropped
 * before (points under half a pixel apart). What tiles gain is the
 * chains joined into fewer lines (fewer round caps) and the lines' form
 * (Mercator, lines and runs with boxes): 0.3-0.5 ms on the densest. */
#define MOTORWAY_LINES_MIN_ZOOM 6
#define MOTORWAY_LINES_MAX_ZOOM 13
#define MOTORWAY_TOLERANCE_PX 0.075

/* Ward outlines with each edge once (wa_map_style_get_ward_lines) are
 * kept per cell of the WARD_LINES_CELL_ZOOM tile grid, for the wards
 * whose boxes meet the cell grown by WARD_LINES_CELL_GROWTH of its side
 * on each side, so that every tile from z11 (where outlines are first
 * drawn) with its margin lies in one cell. London's cell has 30,700
 * ward edges, 18,400 once each; the whole country in one set would have
 * every tile look at every line's box, and a cell is made only where
 * someone looks. */
#define WARD_LINES_CELL_ZOOM 8
#define WARD_LINES_CELL_GROWTH (1.0 / 16)

/* The boundary lines kept: the councils', the regions'. */
enum { LINES_LAD, LINES_REGION, N_LINES };

/* The motorway covers for one theme line scale, by zoom, device scale
 * and part: NULL where GEOS failed. */
typedef struct {
  double line_scale;
  WaBuildSlot slots[N_COVER_ZOOMS][N_COVER_SCALES][WA_N_MOTORWAY_PARTS];
} CoverSet;

struct _WaAtlasCaches
{
  WaAtlas *atlas;          /* borrowed: the caches go with it (atlas_gone) */
  gint users;              /* styles holding them (wa_atlas_caches_hold) */
  /* Values made on first use, in WaBuildSlots under slot_lock. */
  GMutex slot_lock;
  /* Council and region lines with each edge once (WaBandFill), by
   * LINES_LAD... and whole detail zoom (wa_band_fill_zoom_index). */
  WaBuildSlot lines[N_LINES][WA_BAND_FILL_N_ZOOMS];
  GPtrArray *covers;       /* CoverSet, one per line scale asked for (in
                            * order: a set keeps its index) */
  GArray *motorway_steps;  /* WaRoadStep, every motorway once */
  /* The chains' simplified lines per whole detail zoom, made on first
   * use under motorway_lock. */
  GMutex motorway_lock;
  WaMotorwayLines *motorway_lines[MOTORWAY_LINES_MAX_ZOOM - MOTORWAY_LINES_MIN_ZOOM];
  /* Ward outlines (WaBandFill) in WaBuildSlots under slot_lock, by the
   * ward level's first zoom and the cell (wa_atlas_caches_get_ward_lines). */
  GHashTable *ward_lines;  /* guint64* -> WaBuildSlot* */
};

static void
cover_set_free (CoverSet *set)
{
  for (guint z = 0; z < N_COVER_ZOOMS; z++)
    for (guint s = 0; s < N_COVER_SCALES; s++)
      for (guint p = 0; p < WA_N_MOTORWAY_PARTS; p++)
        wa_motorway_cover_free (set->slots[z][s][p].made);
  g_free (set);
}

static void
caches_free (WaAtlasCaches *caches)
{
  for (guint k = 0; k < N_LINES; k++)
    for (guint z = 0; z < WA_BAND_FILL_N_ZOOMS; z++)
      wa_band_fill_free (caches->lines[k][z].made);
  g_ptr_array_unref (caches->covers);
  g_mutex_clear (&caches->slot_lock);
  g_array_unref (caches->motorway_steps);
  for (guint i = 0; i < G_N_ELEMENTS (caches->motorway_lines); i++)
    wa_motorway_lines_free (caches->motorway_lines[i]);
  g_mutex_clear (&caches->motorway_lock);
  g_hash_table_unref (caches->ward_lines);
  g_free (caches);
}

/* The caches, one per atlas, as the label layouts (wa-label-layout.c).
 * This table owns them; they go when their atlas does, which may be on a
 * tile-render or build thread that dropped its last reference, hence the
 * lock. */
G_LOCK_DEFINE_STATIC (all_caches);
static GHashTable *all_caches;   /* WaAtlas* (borrowed) -> WaAtlasCaches* */

static void
atlas_gone (gpointer data, GObject *atlas)
{
  WaAtlasCaches *caches;

  G_LOCK (all_caches);
  caches = g_hash_table_lookup (all_caches, atlas);
  g_hash_table_remove (all_caches, atlas);
  G_UNLOCK (all_caches);
  if (caches != NULL)
    caches_free (caches);
}

static GArray *motorway_steps_new (GPtrArray *roads);
static void ward_lines_slot_free (WaBuildSlot *slot);

/* The chains are made with the caches (as they were with each style),
 * outside the table's lock, so that tiles take them without a lock. */
static WaAtlasCaches *
caches_new (WaAtlas *atlas)
{
  WaAtlasCaches *caches = g_new0 (WaAtlasCaches, 1);

  caches->atlas = atlas;
  g_mutex_init (&caches->slot_lock);
  g_mutex_init (&caches->motorway_lock);
  caches->ward_lines = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify) ward_lines_slot_free);
  caches->covers = g_ptr_array_new_with_free_func ((GDestroyNotify) cover_set_free);
  caches->motorway_steps = motorway_steps_new (wa_roads_get_motorways (wa_atlas_get_roads (atlas)));
  return caches;
}

static WaAtlasCaches *
caches_lookup (WaAtlas *atlas)
{
  WaAtlasCaches *caches;

  G_LOCK (all_caches);
  caches = all_caches != NULL ? g_hash_table_lookup (all_caches, atlas) : NULL;
  G_UNLOCK (all_caches);
  return caches;
}

WaAtlasCaches *
wa_atlas_caches_for_atlas (WaAtlas *atlas)
{
  WaAtlasCaches *caches, *made;

  g_return_val_if_fail (WA_IS_ATLAS (atlas), NULL);
  caches = caches_lookup (atlas);
  if (caches != NULL)
    return caches;
  made = caches_new (atlas);
  G_LOCK (all_caches);
  if (all_caches == NULL)
    all_caches = g_hash_table_new (NULL, NULL);
  caches = g_hash_table_lookup (all_caches, atlas);
  if (caches == NULL)
    {
      caches = g_steal_pointer (&made);
      g_hash_table_insert (all_caches, atlas, caches);
      g_object_weak_ref (G_OBJECT (atlas), atlas_gone, NULL);
    }
  G_UNLOCK (all_caches);
  /* Another thread's came first. */
  if (made != NULL)
    caches_free (made);
  return caches;
}

void
wa_atlas_caches_hold (WaAtlasCaches *caches)
{
  g_atomic_int_inc (&caches->users);
}

void
wa_atlas_caches_release (WaAtlasCaches *caches)
{
  g_atomic_int_add (&caches->users, -1);
}

/* ---- motorway chains and lines ------------------------------------------- */

static const double *
road_end (const WaRoad *road)
{
  return &road->xy[2 * (road->n_points - 1)];
}

/* Links into chains, each followed from a link no other link leads into
 * where there is one: a link whose first point is another's last (the
 * same coordinates, as the pack stores them) continues that one's line,
 * the first such link found for a junction. Whatever is left (loops, the
 * other branches of a junction) starts chains of its own. */
static GArray *
motorway_steps_new (GPtrArray *roads)
{
  g_autoptr(GHashTable) starting = g_hash_table_new (wa_point_hash, wa_point_equal);
  g_autoptr(GHashTable) ends = g_hash_table_new (wa_point_hash, wa_point_equal);
  g_autofree gboolean *used = g_new0 (gboolean, roads->len);
  g_autofree guint *next_same_start = g_new (guint, roads->len);
  GArray *steps = g_array_sized_new (FALSE, FALSE, sizeof (WaRoadStep), roads->len);

  /* Links by first point, as lists threaded through next_same_start
   * (G_MAXUINT ends a list), in pack order. */
  for (guint i = roads->len; i-- > 0;)
    {
      const WaRoad *road = g_ptr_array_index (roads, i);
      gpointer head = g_hash_table_lookup (starting, road->xy);

      next_same_start[i] = head != NULL ? GPOINTER_TO_UINT (head) - 1 : G_MAXUINT;
      g_hash_table_insert (starting, road->xy, GUINT_TO_POINTER (i + 1));
      g_hash_table_add (ends, (gpointer) road_end (road));
    }
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < roads->len; i++)
      {
        const WaRoad *road = g_ptr_array_index (roads, i);
        gboolean continues = FALSE;
        guint r = i;

        if (used[i] || (pass == 0 && g_hash_table_contains (ends, road->xy)))
          continue;
        while (r != G_MAXUINT)
          {
            WaRoadStep step = { r, continues };
            gpointer head;

            used[r] = TRUE;
            g_array_append_val (steps, step);
            head = g_hash_table_lookup (starting, road_end (g_ptr_array_index (roads, r)));
            r = head != NULL ? GPOINTER_TO_UINT (head) - 1 : G_MAXUINT;
            while (r != G_MAXUINT && used[r])
              r = next_same_start[r];
            continues = TRUE;
          }
      }
  return steps;
}

const WaRoadStep *
wa_atlas_caches_get_motorway_steps (WaAtlasCaches *caches, guint *n_steps)
{
  g_return_val_if_fail (caches != NULL, NULL);
  *n_steps = caches->motorway_steps->len;
  return (const WaRoadStep *) caches->motorway_steps->data;
}

/* Built in the calling thread under the lock: a build takes a few ms,
 * once per zoom, and a second tile thread wanting the same zoom meanwhile
 * would only have built the same lines itself (the machine's cores are
 * better left to the other tiles than to a duplicate build). */
const WaMotorwayLines *
wa_atlas_caches_get_motorway_lines (WaAtlasCaches *caches, double detail_zoom)
{
  /* The zoom at or above detail_zoom, so that fractional zooms stay
   * within the tolerance. */
  double whole = ceil (detail_zoom - 1e-9);
  WaMotorwayLines **slot;
  WaMotorwayLines *lines;

  g_return_val_if_fail (caches != NULL, NULL);
  if (!(whole >= MOTORWAY_LINES_MIN_ZOOM && whole < MOTORWAY_LINES_MAX_ZOOM))
    return NULL;
  slot = &caches->motorway_lines[(guint) (whole - MOTORWAY_LINES_MIN_ZOOM)];
  g_mutex_lock (&caches->motorway_lock);
  if (*slot == NULL)
    *slot = wa_motorway_lines_new (wa_roads_get_motorways (wa_atlas_get_roads (caches->atlas)),
                                   (const WaRoadStep *) caches->motorway_steps->data,
                                   caches->motorway_steps->len, whole, MOTORWAY_TOLERANCE_PX);
  lines = *slot;
  g_mutex_unlock (&caches->motorway_lock);
  return lines;
}

/* ---- background builds ---------------------------------------------------- */

/* A queued build keeps the atlas, and so the caches, alive; it touches no
 * style. */
static gpointer
caches_hold (gpointer owner)
{
  g_object_ref (((WaAtlasCaches *) owner)->atlas);
  return owner;
}

static void
caches_release (gpointer owner)
{
  g_object_unref (((WaAtlasCaches *) owner)->atlas);
}

static gboolean
caches_wanted (gpointer owner)
{
  return g_atomic_int_get (&((WaAtlasCaches *) owner)->users) > 0;
}

/* ---- boundary lines ------------------------------------------------------ */

static gpointer
lines_build (gpointer owner, guint which, guint zoom_index)
{
  WaAtlasCaches *caches = owner;

  return wa_area_lines_new (caches->atlas, which == LINES_LAD ? WA_AREA_LAD : WA_AREA_REGION,
                            wa_band_fill_index_zoom (zoom_index));
}

static const WaSlotKind lines_kind = {
  lines_build, (GDestroyNotify) wa_band_fill_free, caches_hold, caches_release, caches_wanted,
};

/* The lines of kind at detail_zoom through fetch, kept by the first zoom
 * of the pack's level drawing detail_zoom (its zooms draw the same
 * geometry: every tile from z9 the full geometry); NULL for other kinds
 * and where that zoom is outside the kept zooms. */
static const WaBandFill *
lines_fetch (WaAtlasCaches *caches, WaAreaKind kind, double detail_zoom, WaSlotFetchFunc fetch)
{
  WaSlotOrder order = { &caches->slot_lock, NULL, &lines_kind, caches, 0, 0 };

  if (kind == WA_AREA_LAD)
    order.row = LINES_LAD;
  else if (kind == WA_AREA_REGION)
    order.row = LINES_REGION;
  else
    return NULL;
  if (!wa_band_fill_zoom_index (wa_atlas_get_area_level_zoom (caches->atlas, kind, detail_zoom),
                                &order.column))
    return NULL;
  order.slot = &caches->lines[order.row][order.column];
  return fetch (&order);
}

const WaBandFill *
wa_atlas_caches_get_area_lines (WaAtlasCaches *caches, WaAreaKind kind, double detail_zoom)
{
  g_return_val_if_fail (caches != NULL, NULL);
  return lines_fetch (caches, kind, detail_zoom, wa_build_slot_get);
}

const WaBandFill *
wa_atlas_caches_try_area_lines (WaAtlasCaches *caches, WaAreaKind kind, double detail_zoom)
{
  g_return_val_if_fail (caches != NULL, NULL);
  return lines_fetch (caches, kind, detail_zoom, wa_build_slot_try);
}

/* ---- ward outlines --------------------------------------------------------- */

/* The ward-lines grid's cell (row * cells per side + column), grown, in
 * Mercator units. */
static WaBBox
ward_lines_cell_box (guint cell)
{
  double n = exp2 (WARD_LINES_CELL_ZOOM), grow = WARD_LINES_CELL_GROWTH / n;
  double column = cell % (guint) n, row = cell / (guint) n;

  return (WaBBox) { column / n - grow, row / n - grow, (column + 1) / n + grow, (row + 1) / n + grow };
}

/* The cell of the ward-lines grid holding view (Mercator units) as its
 * index; FALSE if none holds it. */
static gboolean
ward_lines_cell (const WaBBox *view, guint *cell)
{
  double n = exp2 (WARD_LINES_CELL_ZOOM);
  double column = floor (0.5 * (view->min_x + view->max_x) * n);
  double row = floor (0.5 * (view->min_y + view->max_y) * n);
  WaBBox box;

  if (!(column >= 0 && column < n && row >= 0 && row < n))
    return FALSE;
  *cell = (guint) (row * n + column);
  box = ward_lines_cell_box (*cell);
  return view->min_x >= box.min_x && view->max_x <= box.max_x
         && view->min_y >= box.min_y && view->max_y <= box.max_y;
}

/* The outlines of the wards whose boxes meet the cell, grown, at zoom
 * (the first of a ward level's zooms). */
static gpointer
ward_lines_build (gpointer owner, guint zoom, guint cell)
{
  WaAtlasCaches *caches = owner;
  g_autoptr(GArray) wards = g_array_new (FALSE, FALSE, sizeof (guint));
  WaBBox box = ward_lines_cell_box (cell), lonlat;

  /* Mercator y runs south, latitude north. */
  wa_mercator_to_lonlat (box.min_x, box.max_y, &lonlat.min_x, &lonlat.min_y);
  wa_mercator_to_lonlat (box.max_x, box.min_y, &lonlat.max_x, &lonlat.max_y);
  wa_atlas_query_wards (caches->atlas, &lonlat, wards);
  return wa_ward_lines_new (caches->atlas, (const guint *) wards->data, wards->len, zoom);
}

static const WaSlotKind ward_lines_kind = {
  ward_lines_build, (GDestroyNotify) wa_band_fill_free, caches_hold, caches_release, caches_wanted,
};

static void
ward_lines_slot_free (WaBuildSlot *slot)
{
  wa_band_fill_free (slot->made);
  g_free (slot);
}

/* Made in the calling thread, outside the lock, as the boundary lines'
 * get: 10-25 ms a cell, once. */
const WaBandFill *
wa_atlas_caches_get_ward_lines (WaAtlasCaches *caches, double detail_zoom, const WaBBox *view)
{
  WaSlotOrder order = { NULL, NULL, &ward_lines_kind, caches, 0, 0 };
  double level_zoom;
  guint64 key;

  g_return_val_if_fail (caches != NULL, NULL);
  order.lock = &caches->slot_lock;
  /* Rows by the ward level's first zoom: the zooms of a level all draw
   * the same geometry, so share its lines. */
  level_zoom = wa_atlas_get_ward_level_zoom (caches->atlas, detail_zoom);
  if (!(level_zoom >= 0 && level_zoom < 64) || !ward_lines_cell (view, &order.column))
    return NULL;
  order.row = (guint) level_zoom;
  key = ((guint64) order.row << 32) | order.column;
  g_mutex_lock (&caches->slot_lock);
  order.slot = g_hash_table_lookup (caches->ward_lines, &key);
  if (order.slot == NULL)
    {
      order.slot = g_new0 (WaBuildSlot, 1);
      g_hash_table_insert (caches->ward_lines, g_memdup2 (&key, sizeof key), order.slot);
    }
  g_mutex_unlock (&caches->slot_lock);
  return wa_build_slot_get (&order);
}

/* ---- motorway covers ----------------------------------------------------- */

/* The covers for line_scale, kept from first use as long as the caches,
 * and their index. */
static CoverSet *
cover_set (WaAtlasCaches *caches, double line_scale, guint *index)
{
  CoverSet *set;

  g_mutex_lock (&caches->slot_lock);
  for (*index = 0; *index < caches->covers->len; (*index)++)
    if (((CoverSet *) g_ptr_array_index (caches->covers, *index))->line_scale == line_scale)
      break;
  if (*index == caches->covers->len)
    {
      CoverSet *added = g_new0 (CoverSet, 1);

      added->line_scale = line_scale;
      g_ptr_array_add (caches->covers, added);
    }
  set = g_ptr_array_index (caches->covers, *index);
  g_mutex_unlock (&caches->slot_lock);
  return set;
}

/* A cover's row in the slots: its set's index, zoom and device scale
 * (0 for 1, 1 for 2). */
static guint
cover_row (guint index, guint zoom, guint scale)
{
  return (index * N_COVER_ZOOMS + zoom - COVER_MIN_ZOOM) * N_COVER_SCALES + scale;
}

/* The cover for row (cover_row) and part, at the set's line scale: NULL
 * where there are no lines at that zoom or GEOS failed. */
static gpointer
cover_build (gpointer owner, guint row, guint part)
{
  WaAtlasCaches *caches = owner;
  const WaMotorwayLines *lines;
  guint zoom = COVER_MIN_ZOOM + row / N_COVER_SCALES % N_COVER_ZOOMS;
  double line_scale, line, casing, radius;

  g_mutex_lock (&caches->slot_lock);
  line_scale = ((CoverSet *) g_ptr_array_index (caches->covers,
                                                row / N_COVER_SCALES / N_COVER_ZOOMS))->line_scale;
  g_mutex_unlock (&caches->slot_lock);
  wa_motorway_widths (zoom, line_scale, &line, &casing);
  /* Style pixels to Mercator units: a world is 256 * 2^zoom of them. */
  radius = (part == WA_MOTORWAY_CASING ? casing : line) / 2 / (256.0 * (1 << zoom));
  lines = wa_atlas_caches_get_motorway_lines (caches, wa_tile_detail_zoom (zoom,
                                                                           row % N_COVER_SCALES + 1.0));
  return lines == NULL || radius <= 0 ? NULL : wa_motorway_cover_new (lines, radius);
}

static const WaSlotKind cover_kind = {
  cover_build, (GDestroyNotify) wa_motorway_cover_free, caches_hold, caches_release, caches_wanted,
};

/* The cover for tiles at zoom and device_scale through fetch; NULL where
 * tiles stroke the motorways. */
static const WaBoxedLines *
cover_fetch (WaAtlasCaches *caches, double zoom, double device_scale, double line_scale,
             WaMotorwayPart part, WaSlotFetchFunc fetch)
{
  WaSlotOrder order = { &caches->slot_lock, NULL, &cover_kind, caches, 0, part };
  guint scale = device_scale == 1 ? 0 : 1, index;
  CoverSet *set;

  if (zoom != floor (zoom) || zoom < COVER_MIN_ZOOM || zoom > COVER_MAX_ZOOM
      || (device_scale != 1 && device_scale != 2))
    return NULL;
  set = cover_set (caches, line_scale, &index);
  order.row = cover_row (index, (guint) zoom, scale);
  order.slot = &set->slots[(guint) zoom - COVER_MIN_ZOOM][scale][part];
  return fetch (&order);
}

const WaBoxedLines *
wa_atlas_caches_get_motorway_cover (WaAtlasCaches *caches, double zoom, double device_scale,
                                    double line_scale, WaMotorwayPart part)
{
  g_return_val_if_fail (caches != NULL && part < WA_N_MOTORWAY_PARTS, NULL);
  return cover_fetch (caches, zoom, device_scale, line_scale, part, wa_build_slot_get);
}

const WaBoxedLines *
wa_atlas_caches_try_motorway_cover (WaAtlasCaches *caches, double zoom, double device_scale,
                                    double line_scale, WaMotorwayPart part)
{
  g_return_val_if_fail (caches != NULL && part < WA_N_MOTORWAY_PARTS, NULL);
  return cover_fetch (caches, zoom, device_scale, line_scale, part, wa_build_slot_try);
}
