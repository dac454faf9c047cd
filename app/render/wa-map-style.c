/* wa-map-style.c */
#include <math.h>

#include "wa-map-style.h"
#include "wa-change-style.h"
#include "wa-label-layout.h"
#include "wa-band-fill.h"
#include "wa-motorway-lines.h"
#include "wa-tile-renderer.h"

/* Dissolved band fills are kept for detail zooms from BAND_FILL_MIN_ZOOM
 * up to (not including) BAND_FILL_MAX_ZOOM, one per whole zoom (the
 * pack's levels change only at whole zooms). */
#define BAND_FILL_MIN_ZOOM (-4)
#define BAND_FILL_MAX_ZOOM 10

/* Motorway covers (wa_map_style_get_motorway_cover): the zoom, and the
 * device scales 1 and 2. */
#define MOTORWAY_COVER_ZOOM 9
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

/* Which band fill cache: the band fills, the council lines, the region
 * lines. */
enum { CACHE_FILL, CACHE_LAD, CACHE_REGION, N_CACHES };

/* One value the style makes on first use, in the calling thread or the
 * background thread (slot_get, slot_try): a band fill or boundary lines
 * at one zoom, or a motorway cover at one scale. Guarded by slot_lock. */
typedef struct {
  gpointer made;
  gboolean done;       /* made; made may still be NULL (a cover of no lines) */
  gboolean queued;     /* asked of the background thread */
} BuildSlot;

struct _WaMapStyle
{
  gatomicrefcount ref_count;
  WaAtlas *atlas;
  WaPalette palette;
  WaMapTheme theme;
  guint n_wards;
  guint n_ranked;
  gint8 *bands;          /* per ward: band, or -1 for no data */
  gboolean *left_behind;
  WaLabelLayout *labels;   /* shared by the atlas's styles (wa-label-layout.c) */
  char *method;            /* the rank method in words, as of the snapshot */
  gboolean change;         /* the change view: bands are WaChangeShade */
  GArray *motorway_steps;  /* WaRoadStep, every motorway once */
  /* The neighbourhood layer, when the theme asks for it (else n_lsoas 0). */
  guint n_lsoas;
  WaIndicator lsoa_indicator;
  gint8 *lsoa_bands;       /* per LSOA: decile - 1, or -1 */
  gboolean *lsoa_flagged;
  /* Values made on first use, in BuildSlots under slot_lock. */
  GMutex slot_lock;
  /* Dissolved band fills (wa-band-fill.h) and council and region lines
   * with each edge once (WaBandFill), by cache (CACHE_FILL...) and whole
   * detail zoom. */
  BuildSlot caches[N_CACHES][BAND_FILL_MAX_ZOOM - BAND_FILL_MIN_ZOOM];
  /* Simplified motorway lines per whole detail zoom, made on first use. */
  GMutex motorway_lock;
  WaMotorwayLines *motorway_lines[MOTORWAY_LINES_MAX_ZOOM - MOTORWAY_LINES_MIN_ZOOM];
  /* Their covers for z9 tiles (WaBoxedLines), by device scale and part:
   * NULL where GEOS failed. */
  BuildSlot motorway_covers[N_COVER_SCALES][WA_N_MOTORWAY_PARTS];
};

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

/* Deciles and flags snapshotted once (the renderer computes nothing). */
static void
snapshot_lsoas (WaMapStyle *style)
{
  WaLsoas *lsoas = wa_atlas_get_lsoas (style->atlas);

  style->n_lsoas = wa_lsoas_get_n (lsoas);
  style->lsoa_indicator = wa_lsoas_map_indicator (lsoas);
  style->lsoa_bands = g_new (gint8, style->n_lsoas);
  style->lsoa_flagged = g_new (gboolean, style->n_lsoas);
  for (guint i = 0; i < style->n_lsoas; i++)
    {
      const WaLsoa *lsoa = wa_lsoas_get (lsoas, i);
      guint decile = wa_lsoas_decile (lsoas, lsoa, style->lsoa_indicator);

      style->lsoa_bands[i] = decile > 0 ? (gint8) (decile - 1) : -1;
      style->lsoa_flagged[i] = wa_lsoas_flag (lsoas, lsoa, WA_LSOA_MAP_FLAG) == 1;
    }
}

