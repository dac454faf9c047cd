/* wa-build-wards.c: the "wards" layer and the "indicators" table.
 *
 * The ward list is the boundary file, plus (2019) every CNI ward the
 * boundary file lacks, kept without geometry. Ward figures come from LSOA
 * tables through one aggregation path (population-weighted mean score,
 * MHCLG extent, proportion in the most deprived decile), except where a
 * figure is published at ward level (CNI 2019) or only exists in a
 * third-party ward aggregation (IMD 2019 domain scores). */
#include <inttypes.h>
#include "ward-atlas-core.h"
#include "wa-build-private.h"
#include "wa-pack.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>

typedef struct {
  char *code;
  char *name;
  char *lad_code;
  char *lad_name;
  char *region_code;
  char *region_name;
  char *geom_source;
  OGRGeometryH geometry;   /* MULTIPOLYGON in EPSG:4326, or NULL */
  WaGeometry *shape;       /* the same, for point-in-polygon */
  double population;       /* sum over the ward's LSOAs with a known population */
  guint n_lsoa;
  int official;            /* 0/1, -1 = not in the flag's universe */
  WaFigure figures[WA_N_INDICATORS];
} Ward;

typedef struct {
  int ward;                /* index into wards, -1 = not in any known ward */
  double population;       /* NAN = unknown */
  double score[WA_N_INDICATORS];
  guint rank[WA_N_INDICATORS];
} Lsoa;

typedef struct {
  WaBuildContext *ctx;
  GPtrArray *wards;        /* Ward* */
  GHashTable *by_code;     /* code (borrowed from Ward) -> index + 1 */
  GPtrArray *lsoa_list;    /* Lsoa*, in lookup order */
  GHashTable *lsoas;       /* code -> Lsoa* (borrowed) */
  gsize n_lsoa_ranked[WA_N_INDICATORS];  /* rank denominators of the LSOA tables */
  guint n_ranked[WA_N_INDICATORS];
  char *notes[WA_N_INDICATORS];
} WardBuild;

/* One input table or layer being read. */
typedef struct {
  WaBuildContext *ctx;
  const WaManifestSource *source;
  char *path;
  GDALDatasetH dataset;
  OGRLayerH layer;
  gboolean is_table;       /* delimited text: rows are reported as lines */
  gboolean auxiliary;      /* read again for a detail; not counted in "sources" */
  gint64 row;              /* 1-based data row of the current feature */
} Table;

/* ---- small helpers ---------------------------------------------------- */

static void
ward_free (Ward *ward)
{
  g_free (ward->code);
  g_free (ward->name);
  g_free (ward->lad_code);
  g_free (ward->lad_name);
  g_free (ward->region_code);
  g_free (ward->region_name);
  g_free (ward->geom_source);
  if (ward->geometry != NULL)
    OGR_G_DestroyGeometry (ward->geometry);
  g_clear_pointer (&ward->shape, wa_geometry_unref);
  g_free (ward);
}

static void
geometry_unref_nullable (gpointer geometry)
{
  if (geometry != NULL)
    wa_geometry_unref (geometry);
}

static void
set_string (char **field, const char *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

static Ward *
ward_new (WardBuild *b, const char *code)
{
  Ward *ward = g_new0 (Ward, 1);

  ward->code = g_strdup (code);
  ward->population = NAN;
  ward->official = -1;
  for (int i = 0; i < WA_N_INDICATORS; i++)
    wa_figure_init (&ward->figures[i]);
  g_ptr_array_add (b->wards, ward);
  g_hash_table_insert (b->by_code, ward->code, GUINT_TO_POINTER (b->wards->len));
  return ward;
}

static int
find_ward (WardBuild *b, const char *code)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (b->by_code, code)) - 1;
}

static Ward *
ward_at (WardBuild *b, int index)
{
  return g_ptr_array_index (b->wards, index);
}

static WaIndicator
first_indicator (WaIndex index)
{
  return index == WA_INDEX_IMD ? WA_INDICATOR_IMD : WA_INDICATOR_CNI;
}

static WaIndicator
end_indicator (WaIndex index)
{
  return index == WA_INDEX_IMD ? WA_INDICATOR_CNI : WA_N_INDICATORS;
}

/* ---- reading tables --------------------------------------------------- */

static gboolean
is_vector_source (const WaManifestSource *source)
{
  if (source->format != NULL)
    return g_str_equal (source->format, "gpkg") || g_str_equal (source->format, "geojson");
  return g_str_has_suffix (source->file, ".gpkg") || g_str_has_suffix (source->file, ".geojson");
}

static gboolean
table_open (Table *t, WaBuildContext *ctx, const char *role, GError **error)
{
  memset (t, 0, sizeof *t);
  t->ctx = ctx;
  t->source = wa_manifest_find_role (ctx->manifest, ctx->edition, role, error);
  if (t->source == NULL)
    return FALSE;
  t->path = wa_build_source_path (ctx, t->source);
  t->is_table = !is_vector_source (t->source);
  t->dataset = t->is_table ? wa_gdal_open_table (t->path, t->source->format, error)
                           : wa_gdal_open_vector (t->path, error);
  if (t->dataset == NULL)
    return FALSE;
  t->layer = wa_gdal_get_layer (t->dataset, t->path, t->source->layer, error);
  if (t->layer == NULL)
    return FALSE;
  OGR_L_ResetReading (t->layer);
  return TRUE;
}

static void
table_close (Table *t, WaBuildContext *ctx)
{
  if (t->source != NULL && t->dataset != NULL && !t->auxiliary)
    {
      wa_build_count_records (ctx, t->source->id, t->row);
      wa_build_report (ctx, _("Read %" PRId64 " rows from %s"), t->row, t->source->file);
    }
  if (t->dataset != NULL)
    GDALClose (t->dataset);
  g_clear_pointer (&t->path, g_free);
  t->dataset = NULL;
  t->layer = NULL;
}

static OGRFeatureH
table_next (Table *t)
{
  OGRFeatureH feature = OGR_L_GetNextFeature (t->layer);

  if (feature != NULL)
    t->row++;
  return feature;
}

/* Index of a logical column: -1 without error when the manifest does not
 * name it and it is optional; an error when required or named but absent. */
static int
table_column (Table *t, const char *logical, gboolean required, GError **error)
{
  const char *header = wa_manifest_source_optional_column (t->source, logical);

  if (header == NULL)
    {
      if (required)
        wa_manifest_source_column (t->source, logical, error);
      return -1;
    }
  return wa_gdal_field_index (t->layer, t->path, header, error);
}

static const char *
column_header (Table *t, int index)
{
  return OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (OGR_L_GetLayerDefn (t->layer), index));
}

static void G_GNUC_PRINTF (5, 6)
row_error (Table *t, GError **error, int code, int column, const char *format, ...)
{
  g_autofree char *message = NULL;
  g_autofree char *where = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Lines count the header, as a text editor does. */
  where = t->is_table ? g_strdup_printf (_("line %" PRId64), t->row + 1)
                      : g_strdup_printf (_("feature %" PRId64), t->row);
  if (column >= 0)
    g_set_error (error, WA_ERROR, code, _("%s: %s, column “%s”: %s"),
                 t->path, where, column_header (t, column), message);
  else
    g_set_error (error, WA_ERROR, code, "%s: %s: %s", t->path, where, message);
}

