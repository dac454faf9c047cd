/* wa-asset.c: an opened pack's asset summary (the categories are in
 * wa-asset-category.c). */
#include <inttypes.h>
#include "wa-asset.h"
#include "wa-asset-private.h"
#include "wa-atlas.h"
#include "wa-atlas-private.h"
#include "wa-error.h"
#include "wa-gdal-util.h"
#include "wa-geometry.h"
#include "wa-indicator.h"
#include "wa-pack.h"
#include "wa-pack-sql.h"
#include "wa-stats.h"
#include "wa-ward.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

double
wa_asset_rate (guint count, gint64 population)
{
  if (population <= 0)
    return NAN;
  return count * 1000.0 / (double) population;
}

/* Words that only say what kind of place it is: "Altrincham Library" and
 * "Altrincham" at the same spot are one library. */
static const char *const generic_words[] = {
  "library", "libraries", "surgery", "practice", "medical", "health", "centre", "center",
  "pharmacy", "chemist", "chemists", "post", "office", "church", NULL
};

/* Lower-case words of letters and digits ("&" is "and", "'s" is "s"). */
static GPtrArray *
name_words (const char *name)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);

  for (const char *p = lower;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '&')
        g_ptr_array_add (words, g_strdup ("and"));
      else if (g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      else if (c == '\'' || c == 0x2019)
        continue;
      if (word->len > 0)
        g_ptr_array_add (words, g_strdup (word->str));
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);
  return words;
}

char *
wa_asset_name_key (const char *name)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autofree char *valid = NULL;
  guint first = 0, last;
  GString *key;

  if (name == NULL)
    return NULL;
  /* Names from packs are UTF-8 already; anything else must not crash the
   * folding (fuzz-search found g_utf8_strdown reading past invalid bytes). */
  valid = g_utf8_make_valid (name, -1);
  words = name_words (valid);
  if (words->len > 1 && g_strcmp0 (words->pdata[0], "the") == 0)
    first = 1;
  last = words->len;
  /* Keep at least one word: "Post Office" stays a name. */
  while (last > first + 1 && g_strv_contains (generic_words, words->pdata[last - 1]))
    last--;
  if (first >= last)
    return NULL;
  key = g_string_new (NULL);
  for (guint i = first; i < last; i++)
    g_string_append (key, words->pdata[i]);
  return g_string_free (key, FALSE);
}

/* ---- the pack's assets ------------------------------------------------------ */

/* Points are bucketed in a fixed grid over the wards' extent so a tile
 * finds its points without scanning them all. */
#define GRID_CELL_DEGREES 0.02
#define MAX_GRID_CELLS_PER_AXIS 2048

struct _WaAssets {
  WaAtlas *atlas;                       /* borrowed: the atlas owns us */
  char *path;
  GArray *assets;                       /* WaAsset */
  /* The assets' strings: tens of thousands of short strings, five or six
   * an asset, cost twice their size as separate allocations (issue 18:
   * the app's memory); the few source ids are stored once. */
  GStringChunk *strings;
  GPtrArray *datasets;                  /* WaAssetDataset* */
  char *coverage_names[WA_N_ASSET_CATEGORIES];

  guint n_wards;
  guint32 *covered;                     /* bit per category, by ward */
  guint *counts;                        /* n_wards * categories */
  GArray **ward_assets;                 /* guint indices per ward, or NULL */

  /* Rates are worked out from counts when asked: kept, they were 8 bytes
   * a ward and category, 7.7 MB of the 10x pack's app (issue 18). */
  double england_median[WA_N_ASSET_CATEGORIES];
  double england_rate[WA_N_ASSET_CATEGORIES];
  double mean_rate[WA_N_ASSET_CATEGORIES];
  double share_with_any[WA_N_ASSET_CATEGORIES];
  double p95_rate[WA_N_ASSET_CATEGORIES];
  guint n_covered[WA_N_ASSET_CATEGORIES];
  double lb_median[WA_N_ASSET_CATEGORIES];
  guint n_lb[WA_N_ASSET_CATEGORIES];
  gboolean lb_valid;
  gulong ranks_handler;

  /* Similar wards: percentile ranks on IMD and CNI, NAN when unranked. */
  double *imd_pct, *cni_pct;

  WaBBox grid_extent;
  guint grid_nx, grid_ny;
  guint *cell_start;                    /* nx * ny + 1 offsets into cell_items */
  guint *cell_items;
};