WaMapStyle *
wa_map_style_new (WaAtlas *atlas, WaPalette palette)
{
  WaMapTheme theme;

  wa_map_theme_init (&theme, FALSE, FALSE);
  return wa_map_style_new_themed (atlas, palette, &theme);
}

WaMapStyle *
wa_map_style_new_themed (WaAtlas *atlas, WaPalette palette, const WaMapTheme *theme)
{
  WaMapStyle *style;

  g_return_val_if_fail (WA_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (theme != NULL, NULL);

  style = g_new0 (WaMapStyle, 1);
  g_mutex_init (&style->slot_lock);
  g_mutex_init (&style->motorway_lock);
  g_atomic_ref_count_init (&style->ref_count);
  style->atlas = g_object_ref (atlas);
  style->palette = palette;
  style->theme = *theme;
  /* Large text makes larger names, placed apart from the normal ones. */
  style->labels = wa_label_layout_for_atlas_scaled (atlas, theme->text_scale > 0 ? theme->text_scale : 1.0);
  style->method = wa_rank_params_describe (wa_atlas_get_rank_params (atlas));
  style->n_wards = wa_atlas_get_n_wards (atlas);
  style->bands = g_new (gint8, style->n_wards);
  style->left_behind = g_new (gboolean, style->n_wards);
  style->motorway_steps = motorway_steps_new (wa_roads_get_motorways (wa_atlas_get_roads (atlas)));

  /* Bands are shares of the wards that have a combined rank under the
   * current method, which may be fewer than either index ranks. */
  for (guint i = 0; i < style->n_wards; i++)
    if (wa_ward_get_combined_rank (wa_atlas_get_ward (atlas, i)) > 0)
      style->n_ranked++;
  for (guint i = 0; i < style->n_wards; i++)
    {
      WaWard *ward = wa_atlas_get_ward (atlas, i);
      guint rank = wa_ward_get_combined_rank (ward);

      style->bands[i] = rank > 0 ? (gint8) wa_palette_band_for_rank (rank, style->n_ranked) : -1;
      style->left_behind[i] = wa_ward_get_left_behind (ward);
    }
  if (theme->lsoas)
    snapshot_lsoas (style);
  return style;
}

WaMapStyle *
wa_map_style_new_change (WaAtlas *atlas, WaChange *change, WaPalette palette,
                         const WaMapTheme *theme)
{
  WaMapStyle *style;

  g_return_val_if_fail (WA_IS_CHANGE (change), NULL);
  style = wa_map_style_new_themed (atlas, palette, theme);
  g_return_val_if_fail (style != NULL, NULL);
  style->change = TRUE;
  /* The change view compares wards: no neighbourhood layer. */
  style->n_lsoas = 0;
  for (guint i = 0; i < style->n_wards; i++)
    {
      const WaWardChange *c = wa_change_lookup (change, wa_ward_get_code (wa_atlas_get_ward (atlas, i)));

      style->bands[i] = c != NULL ? (gint8) wa_change_shade_of (c->category, c->partly) : -1;
    }
  return style;
}

gboolean
wa_map_style_is_change (WaMapStyle *style)
{
  return style->change;
}

WaMapStyle *
wa_map_style_ref (WaMapStyle *style)
{
  g_return_val_if_fail (style != NULL, NULL);
  g_atomic_ref_count_inc (&style->ref_count);
  return style;
}

void
wa_map_style_unref (WaMapStyle *style)
{
  g_return_if_fail (style != NULL);
  if (!g_atomic_ref_count_dec (&style->ref_count))
    return;
  g_object_unref (style->atlas);
  g_free (style->bands);
  g_free (style->left_behind);
  g_free (style->lsoa_bands);
  g_free (style->lsoa_flagged);
  g_free (style->method);
  g_array_unref (style->motorway_steps);
  for (guint c = 0; c < G_N_ELEMENTS (style->caches); c++)
    for (guint i = 0; i < G_N_ELEMENTS (style->caches[c]); i++)
      wa_band_fill_free (style->caches[c][i].made);
  g_mutex_clear (&style->slot_lock);
  for (guint i = 0; i < G_N_ELEMENTS (style->motorway_lines); i++)
    wa_motorway_lines_free (style->motorway_lines[i]);
  for (guint s = 0; s < N_COVER_SCALES; s++)
    for (guint p = 0; p < WA_N_MOTORWAY_PARTS; p++)
      wa_motorway_cover_free (style->motorway_covers[s][p].made);
  g_mutex_clear (&style->motorway_lock);
  g_free (style);
}

WaAtlas *
wa_map_style_get_atlas (WaMapStyle *style)
{
  return style->atlas;
}

WaPalette
wa_map_style_get_palette (WaMapStyle *style)
{
  return style->palette;
}

const WaMapTheme *
wa_map_style_get_theme (WaMapStyle *style)
{
  return &style->theme;
}

guint
wa_map_style_get_n_ranked (WaMapStyle *style)
{
  return style->n_ranked;
}

/* -1 for no data. */
int
wa_map_style_get_ward_band (WaMapStyle *style, guint ward_index)
{
  g_return_val_if_fail (ward_index < style->n_wards, -1);
  return style->bands[ward_index];
}

gboolean
wa_map_style_get_ward_fill (WaMapStyle *style, guint ward_index, WaRgb *out)
{
  int band = wa_map_style_get_ward_band (style, ward_index);

  if (band < 0)
    {
      wa_palette_no_data_color (out);
      return FALSE;
    }
  if (style->change)
    wa_change_shade_color ((WaChangeShade) band, out);
  else
    wa_palette_band_color (style->palette, band, out);
  return TRUE;
}

gboolean
wa_map_style_is_left_behind (WaMapStyle *style, guint ward_index)
{
  g_return_val_if_fail (ward_index < style->n_wards, FALSE);
  return style->left_behind[ward_index];
}

WaLabelLayout *
wa_map_style_get_label_layout (WaMapStyle *style)
{
  return style->labels;
}

const WaRoadStep *
wa_map_style_get_motorway_steps (WaMapStyle *style, guint *n_steps)
{
  *n_steps = style->motorway_steps->len;
  return (const WaRoadStep *) style->motorway_steps->data;
}

/* Built in the calling thread under the lock: a build takes a few ms,
 * once per zoom, and a second tile thread wanting the same zoom meanwhile
 * would only have built the same lines itself (the machine's cores are
 * better left to the other tiles than to a duplicate build). */
const WaMotorwayLines *
wa_map_style_get_motorway_lines (WaMapStyle *style, double detail_zoom)
{
  /* The zoom at or above detail_zoom, so that fractional zooms stay
   * within the tolerance. */
  double whole = ceil (detail_zoom - 1e-9);
  WaMotorwayLines **slot;
  WaMotorwayLines *lines;

  g_return_val_if_fail (style != NULL, NULL);
  if (!(whole >= MOTORWAY_LINES_MIN_ZOOM && whole < MOTORWAY_LINES_MAX_ZOOM))
    return NULL;
  slot = &style->motorway_lines[(guint) (whole - MOTORWAY_LINES_MIN_ZOOM)];
  g_mutex_lock (&style->motorway_lock);
  if (*slot == NULL)
    *slot = wa_motorway_lines_new (wa_roads_get_motorways (wa_atlas_get_roads (style->atlas)),
                                   (const WaRoadStep *) style->motorway_steps->data,
                                   style->motorway_steps->len, whole, MOTORWAY_TOLERANCE_PX);
  lines = *slot;
  g_mutex_unlock (&style->motorway_lock);
  return lines;
}

void
wa_map_style_get_motorway_widths (WaMapStyle *style, double zoom, double *line, double *casing)
{
  double width = zoom < 9 ? 1.0 : zoom < 11 ? 1.6 : zoom < 13 ? 2.4 : 3.2;

  *line = width * style->theme.line_scale;
  *casing = zoom >= 9 ? *line + 2.0 : 0;
}

const char *
wa_map_style_get_method_description (WaMapStyle *style)
{
  return style->method;
}

gboolean
wa_map_style_shows_lsoas (WaMapStyle *style)
{
  return style->n_lsoas > 0 && !style->change;
}

gboolean
wa_map_style_shows_lsoas_at (WaMapStyle *style, double zoom)
{
  return wa_map_style_shows_lsoas (style) && zoom >= WA_LSOA_MIN_ZOOM;
}

WaIndicator
wa_map_style_get_lsoa_indicator (WaMapStyle *style)
{
  return style->lsoa_indicator;
}

int
wa_map_style_get_lsoa_band (WaMapStyle *style, guint lsoa_index)
{
  g_return_val_if_fail (lsoa_index < style->n_lsoas, -1);
  return style->lsoa_bands[lsoa_index];
}

gboolean
wa_map_style_is_lsoa_flagged (WaMapStyle *style, guint lsoa_index)
{
  g_return_val_if_fail (lsoa_index < style->n_lsoas, FALSE);
  return style->lsoa_flagged[lsoa_index];
}

/* ---- slots built on first use -------------------------------------------- */

/* Makes the value of the slot at (row, column) of its table (cache and
 * zoom for the band fills, scale and part for the covers); NULL is a
 * value too. */
typedef gpointer (*SlotBuildFunc) (WaMapStyle *style, guint row, guint column);

/* A slot with how its value is made and freed: all that a background
 * build needs, so that the band fills and the motorway covers share one
 * mechanism. */
typedef struct {
  BuildSlot *slot;
  SlotBuildFunc build;
  GDestroyNotify free;
  guint row;
  guint column;
} SlotOrder;

/* Whether the slot is made, with its value in made. */
static gboolean
slot_read (WaMapStyle *style, BuildSlot *slot, gpointer *made)
{
  gboolean done;

  g_mutex_lock (&style->slot_lock);
  *made = slot->made;
  done = slot->done;
  g_mutex_unlock (&style->slot_lock);
  return done;
}

/* The slot's value, made in the calling thread if not made yet. The
 * build runs outside the lock, which tiles take: two threads may both
 * build, the first result is kept and the other freed. */
static gpointer
slot_get (WaMapStyle *style, const SlotOrder *order)
{
  BuildSlot *slot = order->slot;
  gpointer made;

  if (slot_read (style, slot, &made))
    return made;
  made = order->build (style, order->row, order->column);
  g_mutex_lock (&style->slot_lock);
  if (!slot->done)
    {
      slot->made = made;
      slot->done = TRUE;
    }
  else
    g_clear_pointer (&made, order->free);
  made = slot->made;
  g_mutex_unlock (&style->slot_lock);
  return made;
}

/* A background build: the style is held until it runs. */
typedef struct {
  WaMapStyle *style;
  SlotOrder order;
} BuildJob;

static void
build_job_run (gpointer data, gpointer user_data)
{
  BuildJob *job = data;

  /* A style no one holds any more (the method or palette changed again
   * meanwhile) is not worth the work. */
  if (!g_atomic_ref_count_compare (&job->style->ref_count, 1))
    slot_get (job->style, &job->order);
  wa_map_style_unref (job->style);
  g_free (job);
}

/* One background thread for all styles' builds. */
static GThreadPool *
build_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (build_job_run, NULL, 1, FALSE, NULL));
  return pool;
}

