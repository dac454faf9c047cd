/* wa-build-neighbours.c: the "ward_neighbours" table: wards whose
 * boundaries come within a few metres of each other, found through a grid
 * of boundary segments rather than polygon intersection, which the gaps
 * and slivers of generalised boundaries would defeat. */
#include "wa-build-private.h"
#include "wa-error.h"
#include "wa-geometry.h"
#include "wa-pack.h"

#include <math.h>
#include <glib/gi18n-lib.h>

/* Wards sharing a border in the hybrid layers can be a few metres apart
 * (slivers and gaps where geometry of different generalisation meets). */
#define NEIGHBOUR_DISTANCE_M  30.0
/* A ward that touches none at that distance (where simplified polygons
 * left a wider gap, e.g. Berwick North in 2019) takes the wards within
 * this distance; real islands stay alone. */
#define ISOLATED_DISTANCE_M   150.0
#define METRES_PER_DEGREE_LAT 110574.0
#define METRES_PER_DEGREE_LON 111320.0
/* Neighbour search grid: about 1 km cells, at most this many per axis. */
#define SEGMENT_CELL_DEG      0.01
#define SEGMENT_GRID_MAX      2048

typedef struct {
  double x1, y1, x2, y2;
  guint ward;
} Segment;

typedef struct {
  WaBBox extent;
  double cell;
  guint n_x, n_y;
  guint *cell_start;    /* n_x * n_y + 1 offsets into items */
  guint *items;         /* segment indices */
} SegmentGrid;

static void
collect_segments (WaBuildContext *ctx, GArray *segments, WaBBox *extent)
{
  wa_bbox_init_empty (extent);
  for (guint w = 0; w < ctx->ward_geometries->len; w++)
    {
      const WaGeometry *geometry = g_ptr_array_index (ctx->ward_geometries, w);

      if (geometry == NULL)
        continue;
      wa_bbox_extend (extent, wa_geometry_get_bbox (geometry));
      for (guint r = 0; r < wa_geometry_get_n_rings (geometry); r++)
        {
          guint n;
          const double *xy = wa_geometry_get_ring (geometry, r, &n);

          for (guint i = 0; i < n; i++)
            {
              guint j = (i + 1) % n;   /* closes rings that do not repeat their start */
              Segment s = { xy[2 * i], xy[2 * i + 1], xy[2 * j], xy[2 * j + 1], w };

              if (s.x1 != s.x2 || s.y1 != s.y2)
                g_array_append_val (segments, s);
            }
        }
    }
}

/* The cells a segment's box, grown by the search distance, covers. */
static void
segment_cells (const SegmentGrid *grid, const Segment *s, double pad_x, double pad_y,
               guint *x0, guint *y0, guint *x1, guint *y1)
{
  double min_x = MIN (s->x1, s->x2) - pad_x, max_x = MAX (s->x1, s->x2) + pad_x;
  double min_y = MIN (s->y1, s->y2) - pad_y, max_y = MAX (s->y1, s->y2) + pad_y;

  *x0 = (guint) CLAMP ((min_x - grid->extent.min_x) / grid->cell, 0, grid->n_x - 1);
  *x1 = (guint) CLAMP ((max_x - grid->extent.min_x) / grid->cell, 0, grid->n_x - 1);
  *y0 = (guint) CLAMP ((min_y - grid->extent.min_y) / grid->cell, 0, grid->n_y - 1);
  *y1 = (guint) CLAMP ((max_y - grid->extent.min_y) / grid->cell, 0, grid->n_y - 1);
}

/* Buckets every segment into the grid cells it may touch (two passes:
 * count, then fill, so the grid is two flat arrays). */
static void
segment_grid_build (SegmentGrid *grid, GArray *segments, const WaBBox *extent,
                    double pad_x, double pad_y)
{
  guint n_cells;
  guint *fill;

  grid->extent = *extent;
  grid->cell = MAX (SEGMENT_CELL_DEG,
                    MAX (extent->max_x - extent->min_x, extent->max_y - extent->min_y) / SEGMENT_GRID_MAX);
  grid->n_x = (guint) ((extent->max_x - extent->min_x) / grid->cell) + 1;
  grid->n_y = (guint) ((extent->max_y - extent->min_y) / grid->cell) + 1;
  n_cells = grid->n_x * grid->n_y;
  grid->cell_start = g_new0 (guint, n_cells + 1);

  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          for (guint c = 0; c < n_cells; c++)
            grid->cell_start[c + 1] += grid->cell_start[c];
          grid->items = g_new (guint, MAX (grid->cell_start[n_cells], 1));
          fill = g_memdup2 (grid->cell_start, sizeof (guint) * n_cells);
        }
      for (guint i = 0; i < segments->len; i++)
        {
          guint x0, y0, x1, y1;

          segment_cells (grid, &g_array_index (segments, Segment, i), pad_x, pad_y,
                         &x0, &y0, &x1, &y1);
          for (guint y = y0; y <= y1; y++)
            for (guint x = x0; x <= x1; x++)
              {
                guint c = y * grid->n_x + x;
                if (pass == 0)
                  grid->cell_start[c + 1]++;
                else
                  grid->items[fill[c]++] = i;
              }
        }
    }
  g_free (fill);
}