void
wa_assets_free (WaAssets *self)
{
  if (self == NULL)
    return;
  /* When the atlas is finalising, GObject has already dropped the handler. */
  if (self->ranks_handler != 0 && g_signal_handler_is_connected (self->atlas, self->ranks_handler))
    g_signal_handler_disconnect (self->atlas, self->ranks_handler);
  g_array_unref (self->assets);
  g_string_chunk_free (self->strings);
  g_ptr_array_unref (self->datasets);
  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    g_free (self->coverage_names[c]);
  for (guint w = 0; w < self->n_wards; w++)
    if (self->ward_assets[w] != NULL)
      g_array_unref (self->ward_assets[w]);
  g_free (self->ward_assets);
  g_free (self->covered);
  g_free (self->counts);
  g_free (self->imd_pct);
  g_free (self->cni_pct);
  g_free (self->cell_start);
  g_free (self->cell_items);
  g_free (self->path);
  g_free (self);
}

static OGRLayerH
required_layer (WaAssets *self, GDALDatasetH dataset, const char *name, GError **error)
{
  OGRLayerH layer = GDALDatasetGetLayerByName (dataset, name);

  if (layer == NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                 _("%s: the pack has no “%s” layer; rebuild it with “ward-atlas-cli build-pack”"),
                 self->path, name);
  return layer;
}

/* Field indices of names in layer, all required. */
static gboolean
field_indices (WaAssets *self, OGRLayerH layer, const char *const *names, int *out, guint n,
               GError **error)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);

  for (guint i = 0; i < n; i++)
    if ((out[i] = OGR_FD_GetFieldIndex (defn, names[i])) < 0)
      {
        g_set_error (error, WA_ERROR, WA_ERROR_MISSING, _("%s: layer “%s” has no column “%s”"),
                     self->path, OGR_L_GetName (layer), names[i]);
        return FALSE;
      }
  return TRUE;
}

static gint64
field_int (OGRFeatureH feature, int index)
{
  return OGR_F_IsFieldSetAndNotNull (feature, index) ? OGR_F_GetFieldAsInteger64 (feature, index) : 0;
}

/* The category in column of the current row of layer; FALSE, with error
 * naming the row, for one this version does not know. */
static gboolean
category_from_row (WaAssets *self, const char *layer, sqlite3_stmt *row, int column, gint64 rowid,
                   WaAssetCategory *out, GError **error)
{
  const char *id = wa_pack_sql_text (row, column);

  if (wa_asset_category_from_id (id, out))
    return TRUE;
  g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
               _("%s: layer “%s”, feature %" PRId64 ": unknown asset category “%s”"),
               self->path, layer, rowid, id != NULL ? id : "");
  return FALSE;
}

static gboolean
read_datasets (WaAssets *self, GDALDatasetH dataset, GError **error)
{
  g_autoptr(WaFeatureGuard) seen = NULL;
  static const char *const names[] = {
    WA_PACK_AD_ID, WA_PACK_AD_TITLE, WA_PACK_AD_CATEGORIES, WA_PACK_AD_COVERAGE,
    WA_PACK_AD_COVERAGE_NAME, WA_PACK_AD_READ, WA_PACK_AD_EXCLUDED, WA_PACK_AD_SKIPPED,
    WA_PACK_AD_GEOCODED, WA_PACK_AD_UNMATCHED, WA_PACK_AD_NO_LOCATION, WA_PACK_AD_OUTSIDE,
    WA_PACK_AD_MERGED, WA_PACK_AD_IMPORTED,
  };
  int f[G_N_ELEMENTS (names)];
  OGRLayerH layer = required_layer (self, dataset, WA_PACK_LAYER_ASSET_DATASETS, error);
  OGRFeatureH feature;

  if (layer == NULL || !field_indices (self, layer, names, f, G_N_ELEMENTS (names), error))
    return FALSE;
  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      WaAssetDataset *d = g_new0 (WaAssetDataset, 1);
      const char *coverage = wa_gdal_field_string (feature, f[3]);
      g_auto(GStrv) ids = g_strsplit (wa_gdal_field_string (feature, f[2]) ?: "", ";", -1);
      gint64 *stats[] = { &d->read, &d->excluded, &d->skipped, &d->geocoded, &d->unmatched,
                          &d->no_location, &d->outside, &d->merged, &d->imported };

      d->id = g_strdup (wa_gdal_field_string (feature, f[0]));
      d->title = g_strdup (wa_gdal_field_string (feature, f[1]));
      d->coverage_name = g_strdup (wa_gdal_field_string (feature, f[4]));
      if (coverage != NULL && g_ascii_strcasecmp (coverage, "england") != 0)
        d->coverage_lads = g_strsplit (coverage, ";", -1);
      for (char **id = ids; *id != NULL; id++)
        {
          WaAssetCategory c;

          if (wa_asset_category_from_id (*id, &c))
            d->categories |= 1u << c;
        }
      for (guint s = 0; s < G_N_ELEMENTS (stats); s++)
        *stats[s] = field_int (feature, f[5 + s]);
      g_ptr_array_add (self->datasets, d);
      OGR_F_Destroy (feature);
    }

  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      g_autoptr(GPtrArray) names_list = g_ptr_array_new ();

      /* A national dataset covers every ward: the others add nothing. */
      for (guint i = 0; i < self->datasets->len; i++)
        {
          WaAssetDataset *d = g_ptr_array_index (self->datasets, i);

          if ((d->categories & (1u << c)) && d->coverage_lads == NULL)
            {
              g_ptr_array_set_size (names_list, 0);
              g_ptr_array_add (names_list, d->coverage_name);
              break;
            }
          if ((d->categories & (1u << c)) && d->coverage_name != NULL
              && !g_ptr_array_find_with_equal_func (names_list, d->coverage_name, g_str_equal, NULL))
            g_ptr_array_add (names_list, d->coverage_name);
        }
      if (names_list->len > 0)
        {
          const char *last = g_ptr_array_steal_index (names_list, names_list->len - 1);
          g_autofree char *head = NULL;

          g_ptr_array_add (names_list, NULL);
          head = g_strjoinv (", ", (char **) names_list->pdata);
          /* "Trafford", "Trafford and Rutland", "Bolton, Trafford and Rutland" */
          self->coverage_names[c] = *head != '\0' ? g_strdup_printf (_("%s and %s"), head, last)
                                                   : g_strdup (last);
        }
    }
  return TRUE;
}