static void
build_queue (WaMapStyle *style, const SlotOrder *order)
{
  BuildJob *job = g_new0 (BuildJob, 1);

  job->style = wa_map_style_ref (style);
  job->order = *order;
  g_thread_pool_push (build_pool (), job, NULL);
}

/* The slot's value if made; else asks the background thread for it
 * (once) and returns NULL, so that a tile never waits for it. */
static gpointer
slot_try (WaMapStyle *style, const SlotOrder *order)
{
  BuildSlot *slot = order->slot;
  gpointer made;
  gboolean queue;

  if (slot_read (style, slot, &made))
    return made;
  /* Checked again under the lock: only the first to ask queues a build,
   * and not once one is made meanwhile. */
  g_mutex_lock (&style->slot_lock);
  queue = !slot->done && !slot->queued;
  slot->queued = TRUE;
  g_mutex_unlock (&style->slot_lock);
  if (queue)
    build_queue (style, order);
  return NULL;
}

/* slot_get or slot_try: the public get and try functions differ only in
 * this. */
typedef gpointer (*SlotFetchFunc) (WaMapStyle *style, const SlotOrder *order);

/* ---- dissolved band fills and boundary lines ---------------------------- */

/* The band fills (which CACHE_FILL) or the council or region lines at
 * the whole zoom of zoom_index. */