/* A required code: non-empty text. */
static const char *
read_code (Table *t, OGRFeatureH feature, int column, GError **error)
{
  const char *code = wa_gdal_field_string (feature, column);

  if (code == NULL)
    row_error (t, error, WA_ERROR_PARSE, column, _("empty code"));
  return code;
}

/* A required ward code that this table has not given before. */
static const char *
read_unique_code (Table *t, OGRFeatureH feature, int column, GHashTable *seen, GError **error)
{
  const char *code = read_code (t, feature, column, error);

  if (code == NULL)
    return NULL;
  if (g_hash_table_contains (seen, code))
    {
      row_error (t, error, WA_ERROR_DUPLICATE, column, _("ward %s appears twice"), code);
      return NULL;
    }
  g_hash_table_add (seen, g_strdup (code));
  return code;
}

/* A number; empty gives NAN, malformed text an error. */
static gboolean
read_number (Table *t, OGRFeatureH feature, int column, double *out_value, GError **error)
{
  *out_value = NAN;
  if (column < 0 || wa_gdal_field_string (feature, column) == NULL)
    return TRUE;
  if (wa_gdal_field_double (feature, column, out_value))
    return TRUE;
  row_error (t, error, WA_ERROR_PARSE, column, _("“%s” is not a number"),
             wa_gdal_field_string (feature, column));
  return FALSE;
}

/* A score: as read_number; domain scores may be negative (z-scores), the
 * overall IMD and CNI scores never are. */
static gboolean
read_score (Table *t, OGRFeatureH feature, int column, WaIndicator indicator,
            double *out_value, GError **error)
{
  if (!read_number (t, feature, column, out_value, error))
    return FALSE;
  if ((indicator == WA_INDICATOR_IMD || indicator == WA_INDICATOR_CNI) && *out_value < 0)
    {
      row_error (t, error, WA_ERROR_PARSE, column,
                 _("“%s” is negative; an overall %s score is never below 0"),
                 wa_gdal_field_string (feature, column),
                 indicator == WA_INDICATOR_IMD ? "IMD" : "CNI");
      return FALSE;
    }
  return TRUE;
}

/* A rank: empty gives 0, anything but a positive whole number an error. */
static gboolean
read_rank (Table *t, OGRFeatureH feature, int column, guint *out_rank, GError **error)
{
  double value;

  *out_rank = 0;
  if (!read_number (t, feature, column, &value, error))
    return FALSE;
  if (isnan (value))
    return TRUE;
  if (value < 1 || value > G_MAXUINT || value != floor (value))
    {
      row_error (t, error, WA_ERROR_PARSE, column, _("“%s” is not a rank (a whole number from 1)"),
                 wa_gdal_field_string (feature, column));
      return FALSE;
    }
  *out_rank = (guint) value;
  return TRUE;
}

static gboolean
read_flag (Table *t, OGRFeatureH feature, int column, int *out_flag, GError **error)
{
  const char *text = wa_gdal_field_string (feature, column);

  *out_flag = -1;
  if (text == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (text, "TRUE") == 0 || g_str_equal (text, "1"))
    *out_flag = 1;
  else if (g_ascii_strcasecmp (text, "FALSE") == 0 || g_str_equal (text, "0"))
    *out_flag = 0;
  else
    {
      row_error (t, error, WA_ERROR_PARSE, column, _("“%s” is neither TRUE nor FALSE"), text);
      return FALSE;
    }
  return TRUE;
}

static void
report_unknown (WardBuild *b, Table *t, gint64 n_unknown, const char *what)
{
  if (n_unknown > 0)
    wa_build_report (b->ctx, _("%s: %" PRId64 " of %" PRId64 " rows name %s unknown to this edition; ignored"),
                     t->source->file, n_unknown, t->row, what);
}

/* Unknown codes are tolerated (other nations, other vintages), but a table
 * of which nothing matches is the wrong file. */
static gboolean
check_some_matched (Table *t, gint64 n_unknown, const char *what, GError **error)
{
  if (t->row > 0 && n_unknown < t->row)
    return TRUE;
  g_set_error (error, WA_ERROR, WA_ERROR_UNKNOWN_CODE,
               _("%s: none of its %" PRId64 " rows names %s of this edition"),
               t->path, t->row, what);
  return FALSE;
}

/* ---- ward boundaries ---------------------------------------------------- */

/* Transformation to EPSG:4326 lon/lat, or NULL when the layer is already so. */
static OGRCoordinateTransformationH
layer_transform (Table *t, GError **error)
{
  OGRSpatialReferenceH layer_srs = OGR_L_GetSpatialRef (t->layer);
  OGRSpatialReferenceH source_srs, wgs84;
  OGRCoordinateTransformationH transform;

  if (layer_srs == NULL)
    return NULL;
  wgs84 = wa_gdal_srs_new (4326);
  if (OSRIsSame (layer_srs, wgs84))
    {
      OSRDestroySpatialReference (wgs84);
      return NULL;
    }
  source_srs = OSRClone (layer_srs);
  OSRSetAxisMappingStrategy (source_srs, OAMS_TRADITIONAL_GIS_ORDER);
  transform = OCTNewCoordinateTransformation (source_srs, wgs84);
  OSRDestroySpatialReference (source_srs);
  OSRDestroySpatialReference (wgs84);
  if (transform == NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                 _("%s: cannot transform its coordinates to WGS 84: %s"),
                 t->path, wa_gdal_last_message ());
  return transform;
}

/* In square degrees: about 1 m², far below any ward, far above rounding
 * noise (points on a line still give 1e-16). */
#define MIN_WARD_AREA 1e-10

/* A boundary that is not a valid polygon breaks neighbours and areas:
 * self-intersections (a digitising slip) are repaired and reported; a
 * boundary with no area left is an error. */
static gboolean
check_ward_geometry (Table *t, Ward *ward, GError **error)
{
  OGRGeometryH repaired;

  if (OGR_G_IsValid (ward->geometry) && OGR_G_Area (ward->geometry) > MIN_WARD_AREA)
    return TRUE;
  /* A bow tie's halves cancel out in its signed area: repair first. */
  repaired = OGR_G_MakeValid (ward->geometry);
  if (repaired != NULL)
    {
      /* Repair may add lines or points where the boundary touched itself. */
      repaired = OGR_G_ForceToMultiPolygon (repaired);
      if (wkbFlatten (OGR_G_GetGeometryType (repaired)) != wkbMultiPolygon
          || OGR_G_Area (repaired) <= MIN_WARD_AREA)
        {
          OGR_G_DestroyGeometry (repaired);
          repaired = NULL;
        }
    }
  if (repaired == NULL)
    {
      row_error (t, error, WA_ERROR_PARSE, -1,
                 _("ward %s has a boundary of zero area (its points lie on a line or on top of each other)"),
                 ward->code);
      return FALSE;
    }
  OGR_G_DestroyGeometry (ward->geometry);
  ward->geometry = repaired;
  wa_build_report (t->ctx, _("%s: ward %s: the boundary crosses itself; repaired"), t->path, ward->code);
  return TRUE;
}

/* Longitude and latitude after reprojection; anything else means the layer
 * declares no reference system, or the wrong one. */