static const char *const count_columns[] = {
  WA_PACK_AC_WARD_CODE, WA_PACK_AC_CATEGORY, WA_PACK_AC_COUNT,
};

static gboolean
count_from_row (sqlite3_stmt *row, gpointer data, GError **error)
{
  WaAssets *self = data;
  WaWard *ward = wa_atlas_lookup_ward (self->atlas, wa_pack_sql_text (row, 0));
  WaAssetCategory c;

  if (!category_from_row (self, WA_PACK_LAYER_ASSET_COUNTS, row, 1,
                          sqlite3_column_int64 (row, G_N_ELEMENTS (count_columns)), &c, error))
    return FALSE;
  /* A ward the pack does not know cannot be shown; skip it quietly. */
  if (ward != NULL)
    {
      guint w = wa_ward_get_index (ward);

      self->covered[w] |= 1u << c;
      self->counts[w * WA_N_ASSET_CATEGORIES + c] = (guint) MAX (wa_pack_sql_int (row, 2, 0), 0);
    }
  return TRUE;
}

/* The counts as rows through SQLite, as the points: GDAL still finds the
 * layer and its columns. */
static gboolean
read_counts (WaAssets *self, GDALDatasetH dataset, sqlite3 *db, GError **error)
{
  int f[G_N_ELEMENTS (count_columns)];
  OGRLayerH layer = required_layer (self, dataset, WA_PACK_LAYER_ASSET_COUNTS, error);
  g_autoptr(GString) sql = g_string_new ("SELECT ");

  if (layer == NULL || !field_indices (self, layer, count_columns, f, G_N_ELEMENTS (count_columns), error))
    return FALSE;
  wa_pack_sql_append_columns (sql, NULL, count_columns, G_N_ELEMENTS (count_columns));
  g_string_append (sql, "rowid FROM " WA_PACK_LAYER_ASSET_COUNTS " ORDER BY rowid");
  return wa_pack_sql_read_rows (db, self->path, WA_PACK_LAYER_ASSET_COUNTS, sql->str, count_from_row, self,
                                error);
}

/* NULL stays NULL (an unknown name, address...). */
static char *
keep_string (WaAssets *self, const char *text, gboolean shared)
{
  if (text == NULL)
    return NULL;
  return shared ? g_string_chunk_insert_const (self->strings, text)
                : g_string_chunk_insert (self->strings, text);
}

static const char *const point_columns[] = {
  WA_PACK_ASSET_NAME, WA_PACK_ASSET_CATEGORY, WA_PACK_ASSET_ADDRESS, WA_PACK_ASSET_POSTCODE,
  WA_PACK_ASSET_SOURCE, WA_PACK_ASSET_MERGED_FROM, WA_PACK_ASSET_REF, WA_PACK_ASSET_WARD_CODE,
};
#define POINT_GEOMETRY G_N_ELEMENTS (point_columns)
#define POINT_ROWID (POINT_GEOMETRY + 1)