static gpointer
area_build (WaMapStyle *style, guint which, guint zoom_index)
{
  double whole = BAND_FILL_MIN_ZOOM + (double) zoom_index;

  if (which == CACHE_FILL)
    return wa_band_fill_new (style->atlas, style->bands, style->n_wards, WA_N_BANDS + 1, whole);
  return wa_area_lines_new (style->atlas, which == CACHE_LAD ? WA_AREA_LAD : WA_AREA_REGION,
                            whole);
}

/* Cache which at detail_zoom's whole zoom (the pack's levels change only
 * there) through fetch; NULL outside the kept zooms. */
static const WaBandFill *
area_fetch (WaMapStyle *style, guint which, double detail_zoom, SlotFetchFunc fetch)
{
  double whole = floor (detail_zoom);
  SlotOrder order = { NULL, area_build, (GDestroyNotify) wa_band_fill_free, which, 0 };

  if (which >= N_CACHES || !(whole >= BAND_FILL_MIN_ZOOM && whole < BAND_FILL_MAX_ZOOM))
    return NULL;
  order.column = (guint) (whole - BAND_FILL_MIN_ZOOM);
  order.slot = &style->caches[which][order.column];
  return fetch (style, &order);
}

static guint
which_of_kind (WaAreaKind kind)
{
  return kind == WA_AREA_LAD ? CACHE_LAD : kind == WA_AREA_REGION ? CACHE_REGION : N_CACHES;
}