static gboolean
check_lonlat (Table *t, Ward *ward, GError **error)
{
  const WaBBox *box = wa_geometry_get_bbox (ward->shape);

  if (box->min_x >= -180 && box->max_x <= 180 && box->min_y >= -90 && box->max_y <= 90)
    return TRUE;
  row_error (t, error, WA_ERROR_PARSE, -1,
             _("ward %s has coordinates such as (%.0f, %.0f), which are not longitude and latitude; "
               "the layer's reference system is missing or wrong"),
             ward->code, box->min_x, box->min_y);
  return FALSE;
}

static gboolean
read_ward_geometry (Table *t, Ward *ward, OGRFeatureH feature,
                    OGRCoordinateTransformationH transform, GError **error)
{
  OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
  OGRwkbGeometryType type;
  g_autoptr(GError) local_error = NULL;

  if (geometry == NULL || OGR_G_IsEmpty (geometry))
    return TRUE;
  type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  if (type != wkbPolygon && type != wkbMultiPolygon)
    {
      row_error (t, error, WA_ERROR_PARSE, -1, _("ward %s has a %s geometry, not a polygon"),
                 ward->code, OGR_G_GetGeometryName (geometry));
      return FALSE;
    }
  geometry = OGR_G_ForceToMultiPolygon (OGR_G_Clone (geometry));
  OGR_G_FlattenTo2D (geometry);
  if (transform != NULL && OGR_G_Transform (geometry, transform) != OGRERR_NONE)
    {
      OGR_G_DestroyGeometry (geometry);
      row_error (t, error, WA_ERROR_PARSE, -1, _("cannot transform the geometry of ward %s"),
                 ward->code);
      return FALSE;
    }
  ward->geometry = geometry;
  if (!check_ward_geometry (t, ward, error))
    return FALSE;
  ward->shape = wa_geometry_new_from_ogr (ward->geometry, &local_error);
  if (ward->shape == NULL)
    {
      row_error (t, error, WA_ERROR_PARSE, -1, _("ward %s: %s"), ward->code, local_error->message);
      return FALSE;
    }
  if (!check_lonlat (t, ward, error))
    return FALSE;
  return TRUE;
}

static gboolean
read_boundaries (WardBuild *b, GError **error)
{
  Table t;
  int code_col, name_col, lad_col, lad_name_col, source_col;
  OGRCoordinateTransformationH transform = NULL;
  OGRFeatureH feature;
  gboolean ok = FALSE;

  if (!table_open (&t, b->ctx, "ward-boundaries", error)
      || (code_col = table_column (&t, "code", TRUE, error)) < 0
      || ((name_col = table_column (&t, "name", FALSE, error)) < 0 && *error != NULL)
      || ((lad_col = table_column (&t, "lad_code", FALSE, error)) < 0 && *error != NULL)
      || ((lad_name_col = table_column (&t, "lad_name", FALSE, error)) < 0 && *error != NULL)
      || ((source_col = table_column (&t, "geom_source", FALSE, error)) < 0 && *error != NULL))
    goto out;
  transform = layer_transform (&t, error);
  if (transform == NULL && *error != NULL)
    goto out;

  while ((feature = table_next (&t)) != NULL)
    {
      const char *code = read_code (&t, feature, code_col, error);
      Ward *ward;

      if (code != NULL && find_ward (b, code) >= 0)
        row_error (&t, error, WA_ERROR_DUPLICATE, code_col, _("ward %s appears twice"), code);
      if (code == NULL || *error != NULL)
        {
          OGR_F_Destroy (feature);
          goto out;
        }
      ward = ward_new (b, code);
      set_string (&ward->name, wa_gdal_field_string (feature, name_col));
      set_string (&ward->lad_code, wa_gdal_field_string (feature, lad_col));
      set_string (&ward->lad_name, wa_gdal_field_string (feature, lad_name_col));
      set_string (&ward->geom_source, wa_gdal_field_string (feature, source_col));
      ok = read_ward_geometry (&t, ward, feature, transform, error);
      OGR_F_Destroy (feature);
      if (!ok)
        goto out;
    }
  ok = b->wards->len > 0;
  if (!ok)
    g_set_error (error, WA_ERROR, WA_ERROR_MISSING, _("%s: holds no wards"), t.path);

out:
  if (transform != NULL)
    OCTDestroyCoordinateTransformation (transform);
  table_close (&t, b->ctx);
  return ok;
}

/* ---- ward-level tables -------------------------------------------------- */

typedef struct {
  int score;
  int rank;
} FigureColumns;

static gboolean
figure_columns (Table *t, WaIndex index, gboolean need_score, gboolean need_rank,
                FigureColumns *columns, GError **error)
{
  for (WaIndicator i = first_indicator (index); i < end_indicator (index); i++)
    {
      g_autofree char *score = g_strconcat (wa_indicator_id (i), ".", WA_PACK_SUFFIX_SCORE, NULL);
      g_autofree char *rank = g_strconcat (wa_indicator_id (i), ".", WA_PACK_SUFFIX_RANK, NULL);

      columns[i].score = table_column (t, score, need_score, error);
      if (columns[i].score < 0 && *error != NULL)
        return FALSE;
      columns[i].rank = table_column (t, rank, need_rank, error);
      if (columns[i].rank < 0 && *error != NULL)
        return FALSE;
    }
  return TRUE;
}

/* CNI 2019: published ward scores and ranks, and the "left behind" flag. */
static gboolean
read_cni_wards (WardBuild *b, GError **error)
{
  FigureColumns columns[WA_N_INDICATORS];
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int code_col, name_col, lad_col, lad_name_col, flag_col;
  guint n_added = 0;
  OGRFeatureH feature;
  gboolean ok = FALSE;
  Table t;

  if (!table_open (&t, b->ctx, "cni-ward", error)
      || (code_col = table_column (&t, "code", TRUE, error)) < 0
      || ((name_col = table_column (&t, "name", FALSE, error)) < 0 && *error != NULL)
      || ((lad_col = table_column (&t, "lad_code", FALSE, error)) < 0 && *error != NULL)
      || ((lad_name_col = table_column (&t, "lad_name", FALSE, error)) < 0 && *error != NULL)
      || (flag_col = table_column (&t, "official", TRUE, error)) < 0
      || !figure_columns (&t, WA_INDEX_CNI, TRUE, TRUE, columns, error))
    goto out;

  while ((feature = table_next (&t)) != NULL)
    {
      const char *code = read_unique_code (&t, feature, code_col, seen, error);
      int index;
      Ward *ward;

      if (code == NULL)
        {
          OGR_F_Destroy (feature);
          goto out;
        }
      index = find_ward (b, code);
      /* In the index but not on the map: kept for the tables. */
      if (index < 0)
        {
          ward = ward_new (b, code);
          n_added++;
        }
      else
        ward = ward_at (b, index);
      if (ward->name == NULL)
        set_string (&ward->name, wa_gdal_field_string (feature, name_col));
      if (ward->lad_code == NULL)
        set_string (&ward->lad_code, wa_gdal_field_string (feature, lad_col));
      if (ward->lad_name == NULL)
        set_string (&ward->lad_name, wa_gdal_field_string (feature, lad_name_col));
      ok = read_flag (&t, feature, flag_col, &ward->official, error);
      for (WaIndicator i = WA_INDICATOR_CNI; ok && i < WA_N_INDICATORS; i++)
        {
          WaFigure *figure = &ward->figures[i];

          ok = read_score (&t, feature, columns[i].score, i, &figure->score, error)
               && read_rank (&t, feature, columns[i].rank, &figure->rank, error);
          if (ok && figure->rank > 0)
            {
              figure->source = WA_FIGURE_PUBLISHED;
              b->n_ranked[i]++;
            }
        }
      OGR_F_Destroy (feature);
      if (!ok)
        goto out;
    }
  ok = TRUE;
  if (n_added > 0)
    wa_build_report (b->ctx, _("%s: %u wards have no boundary; kept without geometry"),
                     t.source->file, n_added);

out:
  g_hash_table_unref (seen);
  table_close (&t, b->ctx);
  return ok;
}

