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
  /* Dissolved band fills (wa-band-fill.h) and council and region lines
   * with each edge once, per whole detail zoom, made on first use. */
  GMutex band_fill_lock;
  struct {
    WaBandFill *made;
    gboolean queued;     /* asked of the background thread */
  } caches[3][BAND_FILL_MAX_ZOOM - BAND_FILL_MIN_ZOOM];
  /* Simplified motorway lines per whole detail zoom, made on first use. */
  GMutex motorway_lock;
  WaMotorwayLines *motorway_lines[MOTORWAY_LINES_MAX_ZOOM - MOTORWAY_LINES_MIN_ZOOM];
  /* Their covers for z9 tiles, by device scale, made on first use under
   * band_fill_lock as the band fills are. */
  struct {
    WaBoxedLines *made;
    gboolean queued;     /* asked of the background thread */
    gboolean done;       /* made, or GEOS failed (made stays NULL) */
  } motorway_covers[N_COVER_SCALES][WA_N_MOTORWAY_PARTS];
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
  g_mutex_init (&style->band_fill_lock);
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
  g_mutex_clear (&style->band_fill_lock);
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

/* ---- dissolved band fills and boundary lines ---------------------------- */

/* Which cache: the band fills, the council lines, the region lines. */
enum { CACHE_FILL, CACHE_LAD, CACHE_REGION, N_CACHES, CACHE_MOTORWAY_COVER = N_CACHES };

static WaBandFill **
cache_slot (WaMapStyle *style, guint which, double detail_zoom, double *out_whole)
{
  double whole = floor (detail_zoom);

  if (!(whole >= BAND_FILL_MIN_ZOOM && whole < BAND_FILL_MAX_ZOOM))
    return NULL;
  *out_whole = whole;
  return &style->caches[which][(guint) (whole - BAND_FILL_MIN_ZOOM)].made;
}

static guint
which_of_kind (WaAreaKind kind)
{
  return kind == WA_AREA_LAD ? CACHE_LAD : kind == WA_AREA_REGION ? CACHE_REGION : N_CACHES;
}

/* Makes the cache entry if it is not made yet; the build runs outside the
 * lock (two threads may both build; one result is kept). */
static WaBandFill *
cache_build (WaMapStyle *style, guint which, double detail_zoom)
{
  double whole = 0;
  WaBandFill **slot = cache_slot (style, which, detail_zoom, &whole);
  WaBandFill *made;

  if (slot == NULL)
    return NULL;
  g_mutex_lock (&style->band_fill_lock);
  made = *slot;
  g_mutex_unlock (&style->band_fill_lock);
  if (made != NULL)
    return made;
  if (which == CACHE_FILL)
    made = wa_band_fill_new (style->atlas, style->bands, style->n_wards, WA_N_BANDS + 1, whole);
  else
    made = wa_area_lines_new (style->atlas, which == CACHE_LAD ? WA_AREA_LAD : WA_AREA_REGION,
                              whole);
  g_mutex_lock (&style->band_fill_lock);
  if (*slot == NULL)
    *slot = made;
  else
    g_clear_pointer (&made, wa_band_fill_free);
  made = *slot;
  g_mutex_unlock (&style->band_fill_lock);
  return made;
}

/* A background build: a cache entry (which, at zoom), or a motorway
 * cover (which CACHE_MOTORWAY_COVER, for scale and part). */
typedef struct {
  WaMapStyle *style;
  guint which;
  double zoom;
  guint scale;
  WaMotorwayPart part;
} BuildJob;

static const WaBoxedLines *cover_build (WaMapStyle *style, guint scale, WaMotorwayPart part);