static double
cross (double ax, double ay, double bx, double by, double cx, double cy)
{
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/* Squared distance in metres between two segments in degrees, measured in
 * a local plane (good to a fraction of a metre over a few hundred metres). */
static double
segment_distance2 (const Segment *a, const Segment *b)
{
  double kx = METRES_PER_DEGREE_LON * cos ((a->y1 + b->y1) * 0.5 * G_PI / 180.0);
  double ky = METRES_PER_DEGREE_LAT;
  double a1[2] = { a->x1 * kx, a->y1 * ky }, a2[2] = { a->x2 * kx, a->y2 * ky };
  double b1[2] = { b->x1 * kx, b->y1 * ky }, b2[2] = { b->x2 * kx, b->y2 * ky };
  double d1 = cross (a1[0], a1[1], a2[0], a2[1], b1[0], b1[1]);
  double d2 = cross (a1[0], a1[1], a2[0], a2[1], b2[0], b2[1]);
  double d3 = cross (b1[0], b1[1], b2[0], b2[1], a1[0], a1[1]);
  double d4 = cross (b1[0], b1[1], b2[0], b2[1], a2[0], a2[1]);
  double best;

  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
    return 0.0;
  best = wa_point_segment_distance2 (a1, b1, b2);
  best = MIN (best, wa_point_segment_distance2 (a2, b1, b2));
  best = MIN (best, wa_point_segment_distance2 (b1, a1, a2));
  best = MIN (best, wa_point_segment_distance2 (b2, a1, a2));
  return best;
}

static gboolean
has_neighbour (GArray *neighbours, guint ward)
{
  for (guint i = 0; i < neighbours->len; i++)
    if (g_array_index (neighbours, guint, i) == ward)
      return TRUE;
  return FALSE;
}

/* Tests every pair of segments of different wards that share a cell;
 * with only set, just the pairs that involve a ward it flags. */
static void
find_neighbours (const SegmentGrid *grid, GArray *segments, double distance_m,
                 const gboolean *only, GArray **neighbours)
{
  double limit2 = distance_m * distance_m;

  for (guint c = 0; c < grid->n_x * grid->n_y; c++)
    for (guint i = grid->cell_start[c]; i < grid->cell_start[c + 1]; i++)
      {
        const Segment *a = &g_array_index (segments, Segment, grid->items[i]);

        for (guint j = i + 1; j < grid->cell_start[c + 1]; j++)
          {
            const Segment *b = &g_array_index (segments, Segment, grid->items[j]);

            if (a->ward == b->ward || (only != NULL && !only[a->ward] && !only[b->ward])
                || has_neighbour (neighbours[a->ward], b->ward))
              continue;
            if (segment_distance2 (a, b) < limit2)
              {
                g_array_append_val (neighbours[a->ward], b->ward);
                g_array_append_val (neighbours[b->ward], a->ward);
              }
          }
      }
}

static int
compare_uint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

static gboolean
write_neighbours (WaBuildContext *ctx, GArray **neighbours, guint n_wards,
                  guint *out_pairs, GError **error)
{
  static const WaBuildField fields[] = {
    { WA_PACK_NB_WARD, OFTString },
    { WA_PACK_NB_NEIGHBOUR, OFTString },
  };
  OGRLayerH layer = wa_build_create_layer_with_fields (ctx, WA_PACK_LAYER_NEIGHBOURS, wkbNone,
                                                       fields, G_N_ELEMENTS (fields), error);
  OGRFeatureH feature;
  gboolean ok = TRUE;

  *out_pairs = 0;
  if (layer == NULL)
    return FALSE;
  feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  for (guint w = 0; ok && w < n_wards; w++)
    {
      g_array_sort (neighbours[w], compare_uint);
      for (guint i = 0; ok && i < neighbours[w]->len; i++)
        {
          OGR_F_SetFieldString (feature, 0, g_ptr_array_index (ctx->ward_codes, w));
          OGR_F_SetFieldString (feature, 1,
                                g_ptr_array_index (ctx->ward_codes, g_array_index (neighbours[w], guint, i)));
          ok = wa_build_write_feature (ctx, layer, feature, error);
          (*out_pairs)++;
        }
    }
  OGR_F_Destroy (feature);
  return ok;
}

static void
create_index (WaBuildContext *ctx, const char *table, const char *column)
{
  g_autofree char *sql = g_strdup_printf ("CREATE INDEX \"%s_%s_idx\" ON \"%s\"(\"%s\")",
                                          table, column, table, column);
  OGRLayerH result;

  /* Only lookups get slower without the index, so a failure is reported
   * rather than fatal. */
  wa_gdal_clear_message ();
  result = GDALDatasetExecuteSQL (ctx->out, sql, NULL, NULL);
  if (result != NULL)
    GDALDatasetReleaseResultSet (ctx->out, result);
  if (*wa_gdal_last_message () != '\0')
    wa_build_report (ctx, _("%s: cannot index table “%s”: %s"),
                     wa_build_pack_path (ctx), table, wa_gdal_last_message ());
}

/* Mapped wards without neighbours; flags them in *out_flags when given. */
static guint
flag_isolated (WaBuildContext *ctx, GArray **neighbours, gboolean **out_flags)
{
  guint n_wards = ctx->ward_codes->len;
  guint n = 0;

  if (out_flags != NULL)
    *out_flags = g_new0 (gboolean, MAX (n_wards, 1));
  for (guint w = 0; w < n_wards; w++)
    if (neighbours[w]->len == 0 && g_ptr_array_index (ctx->ward_geometries, w) != NULL)
      {
        if (out_flags != NULL)
          (*out_flags)[w] = TRUE;
        n++;
      }
  return n;
}

static void
find_within (WaBuildContext *ctx, GArray *segments, const WaBBox *extent,
             double distance_m, const gboolean *only, GArray **neighbours)
{
  SegmentGrid grid = { 0 };
  /* Pad in degrees at the northern edge, where a metre is most degrees of longitude. */
  double pad_y = distance_m / METRES_PER_DEGREE_LAT;
  double pad_x = distance_m
    / (METRES_PER_DEGREE_LON * cos (MAX (fabs (extent->max_y), fabs (extent->min_y)) * G_PI / 180.0));

  segment_grid_build (&grid, segments, extent, pad_x, pad_y);
  find_neighbours (&grid, segments, distance_m, only, neighbours);
  g_free (grid.cell_start);
  g_free (grid.items);
}

gboolean
wa_build_neighbours (WaBuildContext *ctx, GError **error)
{
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  WaBBox extent;
  GArray **neighbours;
  guint n_wards = ctx->ward_codes->len;
  gboolean *isolated = NULL;
  guint n_pairs = 0, n_isolated = 0, n_alone;
  gint64 start = g_get_monotonic_time ();
  gboolean started, ok;

  g_return_val_if_fail (ctx->ward_geometries->len == n_wards, FALSE);

  collect_segments (ctx, segments, &extent);
  neighbours = g_new (GArray *, MAX (n_wards, 1));
  for (guint w = 0; w < n_wards; w++)
    neighbours[w] = g_array_new (FALSE, FALSE, sizeof (guint));

  if (segments->len > 0)
    {
      find_within (ctx, segments, &extent, NEIGHBOUR_DISTANCE_M, NULL, neighbours);
      n_isolated = flag_isolated (ctx, neighbours, &isolated);
      if (n_isolated > 0)
        find_within (ctx, segments, &extent, ISOLATED_DISTANCE_M, isolated, neighbours);
    }

  started = wa_build_begin (ctx);
  ok = write_neighbours (ctx, neighbours, n_wards, &n_pairs, error);
  if (ok)
    create_index (ctx, WA_PACK_LAYER_NEIGHBOURS, WA_PACK_NB_WARD);
  ok = wa_build_end (ctx, started, ok, error);

  n_alone = flag_isolated (ctx, neighbours, NULL);
  for (guint w = 0; w < n_wards; w++)
    g_array_unref (neighbours[w]);
  g_free (neighbours);
  g_free (isolated);
  if (!ok)
    return FALSE;

  wa_build_report (ctx, _("Neighbours: %u pairs among %u wards within %.0f m "
                          "(%u otherwise isolated wards joined within %.0f m; %u mapped wards have none), %.1f s"),
                   n_pairs / 2, n_wards, NEIGHBOUR_DISTANCE_M, n_isolated - n_alone,
                   ISOLATED_DISTANCE_M, n_alone, (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}