/* SELECT point_columns, the geometry and rowid; every column is there (the
 * layer's columns were checked through GDAL). Without a geometry column
 * every point has no position. */
static char *
points_sql (sqlite3 *db)
{
  g_autofree char *geometry_column = wa_pack_sql_geometry_column (db, WA_PACK_LAYER_ASSETS);
  g_autofree char *geometry = wa_pack_sql_quote_or_null (geometry_column);
  GString *sql = g_string_new ("SELECT ");

  wa_pack_sql_append_columns (sql, NULL, point_columns, G_N_ELEMENTS (point_columns));
  g_string_append_printf (sql, "%s, rowid FROM " WA_PACK_LAYER_ASSETS " ORDER BY rowid", geometry);
  return g_string_free (sql, FALSE);
}

static gboolean
point_from_row (sqlite3_stmt *row, gpointer data, GError **error)
{
  WaAssets *self = data;
  WaAsset asset = { 0 };
  WaWard *ward;

  if (!category_from_row (self, WA_PACK_LAYER_ASSETS, row, 1, sqlite3_column_int64 (row, POINT_ROWID),
                          &asset.category, error))
    return FALSE;
  if (!wa_pack_sql_point (sqlite3_column_blob (row, POINT_GEOMETRY), sqlite3_column_bytes (row, POINT_GEOMETRY),
                          &asset.lon, &asset.lat))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE, _("%s: layer “%s”, feature %" PRId64 ": no position"),
                   self->path, WA_PACK_LAYER_ASSETS, (gint64) sqlite3_column_int64 (row, POINT_ROWID));
      return FALSE;
    }
  asset.name = keep_string (self, wa_pack_sql_text (row, 0), FALSE);
  asset.address = keep_string (self, wa_pack_sql_text (row, 2), FALSE);
  asset.postcode = keep_string (self, wa_pack_sql_text (row, 3), FALSE);
  asset.source_id = keep_string (self, wa_pack_sql_text (row, 4), TRUE);
  asset.merged_from = keep_string (self, wa_pack_sql_text (row, 5), TRUE);
  asset.ref = keep_string (self, wa_pack_sql_text (row, 6), FALSE);
  ward = wa_atlas_lookup_ward (self->atlas, wa_pack_sql_text (row, 7));
  asset.ward_index = ward != NULL ? (int) wa_ward_get_index (ward) : -1;
  g_array_append_val (self->assets, asset);
  return TRUE;
}


/* The points as rows through SQLite (wa-pack-sql.h): 64,000 OGR features
 * with eight text fields each were a quarter of the 10x pack's open. */
static gboolean
read_points (WaAssets *self, GDALDatasetH dataset, sqlite3 *db, GError **error)
{
  int f[G_N_ELEMENTS (point_columns)];
  OGRLayerH layer = required_layer (self, dataset, WA_PACK_LAYER_ASSETS, error);
  g_autofree char *sql = NULL;

  if (layer == NULL || !field_indices (self, layer, point_columns, f, G_N_ELEMENTS (point_columns), error))
    return FALSE;
  sql = points_sql (db);
  return wa_pack_sql_read_rows (db, self->path, WA_PACK_LAYER_ASSETS, sql, point_from_row, self, error);
}

static int
compare_in_ward (gconstpointer a, gconstpointer b, gpointer user_data)
{
  WaAssets *self = user_data;
  const WaAsset *x = &g_array_index (self->assets, WaAsset, *(const guint *) a);
  const WaAsset *y = &g_array_index (self->assets, WaAsset, *(const guint *) b);

  if (x->category != y->category)
    return x->category < y->category ? -1 : 1;
  /* Unnamed last. */
  if ((x->name == NULL) != (y->name == NULL))
    return x->name == NULL ? 1 : -1;
  return g_strcmp0 (x->name, y->name);
}

static void
index_by_ward (WaAssets *self)
{
  for (guint i = 0; i < self->assets->len; i++)
    {
      const WaAsset *asset = &g_array_index (self->assets, WaAsset, i);

      if (asset->ward_index < 0)
        continue;
      if (self->ward_assets[asset->ward_index] == NULL)
        self->ward_assets[asset->ward_index] = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (self->ward_assets[asset->ward_index], i);
    }
  for (guint w = 0; w < self->n_wards; w++)
    if (self->ward_assets[w] != NULL)
      g_array_sort_with_data (self->ward_assets[w], compare_in_ward, self);
}