static gboolean
read_ward_names (WardBuild *b, GError **error)
{
  static const char *const logical[] = {
    "name", "lad_code", "lad_name", "region_code", "region_name"
  };
  int columns[G_N_ELEMENTS (logical)];
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 n_unknown = 0;
  OGRFeatureH feature;
  gboolean ok = FALSE;
  int code_col;
  Table t;

  if (!table_open (&t, b->ctx, "ward-names", error)
      || (code_col = table_column (&t, "code", TRUE, error)) < 0)
    goto out;
  for (gsize c = 0; c < G_N_ELEMENTS (logical); c++)
    if ((columns[c] = table_column (&t, logical[c], FALSE, error)) < 0 && *error != NULL)
      goto out;

  while ((feature = table_next (&t)) != NULL)
    {
      const char *code = read_unique_code (&t, feature, code_col, seen, error);
      int index;

      if (code == NULL)
        {
          OGR_F_Destroy (feature);
          goto out;
        }
      index = find_ward (b, code);
      if (index < 0)
        n_unknown++;
      else
        {
          Ward *ward = ward_at (b, index);
          char **fields[] = {
            &ward->name, &ward->lad_code, &ward->lad_name, &ward->region_code, &ward->region_name
          };

          for (gsize c = 0; c < G_N_ELEMENTS (logical); c++)
            set_string (fields[c], wa_gdal_field_string (feature, columns[c]));
        }
      OGR_F_Destroy (feature);
    }
  report_unknown (b, &t, n_unknown, _("wards"));
  ok = check_some_matched (&t, n_unknown, _("a ward"), error);

out:
  g_hash_table_unref (seen);
  table_close (&t, b->ctx);
  return ok;
}

/* IMD 2019 domain scores exist only in a third-party ward aggregation. */
static gboolean
read_imd_ward_aggregated (WardBuild *b, double *cross_check, GError **error)
{
  FigureColumns columns[WA_N_INDICATORS];
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 n_unknown = 0;
  OGRFeatureH feature;
  gboolean ok = FALSE;
  int code_col;
  Table t;

  if (!table_open (&t, b->ctx, "imd-ward-aggregated", error)
      || (code_col = table_column (&t, "code", TRUE, error)) < 0
      || !figure_columns (&t, WA_INDEX_IMD, TRUE, FALSE, columns, error))
    goto out;

  while ((feature = table_next (&t)) != NULL)
    {
      const char *code = read_unique_code (&t, feature, code_col, seen, error);
      int index;

      if (code == NULL)
        {
          OGR_F_Destroy (feature);
          goto out;
        }
      index = find_ward (b, code);
      if (index < 0)
        n_unknown++;
      for (WaIndicator i = WA_INDICATOR_IMD; index >= 0 && i < WA_INDICATOR_CNI; i++)
        {
          double score;

          if (!read_number (&t, feature, columns[i].score, &score, error))
            {
              OGR_F_Destroy (feature);
              goto out;
            }
          /* The overall score is ours; theirs is only a cross-check. */
          if (i == WA_INDICATOR_IMD)
            cross_check[index] = score;
          else if (!isnan (score))
            {
              ward_at (b, index)->figures[i].score = score;
              ward_at (b, index)->figures[i].source = WA_FIGURE_THIRD_PARTY;
            }
        }
      OGR_F_Destroy (feature);
    }
  report_unknown (b, &t, n_unknown, _("wards"));
  ok = check_some_matched (&t, n_unknown, _("a ward"), error);

out:
  g_hash_table_unref (seen);
  table_close (&t, b->ctx);
  return ok;
}

/* Wards outside the names lookup (City of London, Isles of Scilly, wards
 * without LSOAs) still deserve a LAD name and a region: the LAD name from
 * the LAD boundaries by code, the region by the region polygon holding
 * the ward's interior point. */
static gboolean
fill_lad_names (WardBuild *b, GError **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int code_col, name_col;
  OGRFeatureH feature;
  Table t;

  if (!table_open (&t, b->ctx, "lad-boundaries", error)
      || (code_col = table_column (&t, "code", TRUE, error)) < 0
      || (name_col = table_column (&t, "name", TRUE, error)) < 0)
    {
      table_close (&t, b->ctx);
      return FALSE;
    }
  t.auxiliary = TRUE;
  while ((feature = table_next (&t)) != NULL)
    {
      const char *code = wa_gdal_field_string (feature, code_col);
      const char *name = wa_gdal_field_string (feature, name_col);

      if (code != NULL && name != NULL)
        g_hash_table_replace (names, g_strdup (code), g_strdup (name));
      OGR_F_Destroy (feature);
    }
  table_close (&t, b->ctx);
  for (guint w = 0; w < b->wards->len; w++)
    {
      Ward *ward = ward_at (b, w);

      if (ward->lad_name == NULL && ward->lad_code != NULL)
        set_string (&ward->lad_name, g_hash_table_lookup (names, ward->lad_code));
    }
  return TRUE;
}

static gboolean
fill_regions (WardBuild *b, GError **error)
{
  g_autoptr(GPtrArray) shapes = g_ptr_array_new_with_free_func (geometry_unref_nullable);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  OGRCoordinateTransformationH transform = NULL;
  int code_col, name_col;
  OGRFeatureH feature;
  gboolean ok = FALSE;
  Table t;

  if (!table_open (&t, b->ctx, "region-boundaries", error)
      || (code_col = table_column (&t, "code", TRUE, error)) < 0
      || (name_col = table_column (&t, "name", TRUE, error)) < 0)
    goto out;
  t.auxiliary = TRUE;
  transform = layer_transform (&t, error);
  if (transform == NULL && *error != NULL)
    goto out;
  while ((feature = table_next (&t)) != NULL)
    {
      Ward region = { .code = (char *) wa_gdal_field_string (feature, code_col) };

      ok = region.code == NULL
           || read_ward_geometry (&t, &region, feature, transform, error);
      if (ok && region.shape != NULL)
        {
          g_ptr_array_add (shapes, region.shape);
          g_ptr_array_add (codes, g_strdup (region.code));
          g_ptr_array_add (names, g_strdup (wa_gdal_field_string (feature, name_col)));
        }
      if (region.geometry != NULL)
        OGR_G_DestroyGeometry (region.geometry);
      OGR_F_Destroy (feature);
      if (!ok)
        goto out;
    }
  for (guint w = 0; w < b->wards->len; w++)
    {
      Ward *ward = ward_at (b, w);
      double x, y;

      if (ward->region_code != NULL || ward->shape == NULL)
        continue;
      wa_geometry_interior_point (ward->shape, &x, &y);
      for (guint r = 0; r < shapes->len; r++)
        if (wa_geometry_contains (g_ptr_array_index (shapes, r), x, y))
          {
            set_string (&ward->region_code, g_ptr_array_index (codes, r));
            set_string (&ward->region_name, g_ptr_array_index (names, r));
            break;
          }
    }
  ok = TRUE;

out:
  if (transform != NULL)
    OCTDestroyCoordinateTransformation (transform);
  table_close (&t, b->ctx);
  return ok;
}