static void
build_job_run (gpointer data, gpointer user_data)
{
  BuildJob *job = data;

  /* A style no one holds any more (the method or palette changed again
   * meanwhile) is not worth the work. */
  if (!g_atomic_ref_count_compare (&job->style->ref_count, 1))
    {
      if (job->which == CACHE_MOTORWAY_COVER)
        cover_build (job->style, job->scale, job->part);
      else
        cache_build (job->style, job->which, job->zoom);
    }
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
build_queue (WaMapStyle *style, guint which, double zoom, guint scale, WaMotorwayPart part)
{
  BuildJob *job = g_new0 (BuildJob, 1);

  job->style = wa_map_style_ref (style);
  job->which = which;
  job->zoom = zoom;
  job->scale = scale;
  job->part = part;
  g_thread_pool_push (build_pool (), job, NULL);
}

/* The entry if made; else asks the background thread for it (once) and
 * returns NULL, so that a tile never waits for it. */
static const WaBandFill *
cache_try (WaMapStyle *style, guint which, double detail_zoom)
{
  double whole = 0;
  WaBandFill **slot = cache_slot (style, which, detail_zoom, &whole);
  WaBandFill *made;
  gboolean *queued;
  gboolean queue;

  if (slot == NULL)
    return NULL;
  queued = &style->caches[which][(guint) (whole - BAND_FILL_MIN_ZOOM)].queued;
  g_mutex_lock (&style->band_fill_lock);
  made = *slot;
  queue = made == NULL && !*queued;
  *queued = TRUE;
  g_mutex_unlock (&style->band_fill_lock);
  if (queue)
    build_queue (style, which, whole, 0, 0);
  return made;
}

/* ---- motorway covers ----------------------------------------------------- */

/* The cover's scale slot for tiles at zoom and device_scale; FALSE where
 * tiles stroke the motorways. */
static gboolean
cover_slot (double zoom, double device_scale, guint *out_scale)
{
  if (zoom != MOTORWAY_COVER_ZOOM || (device_scale != 1 && device_scale != 2))
    return FALSE;
  *out_scale = device_scale == 1 ? 0 : 1;
  return TRUE;
}

/* The lines a cover is made of, and its radius in Mercator units. */
static const WaMotorwayLines *
cover_lines (WaMapStyle *style, guint scale, WaMotorwayPart part, double *radius)
{
  double line, casing;

  wa_map_style_get_motorway_widths (style, MOTORWAY_COVER_ZOOM, &line, &casing);
  /* Style pixels to Mercator units: a world is 256 * 2^zoom of them. */
  *radius = (part == WA_MOTORWAY_CASING ? casing : line) / 2 / (256.0 * (1 << MOTORWAY_COVER_ZOOM));
  return wa_map_style_get_motorway_lines (style, wa_tile_detail_zoom (MOTORWAY_COVER_ZOOM, scale + 1.0));
}

/* Made outside the lock, as cache_build: two threads may both make it;
 * one result is kept. */
static const WaBoxedLines *
cover_build (WaMapStyle *style, guint scale, WaMotorwayPart part)
{
  const WaMotorwayLines *lines;
  WaBoxedLines *made;
  gboolean done;
  double radius;

  g_mutex_lock (&style->band_fill_lock);
  made = style->motorway_covers[scale][part].made;
  done = style->motorway_covers[scale][part].done;
  g_mutex_unlock (&style->band_fill_lock);
  if (done)
    return made;
  lines = cover_lines (style, scale, part, &radius);
  made = lines == NULL ? NULL : wa_motorway_cover_new (lines, radius);
  g_mutex_lock (&style->band_fill_lock);
  if (!style->motorway_covers[scale][part].done)
    {
      style->motorway_covers[scale][part].made = made;
      style->motorway_covers[scale][part].done = TRUE;
    }
  else
    g_clear_pointer (&made, wa_motorway_cover_free);
  made = style->motorway_covers[scale][part].made;
  g_mutex_unlock (&style->band_fill_lock);
  return made;
}

const WaBoxedLines *
wa_map_style_get_motorway_cover (WaMapStyle *style, double zoom, double device_scale,
                                 WaMotorwayPart part)
{
  guint scale;

  g_return_val_if_fail (style != NULL && part < WA_N_MOTORWAY_PARTS, NULL);
  if (!cover_slot (zoom, device_scale, &scale))
    return NULL;
  return cover_build (style, scale, part);
}

const WaBoxedLines *
wa_map_style_try_motorway_cover (WaMapStyle *style, double zoom, double device_scale,
                                 WaMotorwayPart part)
{
  const WaBoxedLines *made;
  gboolean queue;
  guint scale;

  g_return_val_if_fail (style != NULL && part < WA_N_MOTORWAY_PARTS, NULL);
  if (!cover_slot (zoom, device_scale, &scale))
    return NULL;
  g_mutex_lock (&style->band_fill_lock);
  made = style->motorway_covers[scale][part].made;
  queue = !style->motorway_covers[scale][part].done && !style->motorway_covers[scale][part].queued;
  style->motorway_covers[scale][part].queued = TRUE;
  g_mutex_unlock (&style->band_fill_lock);
  if (queue)
    build_queue (style, CACHE_MOTORWAY_COVER, MOTORWAY_COVER_ZOOM, scale, part);
  return made;
}

const WaBandFill *
wa_map_style_get_band_fill (WaMapStyle *style, double detail_zoom)
{
  g_return_val_if_fail (style != NULL, NULL);
  return cache_build (style, CACHE_FILL, detail_zoom);
}

const WaBandFill *
wa_map_style_get_area_lines (WaMapStyle *style, WaAreaKind kind, double detail_zoom)
{
  g_return_val_if_fail (style != NULL, NULL);
  if (which_of_kind (kind) == N_CACHES)
    return NULL;
  return cache_build (style, which_of_kind (kind), detail_zoom);
}

const WaBandFill *
wa_map_style_try_band_fill (WaMapStyle *style, double detail_zoom)
{
  g_return_val_if_fail (style != NULL, NULL);
  return cache_try (style, CACHE_FILL, detail_zoom);
}

const WaBandFill *
wa_map_style_try_area_lines (WaMapStyle *style, WaAreaKind kind, double detail_zoom)
{
  g_return_val_if_fail (style != NULL, NULL);
  if (which_of_kind (kind) == N_CACHES)
    return NULL;
  return cache_try (style, which_of_kind (kind), detail_zoom);
}