const WaBandFill *
wa_map_style_get_band_fill (WaMapStyle *style, double detail_zoom)
{
  g_return_val_if_fail (style != NULL, NULL);
  return area_fetch (style, CACHE_FILL, detail_zoom, slot_get);
}

const WaBandFill *
wa_map_style_get_area_lines (WaMapStyle *style, WaAreaKind kind, double detail_zoom)
{
  g_return_val_if_fail (style != NULL, NULL);
  return area_fetch (style, which_of_kind (kind), detail_zoom, slot_get);
}

const WaBandFill *
wa_map_style_try_band_fill (WaMapStyle *style, double detail_zoom)
{
  g_return_val_if_fail (style != NULL, NULL);
  return area_fetch (style, CACHE_FILL, detail_zoom, slot_try);
}

const WaBandFill *
wa_map_style_try_area_lines (WaMapStyle *style, WaAreaKind kind, double detail_zoom)
{
  g_return_val_if_fail (style != NULL, NULL);
  return area_fetch (style, which_of_kind (kind), detail_zoom, slot_try);
}

/* ---- motorway covers ----------------------------------------------------- */

/* The cover for scale slot (0 for device scale 1, 1 for 2) and part:
 * NULL where there are no lines at that zoom or GEOS failed. */
static gpointer
cover_build (WaMapStyle *style, guint scale, guint part)
{
  const WaMotorwayLines *lines;
  double line, casing, radius;

  wa_map_style_get_motorway_widths (style, MOTORWAY_COVER_ZOOM, &line, &casing);
  /* Style pixels to Mercator units: a world is 256 * 2^zoom of them. */
  radius = (part == WA_MOTORWAY_CASING ? casing : line) / 2 / (256.0 * (1 << MOTORWAY_COVER_ZOOM));
  lines = wa_map_style_get_motorway_lines (style, wa_tile_detail_zoom (MOTORWAY_COVER_ZOOM, scale + 1.0));
  return lines == NULL ? NULL : wa_motorway_cover_new (lines, radius);
}

/* The cover for tiles at zoom and device_scale through fetch; NULL where
 * tiles stroke the motorways. */
static const WaBoxedLines *
cover_fetch (WaMapStyle *style, double zoom, double device_scale, WaMotorwayPart part,
             SlotFetchFunc fetch)
{
  SlotOrder order = { NULL, cover_build, (GDestroyNotify) wa_motorway_cover_free, 0, part };

  if (zoom != MOTORWAY_COVER_ZOOM || (device_scale != 1 && device_scale != 2))
    return NULL;
  order.row = device_scale == 1 ? 0 : 1;
  order.slot = &style->motorway_covers[order.row][part];
  return fetch (style, &order);
}

const WaBoxedLines *
wa_map_style_get_motorway_cover (WaMapStyle *style, double zoom, double device_scale,
                                 WaMotorwayPart part)
{
  g_return_val_if_fail (style != NULL && part < WA_N_MOTORWAY_PARTS, NULL);
  return cover_fetch (style, zoom, device_scale, part, slot_get);
}

const WaBoxedLines *
wa_map_style_try_motorway_cover (WaMapStyle *style, double zoom, double device_scale,
                                 WaMotorwayPart part)
{
  g_return_val_if_fail (style != NULL && part < WA_N_MOTORWAY_PARTS, NULL);
  return cover_fetch (style, zoom, device_scale, part, slot_try);
}