/* ---- LSOA tables -------------------------------------------------------- */

static Lsoa *
lsoa_new (WardBuild *b, const char *code, int ward)
{
  Lsoa *lsoa = g_new0 (Lsoa, 1);

  lsoa->ward = ward;
  lsoa->population = NAN;
  for (int i = 0; i < WA_N_INDICATORS; i++)
    lsoa->score[i] = NAN;
  g_ptr_array_add (b->lsoa_list, lsoa);
  g_hash_table_insert (b->lsoas, g_strdup (code), lsoa);
  return lsoa;
}

static gboolean
read_lsoa_lookup (WardBuild *b, GError **error)
{
  gint64 n_unknown = 0;
  int lsoa_col, ward_col;
  OGRFeatureH feature;
  gboolean ok = FALSE;
  Table t;

  if (!table_open (&t, b->ctx, "lsoa-ward-lookup", error)
      || (lsoa_col = table_column (&t, "lsoa", TRUE, error)) < 0
      || (ward_col = table_column (&t, "ward", TRUE, error)) < 0)
    goto out;

  while ((feature = table_next (&t)) != NULL)
    {
      const char *lsoa = read_code (&t, feature, lsoa_col, error);
      const char *ward = lsoa != NULL ? read_code (&t, feature, ward_col, error) : NULL;
      int index;

      if (lsoa != NULL && ward != NULL && g_hash_table_contains (b->lsoas, lsoa))
        row_error (&t, error, WA_ERROR_DUPLICATE, lsoa_col,
                   _("LSOA %s appears twice"), lsoa);
      if (ward == NULL || *error != NULL)
        {
          OGR_F_Destroy (feature);
          goto out;
        }
      index = find_ward (b, ward);
      if (index < 0)
        n_unknown++;
      else
        ward_at (b, index)->n_lsoa++;
      lsoa_new (b, lsoa, index);
      OGR_F_Destroy (feature);
    }
  report_unknown (b, &t, n_unknown, _("wards"));
  ok = check_some_matched (&t, n_unknown, _("a ward"), error);

out:
  table_close (&t, b->ctx);
  return ok;
}

static gboolean
read_lsoa_population (WardBuild *b, GError **error)
{
  GHashTable *seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  gint64 n_unknown = 0;
  int lsoa_col, population_col;
  OGRFeatureH feature;
  gboolean ok = FALSE;
  Table t;

  if (!table_open (&t, b->ctx, "lsoa-population", error)
      || (lsoa_col = table_column (&t, "lsoa", TRUE, error)) < 0
      || (population_col = table_column (&t, "population", TRUE, error)) < 0)
    goto out;

  while ((feature = table_next (&t)) != NULL)
    {
      const char *code = read_code (&t, feature, lsoa_col, error);
      Lsoa *lsoa = code != NULL ? g_hash_table_lookup (b->lsoas, code) : NULL;
      double population;

      if (code == NULL
          || !read_number (&t, feature, population_col, &population, error))
        {
          OGR_F_Destroy (feature);
          goto out;
        }
      if (isnan (population) || population < 0)
        {
          row_error (&t, error, WA_ERROR_PARSE, population_col,
                     isnan (population) ? _("LSOA %s has no population")
                                        : _("LSOA %s has a negative population"), code);
          OGR_F_Destroy (feature);
          goto out;
        }
      if (lsoa != NULL && g_hash_table_contains (seen, lsoa))
        {
          row_error (&t, error, WA_ERROR_DUPLICATE, lsoa_col, _("LSOA %s appears twice"), code);
          OGR_F_Destroy (feature);
          goto out;
        }
      if (lsoa == NULL)
        n_unknown++;
      else
        {
          g_hash_table_add (seen, lsoa);
          lsoa->population = population;
        }
      OGR_F_Destroy (feature);
    }
  report_unknown (b, &t, n_unknown, _("LSOAs"));
  ok = check_some_matched (&t, n_unknown, _("an LSOA of the lookup"), error);

out:
  g_hash_table_unref (seen);
  table_close (&t, b->ctx);
  return ok;
}

/* Ranks run from 1 to the number of LSOAs ranked in the table; a larger
 * one (a rank column from another vintage, a truncated table) would make
 * extents and deciles meaningless. */
static gboolean
check_rank_range (WardBuild *b, Table *t, WaIndex index, const FigureColumns *columns,
                  const guint *max_rank, const gint64 *max_rank_row, GError **error)
{
  for (WaIndicator i = first_indicator (index); i < end_indicator (index); i++)
    if (columns[i].rank >= 0 && max_rank[i] > b->n_lsoa_ranked[i])
      {
        gint64 rows = t->row;

        t->row = max_rank_row[i];   /* the error names the offending line */
        row_error (t, error, WA_ERROR_PARSE, columns[i].rank,
                   _("rank %u is out of range: the table ranks %zu LSOAs"),
                   max_rank[i], b->n_lsoa_ranked[i]);
        t->row = rows;
        return FALSE;
      }
  return TRUE;
}

/* Reads LSOA scores and/or ranks of one index. count_lsoas: this is the
 * table that defines the LSOA universe of the pack's metadata. */