static guint
grid_cell (WaAssets *self, double lon, double lat)
{
  double fx = (lon - self->grid_extent.min_x) / GRID_CELL_DEGREES;
  double fy = (lat - self->grid_extent.min_y) / GRID_CELL_DEGREES;
  /* !(>= 0) also catches NaN from a damaged pack. */
  guint x = !(fx >= 0) ? 0 : (guint) MIN (fx, (double) (self->grid_nx - 1));
  guint y = !(fy >= 0) ? 0 : (guint) MIN (fy, (double) (self->grid_ny - 1));

  return y * self->grid_nx + x;
}

/* Cells along one axis, capped: a damaged pack's ward at 1e267 degrees
 * must not ask for more cells than memory holds (found by fuzzing). Points
 * beyond the cap share the edge cells; queries test exact positions. */
static guint
grid_axis_cells (double span)
{
  double n = ceil (span / GRID_CELL_DEGREES);

  if (!(n >= 1))
    return 1;
  return (guint) MIN (n, MAX_GRID_CELLS_PER_AXIS);
}

/* A counting sort of the points into grid cells. */
static void
build_grid (WaAssets *self)
{
  guint n_cells;
  g_autofree guint *fill = NULL;

  self->grid_extent = *wa_atlas_get_extent (self->atlas);
  if (!(self->grid_extent.max_x > self->grid_extent.min_x))
    self->grid_extent = (WaBBox) { -7, 49, 2, 56 };
  self->grid_nx = grid_axis_cells (self->grid_extent.max_x - self->grid_extent.min_x);
  self->grid_ny = grid_axis_cells (self->grid_extent.max_y - self->grid_extent.min_y);
  n_cells = self->grid_nx * self->grid_ny;
  self->cell_start = g_new0 (guint, n_cells + 1);
  self->cell_items = g_new (guint, MAX (self->assets->len, 1));
  fill = g_new0 (guint, n_cells);
  for (guint i = 0; i < self->assets->len; i++)
    {
      const WaAsset *asset = &g_array_index (self->assets, WaAsset, i);
      self->cell_start[grid_cell (self, asset->lon, asset->lat) + 1]++;
    }
  for (guint c = 0; c < n_cells; c++)
    self->cell_start[c + 1] += self->cell_start[c];
  for (guint i = 0; i < self->assets->len; i++)
    {
      const WaAsset *asset = &g_array_index (self->assets, WaAsset, i);
      guint cell = grid_cell (self, asset->lon, asset->lat);
      self->cell_items[self->cell_start[cell] + fill[cell]++] = i;
    }
}

gint64 *
wa_asset_ward_populations (WaAtlas *atlas)
{
  guint n_wards = wa_atlas_get_n_wards (atlas);
  gint64 *populations = g_new (gint64, MAX (n_wards, 1));

  for (guint w = 0; w < n_wards; w++)
    populations[w] = wa_ward_get_population (wa_atlas_get_ward (atlas, w));
  return populations;
}

/* The pooled rate, mean rate, share of wards with any, and the 95th
 * percentile of one category's ward rates (see wa-asset-private.h). */
void
wa_asset_reference_compute (WaAtlas *atlas, const double *rates, const guint *counts, gsize stride,
                            const gint64 *populations, WaAssetReference *out)
{
  guint n_wards = wa_atlas_get_n_wards (atlas);
  g_autofree double *column = g_new (double, MAX (n_wards, 1));
  g_autofree gint64 *read = populations == NULL ? wa_asset_ward_populations (atlas) : NULL;
  gint64 residents = 0;
  guint64 places = 0;
  guint n = 0, n_covered = 0, with_any = 0;
  double sum = 0;

  for (guint w = 0; w < n_wards; w++)
    n_covered += !isnan (rates[w]);
  out->england_median = wa_stats_median (rates, n_wards);
  out->n_covered = n_covered;
  if (populations == NULL)
    populations = read;
  for (guint w = 0; w < n_wards; w++)
    {
      gint64 population = populations[w];
      guint count = counts[w * stride];

      if (isnan (rates[w]) || population <= 0)
        continue;
      residents += population;
      places += count;
      with_any += count > 0;
      sum += rates[w];
      column[n++] = rates[w];
    }
  out->england_rate = residents > 0 ? places * 1000.0 / (double) residents : NAN;
  out->mean_rate = n > 0 ? sum / n : NAN;
  out->share_with_any = n > 0 ? (double) with_any / n : NAN;
  out->p95_rate = n > 0 ? wa_stats_select (column, n, MIN ((guint) ceil (0.95 * n), n) - 1) : NAN;
}