static gboolean
read_lsoa_indicators (WardBuild *b, const char *role, WaIndex index, gboolean need_score,
                      gboolean need_rank, gboolean count_lsoas, GError **error)
{
  FigureColumns columns[WA_N_INDICATORS];
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint max_rank[WA_N_INDICATORS] = { 0 };
  gint64 max_rank_row[WA_N_INDICATORS] = { 0 };
  gint64 n_unknown = 0, n_decile1 = 0;
  int lsoa_col, decile_col = -1;
  OGRFeatureH feature;
  gboolean ok = FALSE;
  Table t;

  if (!table_open (&t, b->ctx, role, error)
      || (lsoa_col = table_column (&t, "lsoa", TRUE, error)) < 0
      || !figure_columns (&t, index, need_score, need_rank, columns, error))
    goto out;
  if (count_lsoas)
    {
      decile_col = table_column (&t, "imd.decile", FALSE, error);
      if (decile_col < 0 && *error != NULL)
        goto out;
    }

  while ((feature = table_next (&t)) != NULL)
    {
      const char *code = read_code (&t, feature, lsoa_col, error);
      Lsoa *lsoa, scratch;
      double decile;

      if (code != NULL && g_hash_table_contains (seen, code))
        row_error (&t, error, WA_ERROR_DUPLICATE, lsoa_col, _("LSOA %s appears twice"), code);
      if (code == NULL || *error != NULL)
        {
          OGR_F_Destroy (feature);
          goto out;
        }
      g_hash_table_add (seen, g_strdup (code));
      /* An LSOA the lookup lacks still counts in the national ranking. */
      lsoa = g_hash_table_lookup (b->lsoas, code);
      if (lsoa == NULL)
        {
          n_unknown++;
          lsoa = &scratch;
        }
      for (WaIndicator i = first_indicator (index); i < end_indicator (index); i++)
        {
          if ((columns[i].score >= 0
               && !read_score (&t, feature, columns[i].score, i, &lsoa->score[i], error))
              || (columns[i].rank >= 0
                  && !read_rank (&t, feature, columns[i].rank, &lsoa->rank[i], error)))
            {
              OGR_F_Destroy (feature);
              goto out;
            }
          if (columns[i].rank >= 0 && lsoa->rank[i] > 0)
            {
              b->n_lsoa_ranked[i]++;
              if (lsoa->rank[i] > max_rank[i])
                max_rank[i] = lsoa->rank[i], max_rank_row[i] = t.row;
            }
        }
      if (!read_number (&t, feature, decile_col, &decile, error))
        {
          OGR_F_Destroy (feature);
          goto out;
        }
      if (decile == 1)
        n_decile1++;
      OGR_F_Destroy (feature);
    }
  report_unknown (b, &t, n_unknown, _("LSOAs absent from the LSOA to ward lookup"));
  ok = check_some_matched (&t, n_unknown, _("an LSOA of the lookup"), error)
       && check_rank_range (b, &t, index, columns, max_rank, max_rank_row, error);
  if (ok && count_lsoas)
    {
      b->ctx->lsoa_count = t.row;
      b->ctx->lsoa_decile1_count = n_decile1;
    }

out:
  g_hash_table_unref (seen);
  table_close (&t, b->ctx);
  return ok;
}

/* ---- aggregation and ranking ------------------------------------------ */

static void
sum_populations (WardBuild *b)
{
  for (guint l = 0; l < b->lsoa_list->len; l++)
    {
      const Lsoa *lsoa = g_ptr_array_index (b->lsoa_list, l);
      Ward *ward;

      if (lsoa->ward < 0 || isnan (lsoa->population))
        continue;
      ward = ward_at (b, lsoa->ward);
      ward->population = isnan (ward->population) ? lsoa->population
                                                  : ward->population + lsoa->population;
    }
}

/* Population-weighted mean score, extent and proportion of one indicator
 * over each ward's LSOAs. Keeps a ward-level score already set (third
 * party) and adds extent and proportion to it. */
static void
aggregate_indicator (WardBuild *b, WaIndicator indicator)
{
  g_autofree WaAggregate *aggs = g_new (WaAggregate, b->wards->len);
  gboolean imd_family = wa_indicator_index (indicator) == WA_INDEX_IMD;

  for (guint w = 0; w < b->wards->len; w++)
    wa_aggregate_init (&aggs[w]);
  for (guint l = 0; l < b->lsoa_list->len; l++)
    {
      const Lsoa *lsoa = g_ptr_array_index (b->lsoa_list, l);

      if (lsoa->ward >= 0)
        wa_aggregate_add (&aggs[lsoa->ward], lsoa->score[indicator], lsoa->population,
                          lsoa->rank[indicator], b->n_lsoa_ranked[indicator]);
    }
  for (guint w = 0; w < b->wards->len; w++)
    {
      WaFigure *figure = &ward_at (b, w)->figures[indicator];
      double mean = wa_aggregate_mean (&aggs[w]);

      if (figure->source == WA_FIGURE_NONE && !isnan (mean))
        {
          figure->score = mean;
          figure->source = WA_FIGURE_COMPUTED;
        }
      if (imd_family && aggs[w].n_lsoas > 0)
        {
          figure->extent = wa_aggregate_extent (&aggs[w]);
          figure->proportion = wa_aggregate_proportion (&aggs[w]);
          if (figure->source == WA_FIGURE_NONE && !isnan (figure->extent))
            figure->source = WA_FIGURE_COMPUTED;
        }
    }
}

/* Ranks the ward scores of one indicator, 1 = highest score. */
static void
rank_indicator (WardBuild *b, WaIndicator indicator)
{
  g_autofree double *scores = g_new (double, b->wards->len);
  g_autofree guint *ranks = g_new0 (guint, b->wards->len);
  gsize n_ranked;

  for (guint w = 0; w < b->wards->len; w++)
    scores[w] = ward_at (b, w)->figures[indicator].score;
  n_ranked = wa_stats_rank_descending (scores, b->wards->len, ranks);
  b->n_ranked[indicator] = n_ranked;
  for (guint w = 0; w < b->wards->len; w++)
    ward_at (b, w)->figures[indicator].rank = ranks[w];
}

static void
set_deciles (WardBuild *b, WaIndicator indicator)
{
  for (guint w = 0; w < b->wards->len; w++)
    {
      WaFigure *figure = &ward_at (b, w)->figures[indicator];

      figure->decile = wa_stats_decile (figure->rank, b->n_ranked[indicator]);
    }
}

static void
report_cross_check (WardBuild *b, const double *theirs)
{
  double max_difference = 0;
  guint n = 0;

  for (guint w = 0; w < b->wards->len; w++)
    {
      double ours = ward_at (b, w)->figures[WA_INDICATOR_IMD].score;

      if (isnan (ours) || isnan (theirs[w]))
        continue;
      max_difference = MAX (max_difference, fabs (ours - theirs[w]));
      n++;
    }
  wa_build_report (b->ctx, _("IMD ward scores: %u wards compared with the third-party aggregation, largest difference %.4f"),
                   n, max_difference);
}

static const char *
source_title (WardBuild *b, const char *role)
{
  const WaManifestSource *source =
    wa_manifest_find_optional_role (b->ctx->manifest, b->ctx->edition, role);

  return source != NULL ? source->title : role;
}

/* Records how each indicator's ward figures were made. */
static void
write_notes (WardBuild *b)
{
  const char *lookup = source_title (b, "lsoa-ward-lookup");
  const char *population = source_title (b, "lsoa-population");

  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      WaIndex index = wa_indicator_index (i);
      const char *extra = index == WA_INDEX_IMD
        ? " Extent and proportion (share of LSOAs in the most deprived national decile) from the LSOA ranks."
        : "";

      if (index == WA_INDEX_CNI && b->ctx->edition == WA_EDITION_2019)
        b->notes[i] = g_strdup_printf ("Published at ward level in “%s” (score and rank as published; decile from the rank among the %u ranked wards).",
                                       source_title (b, "cni-ward"), b->n_ranked[i]);
      else if (index == WA_INDEX_IMD && i != WA_INDICATOR_IMD && b->ctx->edition == WA_EDITION_2019)
        b->notes[i] = g_strdup_printf ("Ward score from the third-party aggregation “%s” (not an official ward figure; LSOA domain scores for 2019 are not available), ranked across %u wards by the pack builder.%s",
                                       source_title (b, "imd-ward-aggregated"), b->n_ranked[i], extra);
      else
        b->notes[i] = g_strdup_printf ("Computed by the pack builder: population-weighted mean (“%s”) of the LSOA scores in “%s” over the LSOAs best-fitted to each ward (“%s”), ranked across %u wards.%s",
                                       population,
                                       source_title (b, index == WA_INDEX_IMD
                                                     ? (b->ctx->edition == WA_EDITION_2019 ? "imd-lsoa-score" : "imd-lsoa")
                                                     : "cni-lsoa"),
                                       lookup, b->n_ranked[i], extra);
    }
}

/* ---- output ------------------------------------------------------------- */

static char *
column_name (WaIndicator indicator, const char *suffix)
{
  return g_strconcat (wa_indicator_id (indicator), "_", suffix, NULL);
}

static gboolean
create_wards_layer (WardBuild *b, OGRLayerH *out_layer, GError **error)
{
  static const char *const text_fields[] = {
    WA_PACK_WARD_CODE, WA_PACK_WARD_NAME, WA_PACK_WARD_LAD_CODE, WA_PACK_WARD_LAD_NAME,
    WA_PACK_WARD_REGION_CODE, WA_PACK_WARD_REGION_NAME, WA_PACK_WARD_GEOM_SOURCE,
  };
  WaBuildContext *ctx = b->ctx;
  OGRLayerH layer = wa_build_create_layer (ctx, WA_PACK_LAYER_WARDS, wkbMultiPolygon, error);

  if (layer == NULL)
    return FALSE;
  for (gsize f = 0; f < G_N_ELEMENTS (text_fields); f++)
    if (!wa_build_add_field (ctx, layer, text_fields[f], OFTString, error))
      return FALSE;
  if (!wa_build_add_field (ctx, layer, WA_PACK_WARD_POPULATION, OFTInteger64, error)
      || !wa_build_add_field (ctx, layer, WA_PACK_WARD_N_LSOA, OFTInteger, error)
      || !wa_build_add_field (ctx, layer, WA_PACK_WARD_OFFICIAL, OFTInteger, error))
    return FALSE;
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      g_autofree char *score = column_name (i, WA_PACK_SUFFIX_SCORE);
      g_autofree char *rank = column_name (i, WA_PACK_SUFFIX_RANK);
      g_autofree char *decile = column_name (i, WA_PACK_SUFFIX_DECILE);
      g_autofree char *extent = column_name (i, WA_PACK_SUFFIX_EXTENT);
      g_autofree char *proportion = column_name (i, WA_PACK_SUFFIX_PROPORTION);
      g_autofree char *source = column_name (i, WA_PACK_SUFFIX_SOURCE);
      gboolean imd_family = wa_indicator_index (i) == WA_INDEX_IMD;

      if (!wa_build_add_field (ctx, layer, score, OFTReal, error)
          || !wa_build_add_field (ctx, layer, rank, OFTInteger, error)
          || !wa_build_add_field (ctx, layer, decile, OFTInteger, error)
          || (imd_family && !wa_build_add_field (ctx, layer, extent, OFTReal, error))
          || (imd_family && !wa_build_add_field (ctx, layer, proportion, OFTReal, error))
          || !wa_build_add_field (ctx, layer, source, OFTInteger, error))
        return FALSE;
    }
  *out_layer = layer;
  return TRUE;
}

static void
set_field_string (OGRFeatureH feature, const char *name, const char *value)
{
  if (value != NULL)
    OGR_F_SetFieldString (feature, OGR_F_GetFieldIndex (feature, name), value);
}

static void
set_field_double (OGRFeatureH feature, const char *name, double value)
{
  if (!isnan (value))
    OGR_F_SetFieldDouble (feature, OGR_F_GetFieldIndex (feature, name), value);
}

static void
set_field_int (OGRFeatureH feature, const char *name, gint64 value, gboolean is_set)
{
  if (is_set)
    OGR_F_SetFieldInteger64 (feature, OGR_F_GetFieldIndex (feature, name), value);
}

static void
fill_ward_feature (OGRFeatureH feature, Ward *ward)
{
  set_field_string (feature, WA_PACK_WARD_CODE, ward->code);
  set_field_string (feature, WA_PACK_WARD_NAME, ward->name);
  set_field_string (feature, WA_PACK_WARD_LAD_CODE, ward->lad_code);
  set_field_string (feature, WA_PACK_WARD_LAD_NAME, ward->lad_name);
  set_field_string (feature, WA_PACK_WARD_REGION_CODE, ward->region_code);
  set_field_string (feature, WA_PACK_WARD_REGION_NAME, ward->region_name);
  set_field_string (feature, WA_PACK_WARD_GEOM_SOURCE, ward->geom_source);
  set_field_int (feature, WA_PACK_WARD_POPULATION, (gint64) llround (ward->population),
                 !isnan (ward->population));
  set_field_int (feature, WA_PACK_WARD_N_LSOA, ward->n_lsoa, TRUE);
  set_field_int (feature, WA_PACK_WARD_OFFICIAL, ward->official, ward->official >= 0);
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      const WaFigure *figure = &ward->figures[i];
      g_autofree char *score = column_name (i, WA_PACK_SUFFIX_SCORE);
      g_autofree char *rank = column_name (i, WA_PACK_SUFFIX_RANK);
      g_autofree char *decile = column_name (i, WA_PACK_SUFFIX_DECILE);
      g_autofree char *extent = column_name (i, WA_PACK_SUFFIX_EXTENT);
      g_autofree char *proportion = column_name (i, WA_PACK_SUFFIX_PROPORTION);
      g_autofree char *source = column_name (i, WA_PACK_SUFFIX_SOURCE);

      set_field_double (feature, score, figure->score);
      set_field_int (feature, rank, figure->rank, figure->rank > 0);
      set_field_int (feature, decile, figure->decile, figure->decile > 0);
      if (wa_indicator_index (i) == WA_INDEX_IMD)
        {
          set_field_double (feature, extent, figure->extent);
          set_field_double (feature, proportion, figure->proportion);
        }
      set_field_int (feature, source, figure->source, TRUE);
    }
}

static gboolean
write_wards (WardBuild *b, GError **error)
{
  WaBuildContext *ctx = b->ctx;
  OGRLayerH layer = NULL;
  gboolean ok = TRUE;

  if (!create_wards_layer (b, &layer, error))
    return FALSE;
  if (GDALDatasetStartTransaction (ctx->out, FALSE) != OGRERR_NONE)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot start a transaction: %s"),
                   ctx->output_path, wa_gdal_last_message ());
      return FALSE;
    }
  for (guint w = 0; ok && w < b->wards->len; w++)
    {
      Ward *ward = ward_at (b, w);
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));

      fill_ward_feature (feature, ward);
      if (ward->geometry != NULL)
        {
          OGR_F_SetGeometryDirectly (feature, ward->geometry);
          ward->geometry = NULL;
        }
      if (OGR_L_CreateFeature (layer, feature) != OGRERR_NONE)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot write ward %s: %s"),
                       ctx->output_path, ward->code, wa_gdal_last_message ());
          ok = FALSE;
        }
      OGR_F_Destroy (feature);
    }
  if (ok && GDALDatasetCommitTransaction (ctx->out) != OGRERR_NONE)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot commit the wards: %s"),
                   ctx->output_path, wa_gdal_last_message ());
      ok = FALSE;
    }
  return ok;
}