double
wa_asset_pooled_rate (WaAtlas *atlas, const guint *wards, guint n, const guint *counts, gsize stride)
{
  gint64 residents = 0;
  guint64 places = 0;

  for (guint i = 0; i < n; i++)
    {
      gint64 population = wa_ward_get_population (wa_atlas_get_ward (atlas, wards[i]));

      if (population <= 0)
        continue;
      residents += population;
      places += counts[wards[i] * stride];
    }
  return residents > 0 ? places * 1000.0 / (double) residents : NAN;
}

static double
max_known (double a, double b)
{
  return isnan (a) ? b : isnan (b) ? a : MAX (a, b);
}

double
wa_asset_scale_max (double p95_rate, double england_rate, double similar_rate)
{
  return max_known (max_known (p95_rate, england_rate), similar_rate);
}

/* A ward's places per 1,000 residents, NAN where the category's data
 * does not cover it. */
static double
ward_rate (WaAssets *self, guint ward, int category, gint64 population)
{
  if (!(self->covered[ward] & (1u << category)))
    return NAN;
  return wa_asset_rate (self->counts[ward * WA_N_ASSET_CATEGORIES + category], population);
}

static double
ward_rate_read (WaAssets *self, guint ward, int category)
{
  return ward_rate (self, ward, category,
                    wa_ward_get_population (wa_atlas_get_ward (self->atlas, ward)));
}

/* The wards' populations are gathered once, not once a category: thirteen
 * passes over 74,000 ward objects were 4 % of the 10x pack's open. */
static void
compute_rates (WaAssets *self)
{
  g_autofree double *column = g_new (double, MAX (self->n_wards, 1));
  g_autofree gint64 *populations = wa_asset_ward_populations (self->atlas);

  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      WaAssetReference ref;

      for (guint w = 0; w < self->n_wards; w++)
        column[w] = ward_rate (self, w, c, populations[w]);
      wa_asset_reference_compute (self->atlas, column, self->counts + c, WA_N_ASSET_CATEGORIES,
                                  populations, &ref);
      self->england_median[c] = ref.england_median;
      self->n_covered[c] = ref.n_covered;
      self->england_rate[c] = ref.england_rate;
      self->mean_rate[c] = ref.mean_rate;
      self->share_with_any[c] = ref.share_with_any;
      self->p95_rate[c] = ref.p95_rate;
    }
}

static void
compute_percentiles (WaAssets *self)
{
  guint n_imd = wa_atlas_get_n_ranked (self->atlas, WA_INDICATOR_IMD);
  guint n_cni = wa_atlas_get_n_ranked (self->atlas, WA_INDICATOR_CNI);

  self->imd_pct = g_new (double, MAX (self->n_wards, 1));
  self->cni_pct = g_new (double, MAX (self->n_wards, 1));
  for (guint w = 0; w < self->n_wards; w++)
    {
      WaWard *ward = wa_atlas_get_ward (self->atlas, w);
      guint imd = wa_ward_get_imd_rank (ward), cni = wa_ward_get_cni_rank (ward);

      self->imd_pct[w] = imd > 0 && n_imd > 0 ? (double) imd / n_imd : NAN;
      self->cni_pct[w] = cni > 0 && n_cni > 0 ? (double) cni / n_cni : NAN;
    }
}

static void
on_ranks_changed (WaAtlas *atlas, gpointer user_data)
{
  WaAssets *self = user_data;

  self->lb_valid = FALSE;
}

static WaAssets *
assets_new (WaAtlas *atlas, const char *path)
{
  WaAssets *self = g_new0 (WaAssets, 1);

  self->atlas = atlas;
  self->path = g_strdup (path);
  self->assets = g_array_new (FALSE, FALSE, sizeof (WaAsset));
  self->strings = g_string_chunk_new (64 * 1024);
  self->datasets = g_ptr_array_new_with_free_func (wa_asset_dataset_free);
  self->n_wards = wa_atlas_get_n_wards (atlas);
  self->covered = g_new0 (guint32, MAX (self->n_wards, 1));
  self->counts = g_new0 (guint, (gsize) MAX (self->n_wards, 1) * WA_N_ASSET_CATEGORIES);
  self->ward_assets = g_new0 (GArray *, MAX (self->n_wards, 1));
  return self;
}

/* The indices and figures over what was read (nothing, for an empty set).
 * Reads only what the atlas never changes after its open (populations,
 * IMD and CNI ranks), so a progressive open's worker may run it while the
 * main thread re-ranks. */
static WaAssets *
assets_complete (WaAssets *self)
{
  index_by_ward (self);
  build_grid (self);
  compute_rates (self);
  compute_percentiles (self);
  self->ranks_handler = g_signal_connect (self->atlas, "ranks-changed",
                                          G_CALLBACK (on_ranks_changed), self);
  return self;
}

WaAssets *
wa_assets_load (WaAtlas *atlas, void *gdal_dataset, const char *path, GError **error)
{
  WaAssets *self = assets_new (atlas, path);
  sqlite3 *db = NULL;
  gboolean ok;

  /* The big layers through SQLite, on the very file the atlas read. */
  ok = read_datasets (self, gdal_dataset, error)
       && (db = wa_pack_reader_open_sql (atlas, error)) != NULL
       && read_counts (self, gdal_dataset, db, error)
       && read_points (self, gdal_dataset, db, error);
  sqlite3_close (db);
  if (!ok)
    {
      wa_assets_free (self);
      return NULL;
    }
  return assets_complete (self);
}

WaAssets *
wa_assets_new_empty (WaAtlas *atlas, const char *path)
{
  return assets_complete (assets_new (atlas, path));
}

/* ---- queries --------------------------------------------------------------- */

guint
wa_assets_get_n_assets (WaAssets *self)
{
  return self->assets->len;
}

const WaAsset *
wa_assets_get_asset (WaAssets *self, guint index)
{
  g_return_val_if_fail (index < self->assets->len, NULL);
  return &g_array_index (self->assets, WaAsset, index);
}

GPtrArray *
wa_assets_get_datasets (WaAssets *self)
{
  return self->datasets;
}

const char *
wa_assets_get_coverage_name (WaAssets *self, WaAssetCategory category)
{
  g_return_val_if_fail (category < WA_N_ASSET_CATEGORIES, NULL);
  return self->coverage_names[category];
}

const guint *
wa_assets_get_ward_assets (WaAssets *self, guint ward_index, guint *out_n)
{
  GArray *list = ward_index < self->n_wards ? self->ward_assets[ward_index] : NULL;

  *out_n = list != NULL ? list->len : 0;
  return list != NULL ? (const guint *) list->data : NULL;
}

void
wa_assets_query (WaAssets *self, const WaBBox *box, GArray *out_indices)
{
  guint x0, y0, x1, y1;
  guint first = grid_cell (self, box->min_x, box->min_y);
  guint last = grid_cell (self, box->max_x, box->max_y);

  if (self->assets->len == 0)
    return;
  x0 = first % self->grid_nx, y0 = first / self->grid_nx;
  x1 = last % self->grid_nx, y1 = last / self->grid_nx;
  for (guint y = y0; y <= y1; y++)
    for (guint x = x0; x <= x1; x++)
      {
        guint cell = y * self->grid_nx + x;

        for (guint k = self->cell_start[cell]; k < self->cell_start[cell + 1]; k++)
          {
            guint i = self->cell_items[k];
            const WaAsset *asset = &g_array_index (self->assets, WaAsset, i);

            if (wa_bbox_contains (box, asset->lon, asset->lat))
              g_array_append_val (out_indices, i);
          }
      }
}

gboolean
wa_assets_is_covered (WaAssets *self, guint ward_index, WaAssetCategory category)
{
  g_return_val_if_fail (category < WA_N_ASSET_CATEGORIES, FALSE);
  return ward_index < self->n_wards && (self->covered[ward_index] & (1u << category)) != 0;
}

guint
wa_assets_get_count (WaAssets *self, guint ward_index, WaAssetCategory category)
{
  if (!wa_assets_is_covered (self, ward_index, category))
    return 0;
  return self->counts[ward_index * WA_N_ASSET_CATEGORIES + category];
}

/* The columns side by side, one pass over the wards: a pass a category
 * read each ward object thirteen times. */
static void
update_left_behind_medians (WaAssets *self)
{
  g_autofree double *columns = NULL;
  guint n_lb = 0;

  if (self->lb_valid)
    return;
  for (guint w = 0; w < self->n_wards; w++)
    n_lb += wa_ward_get_left_behind (wa_atlas_get_ward (self->atlas, w));
  columns = g_new (double, (gsize) MAX (n_lb, 1) * WA_N_ASSET_CATEGORIES);
  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    self->n_lb[c] = 0;
  for (guint w = 0; w < self->n_wards; w++)
    {
      WaWard *ward = wa_atlas_get_ward (self->atlas, w);

      if (!wa_ward_get_left_behind (ward))
        continue;
      for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
        {
          double rate = ward_rate (self, w, c, wa_ward_get_population (ward));

          if (!isnan (rate))
            columns[(gsize) c * n_lb + self->n_lb[c]++] = rate;
        }
    }
  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    self->lb_median[c] = wa_stats_median (columns + (gsize) c * n_lb, self->n_lb[c]);
  self->lb_valid = TRUE;
}