static gboolean
write_indicators (WardBuild *b, GError **error)
{
  WaBuildContext *ctx = b->ctx;
  OGRLayerH layer = wa_build_create_layer (ctx, WA_PACK_LAYER_INDICATORS, wkbNone, error);

  if (layer == NULL
      || !wa_build_add_field (ctx, layer, WA_PACK_IND_ID, OFTString, error)
      || !wa_build_add_field (ctx, layer, WA_PACK_IND_N_RANKED, OFTInteger, error)
      || !wa_build_add_field (ctx, layer, WA_PACK_IND_SOURCE_NOTE, OFTString, error))
    return FALSE;
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      OGRFeatureH feature;
      OGRErr status;

      if (b->n_ranked[i] == 0)
        continue;
      feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGR_F_SetFieldString (feature, 0, wa_indicator_id (i));
      OGR_F_SetFieldInteger (feature, 1, b->n_ranked[i]);
      OGR_F_SetFieldString (feature, 2, b->notes[i]);
      status = OGR_L_CreateFeature (layer, feature);
      OGR_F_Destroy (feature);
      if (status != OGRERR_NONE)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot write the indicators table: %s"),
                       ctx->output_path, wa_gdal_last_message ());
          return FALSE;
        }
    }
  return TRUE;
}

/* Hands the ward list to the later steps (places, postcodes, neighbours). */
static void
fill_context (WardBuild *b)
{
  WaBuildContext *ctx = b->ctx;
  WaBBox extent;
  gboolean any = FALSE;

  ctx->ward_codes = g_ptr_array_new_with_free_func (g_free);
  ctx->ward_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->ward_geometries = g_ptr_array_new_with_free_func (geometry_unref_nullable);
  wa_bbox_init_empty (&extent);
  for (guint w = 0; w < b->wards->len; w++)
    {
      Ward *ward = ward_at (b, w);
      char *code = g_strdup (ward->code);

      g_ptr_array_add (ctx->ward_codes, code);
      g_hash_table_insert (ctx->ward_by_code, code, GUINT_TO_POINTER (w + 1));
      g_ptr_array_add (ctx->ward_geometries, g_steal_pointer (&ward->shape));
      if (g_ptr_array_index (ctx->ward_geometries, w) != NULL)
        {
          wa_bbox_extend (&extent, wa_geometry_get_bbox (g_ptr_array_index (ctx->ward_geometries, w)));
          any = TRUE;
        }
    }
  if (!any)
    return;
  ctx->ward_grid = wa_spatial_index_new (&extent, 0.05);
  for (guint w = 0; w < ctx->ward_geometries->len; w++)
    {
      const WaGeometry *geometry = g_ptr_array_index (ctx->ward_geometries, w);

      if (geometry != NULL)
        wa_spatial_index_insert (ctx->ward_grid, wa_geometry_get_bbox (geometry), w);
    }
}

/* ---- the step ----------------------------------------------------------- */

static gboolean
read_inputs_2019 (WardBuild *b, GError **error)
{
  g_autofree double *cross_check = NULL;

  if (!read_cni_wards (b, error)
      || !read_ward_names (b, error)
      || !fill_lad_names (b, error)
      || !fill_regions (b, error)
      || !read_lsoa_lookup (b, error)
      || !read_lsoa_population (b, error)
      || !read_lsoa_indicators (b, "imd-lsoa-score", WA_INDEX_IMD, FALSE, FALSE, FALSE, error)
      || !read_lsoa_indicators (b, "imd-lsoa-ranks", WA_INDEX_IMD, FALSE, TRUE, TRUE, error))
    return FALSE;
  cross_check = g_new (double, b->wards->len);
  for (guint w = 0; w < b->wards->len; w++)
    cross_check[w] = NAN;
  if (!read_imd_ward_aggregated (b, cross_check, error))
    return FALSE;

  sum_populations (b);
  for (WaIndicator i = WA_INDICATOR_IMD; i < WA_INDICATOR_CNI; i++)
    {
      aggregate_indicator (b, i);
      rank_indicator (b, i);
      set_deciles (b, i);
    }
  /* CNI 2019 ranks are published; only the deciles are ours. */
  for (WaIndicator i = WA_INDICATOR_CNI; i < WA_N_INDICATORS; i++)
    set_deciles (b, i);
  report_cross_check (b, cross_check);
  return TRUE;
}

static gboolean
read_inputs_2025 (WardBuild *b, GError **error)
{
  if (!read_ward_names (b, error)
      || !fill_lad_names (b, error)
      || !fill_regions (b, error)
      || !read_lsoa_lookup (b, error)
      || !read_lsoa_population (b, error)
      || !read_lsoa_indicators (b, "imd-lsoa", WA_INDEX_IMD, TRUE, TRUE, TRUE, error)
      || !read_lsoa_indicators (b, "cni-lsoa", WA_INDEX_CNI, TRUE, TRUE, FALSE, error))
    return FALSE;

  sum_populations (b);
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      aggregate_indicator (b, i);
      rank_indicator (b, i);
      set_deciles (b, i);
    }
  return TRUE;
}

/* One recipe per edition: what it reads and how it turns LSOA figures
 * into ward figures. Indexed by WaEdition. */
typedef gboolean (*WardRecipe) (WardBuild *b, GError **error);

static const WardRecipe recipes[] = {
  [WA_EDITION_2019] = read_inputs_2019,
  [WA_EDITION_2025] = read_inputs_2025,
};

G_STATIC_ASSERT (G_N_ELEMENTS (recipes) == WA_N_EDITIONS);

gboolean
wa_pack_build_has_recipe (WaEdition edition)
{
  return (guint) edition < WA_N_EDITIONS && recipes[edition] != NULL;
}

static void
ward_build_clear (WardBuild *b)
{
  g_clear_pointer (&b->wards, g_ptr_array_unref);
  g_clear_pointer (&b->by_code, g_hash_table_unref);
  g_clear_pointer (&b->lsoas, g_hash_table_unref);
  g_clear_pointer (&b->lsoa_list, g_ptr_array_unref);
  for (int i = 0; i < WA_N_INDICATORS; i++)
    g_clear_pointer (&b->notes[i], g_free);
}

gboolean
wa_build_wards (WaBuildContext *ctx, GError **error)
{
  WardBuild b = { 0 };
  GError *local_error = NULL;
  gboolean ok;

  b.ctx = ctx;
  b.wards = g_ptr_array_new_with_free_func ((GDestroyNotify) ward_free);
  b.by_code = g_hash_table_new (g_str_hash, g_str_equal);
  b.lsoas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b.lsoa_list = g_ptr_array_new_with_free_func (g_free);

  /* The readers test *error after optional lookups, so they need a
   * location even when the caller passed NULL. */
  ok = read_boundaries (&b, &local_error)
       && recipes[ctx->edition] (&b, &local_error);
  if (ok)
    {
      write_notes (&b);
      ok = write_wards (&b, &local_error) && write_indicators (&b, &local_error);
    }
  if (ok)
    {
      fill_context (&b);
      wa_build_report (ctx, _("%u wards, %" PRId64 " LSOAs (%" PRId64 " in IMD decile 1)"),
                       b.wards->len, ctx->lsoa_count, ctx->lsoa_decile1_count);
    }
  else
    g_propagate_error (error, local_error);
  ward_build_clear (&b);
  return ok;
}