typedef struct {
  guint ward;
  double distance;
} Neighbour;

static int
compare_neighbours (gconstpointer a, gconstpointer b)
{
  const Neighbour *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return x->ward < y->ward ? -1 : (x->ward > y->ward);
}

/* Every other ward with both ranks, nearest first in (IMD, CNI) percentile
 * rank; NULL when the ward itself lacks a rank. */
static GArray *
wards_by_similarity (WaAssets *self, guint ward_index)
{
  double ix = self->imd_pct[ward_index], iy = self->cni_pct[ward_index];
  GArray *list;

  if (isnan (ix) || isnan (iy))
    return NULL;
  list = g_array_sized_new (FALSE, FALSE, sizeof (Neighbour), self->n_wards);
  for (guint w = 0; w < self->n_wards; w++)
    {
      Neighbour n = { w, hypot (self->imd_pct[w] - ix, self->cni_pct[w] - iy) };

      if (w != ward_index && !isnan (n.distance))
        g_array_append_val (list, n);
    }
  g_array_sort (list, compare_neighbours);
  return list;
}

/* The first WA_ASSETS_N_SIMILAR wards of sorted covered for category
 * (every ward for WA_N_ASSET_CATEGORIES: a user's list covers all). */
static guint
pick_similar (WaAssets *self, GArray *sorted, WaAssetCategory category, guint *out_wards)
{
  guint n = 0;

  for (guint i = 0; sorted != NULL && i < sorted->len && n < WA_ASSETS_N_SIMILAR; i++)
    {
      guint w = g_array_index (sorted, Neighbour, i).ward;

      if (category == WA_N_ASSET_CATEGORIES || (self->covered[w] & (1u << category)))
        out_wards[n++] = w;
    }
  return n;
}

GArray *
wa_assets_dup_similar_wards (WaAssets *self, guint ward_index, WaAssetCategory category)
{
  g_autoptr(GArray) sorted = NULL;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  guint wards[WA_ASSETS_N_SIMILAR];
  guint n;

  g_return_val_if_fail (ward_index < self->n_wards && category <= WA_N_ASSET_CATEGORIES, out);
  sorted = wards_by_similarity (self, ward_index);
  n = pick_similar (self, sorted, category, wards);
  g_array_append_vals (out, wards, n);
  return out;
}

void
wa_assets_summarise (WaAssets *self, guint ward_index, WaAssetStat out[WA_N_ASSET_CATEGORIES])
{
  g_autoptr(GArray) sorted = NULL;

  g_return_if_fail (ward_index < self->n_wards);
  update_left_behind_medians (self);
  sorted = wards_by_similarity (self, ward_index);
  for (int c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      WaAssetStat *stat = &out[c];
      guint wards[WA_ASSETS_N_SIMILAR];
      double rates[WA_ASSETS_N_SIMILAR];
      guint n = pick_similar (self, sorted, c, wards);

      memset (stat, 0, sizeof *stat);
      stat->category = c;
      stat->covered = (self->covered[ward_index] & (1u << c)) != 0;
      stat->count = self->counts[ward_index * WA_N_ASSET_CATEGORIES + c];
      stat->rate = ward_rate_read (self, ward_index, c);
      stat->england_median = self->england_median[c];
      stat->n_covered = self->n_covered[c];
      stat->left_behind_median = self->lb_median[c];
      stat->n_left_behind = self->n_lb[c];
      for (guint i = 0; i < n; i++)
        rates[i] = ward_rate_read (self, wards[i], c);
      stat->similar_median = wa_stats_median (rates, n);
      stat->n_similar = n;
      stat->england_rate = self->england_rate[c];
      stat->similar_rate = wa_asset_pooled_rate (self->atlas, wards, n, self->counts + c,
                                                 WA_N_ASSET_CATEGORIES);
      stat->mean_rate = self->mean_rate[c];
      stat->share_with_any = self->share_with_any[c];
      stat->rare = self->england_median[c] == 0;
      stat->scale_max = wa_asset_scale_max (self->p95_rate[c], stat->england_rate, stat->similar_rate);
    }
}

const char *
wa_assets_similar_definition (void)
{
  return _("the 20 wards with the category’s data nearest to this one in IMD and CNI "
           "percentile rank (rank over the wards ranked)");
}
