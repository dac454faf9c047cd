/* wa-build-wards.c: the "wards" layer and the "indicators" table.
 *
 * The ward list is the boundary file, plus (2019) every CNI ward the
 * boundary file lacks, kept without geometry. Ward figures come from LSOA
 * tables through one aggregation path (population-weighted mean score,
 * MHCLG extent, proportion in the most deprived decile), except where a
 * figure is published at ward level (CNI 2019) or only exists in a
 * third-party ward aggregation (IMD 2019 domain scores). */
#include <inttypes.h>
#include "wa-build-wards-private.h"
#include "wa-error.h"
#include "wa-pack.h"

#include <math.h>
#include <glib/gi18n-lib.h>

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

void
wa_ward_build_set_string (char **field, const char *value)
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

/* ---- reading tables --------------------------------------------------- */

gboolean
wa_ward_build_source_open (WaBuildSource *t, WaBuildContext *ctx, const char *role, GError **error)
{
  return wa_build_source_open_role (t, ctx, role, WA_BUILD_SOURCE_BY_NAME, error);
}

void
wa_ward_build_source_close (WaBuildSource *t)
{
  if (t->source != NULL && t->dataset != NULL && !t->uncounted)
    wa_build_report (t->ctx, _("Read %" PRId64 " rows from %s"), t->row, t->source->file);
  wa_build_source_close (t);
}

/* A required ward code that this table has not given before. */
static const char *
read_unique_code (WaBuildSource *t, OGRFeatureH feature, int column, GHashTable *seen, GError **error)
{
  const char *code = wa_build_source_code (t, feature, column, error);

  if (code == NULL)
    return NULL;
  if (g_hash_table_contains (seen, code))
    {
      wa_build_source_row_error (t, error, WA_ERROR_DUPLICATE, column, _("ward %s appears twice"), code);
      return NULL;
    }
  g_hash_table_add (seen, g_strdup (code));
  return code;
}

/* The next row of a table keyed by ward code, each code at most once:
 * the row, its code and its ward's index (-1 for a code the boundaries
 * lack); NULL at the end of the table, or with *error set on a bad row. */
static OGRFeatureH
next_ward_row (WardBuild *b, WaBuildSource *t, int code_col, GHashTable *seen,
               const char **out_code, int *out_index, GError **error)
{
  OGRFeatureH feature = wa_build_source_next (t);

  if (feature == NULL)
    return NULL;
  *out_code = read_unique_code (t, feature, code_col, seen, error);
  if (*out_code == NULL)
    {
      OGR_F_Destroy (feature);
      return NULL;
    }
  *out_index = find_ward (b, *out_code);
  return feature;
}

/* A score: as wa_build_source_double; domain scores may be negative (z-scores), the
 * overall IMD and CNI scores never are. */
gboolean
wa_ward_build_read_score (WaBuildSource *t, OGRFeatureH feature, int column, WaIndicator indicator,
                          double *out_value, GError **error)
{
  if (!wa_build_source_double (t, feature, column, out_value, error))
    return FALSE;
  if ((indicator == WA_INDICATOR_IMD || indicator == WA_INDICATOR_CNI) && *out_value < 0)
    {
      wa_build_source_row_error (t, error, WA_ERROR_PARSE, column,
                                 _("“%s” is negative; an overall %s score is never below 0"),
                                 wa_gdal_field_string (feature, column),
                                 indicator == WA_INDICATOR_IMD ? "IMD" : "CNI");
      return FALSE;
    }
  return TRUE;
}

gboolean
wa_ward_build_read_flag (WaBuildSource *t, OGRFeatureH feature, int column, int *out_flag, GError **error)
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
      wa_build_source_row_error (t, error, WA_ERROR_PARSE, column, _("“%s” is neither TRUE nor FALSE"), text);
      return FALSE;
    }
  return TRUE;
}

gboolean
wa_ward_build_check_matched (WardBuild *b, WaBuildSource *t, gint64 n_unknown,
                             const char *unknown, const char *matched, GError **error)
{
  if (!wa_build_source_check_end (t, error))
    return FALSE;
  if (n_unknown > 0)
    wa_build_report (b->ctx, _("%s: %" PRId64 " of %" PRId64 " rows name %s unknown to this edition; ignored"),
                     t->source->file, n_unknown, t->row, unknown);
  /* Unknown codes are tolerated (other nations, other vintages), but a
   * table of which nothing matches is the wrong file. */
  if (t->row > 0 && n_unknown < t->row)
    return TRUE;
  g_set_error (error, WA_ERROR, WA_ERROR_UNKNOWN_CODE,
               _("%s: none of its %" PRId64 " rows names %s of this edition"),
               t->path, t->row, matched);
  return FALSE;
}

/* ---- ward boundaries ---------------------------------------------------- */

/* Transformation to EPSG:4326 lon/lat, or NULL when the layer is already so. */
static OGRCoordinateTransformationH
layer_transform (WaBuildSource *t, GError **error)
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
 * self-intersections (a digitising slip, or coordinates rounded on export)
 * are repaired and counted in repaired (codes); a boundary with no area
 * left is an error. */
static gboolean
check_ward_geometry (WaBuildSource *t, Ward *ward, GPtrArray *repaired_codes, GError **error)
{
  OGRGeometryH valid;
  OGRGeometryH repaired = NULL;

  if (OGR_G_IsValid (ward->geometry) && OGR_G_Area (ward->geometry) > MIN_WARD_AREA)
    return TRUE;
  /* A bow tie's halves cancel out in its signed area: repair first. */
  valid = OGR_G_MakeValid (ward->geometry);
  if (valid != NULL)
    {
      /* Where the boundary touched or retraced itself, repair returns a
       * collection with lines and points besides the polygons. */
      repaired = wa_build_polygons_only (valid);
      OGR_G_DestroyGeometry (valid);
      if (OGR_G_Area (repaired) <= MIN_WARD_AREA)
        g_clear_pointer (&repaired, OGR_G_DestroyGeometry);
    }
  if (repaired == NULL)
    {
      wa_build_source_row_error (t, error, WA_ERROR_PARSE, -1,
                                 _("ward %s has a boundary of zero area (its points lie on a line or on top of each other)"),
                                 ward->code);
      return FALSE;
    }
  OGR_G_DestroyGeometry (ward->geometry);
  ward->geometry = repaired;
  g_ptr_array_add (repaired_codes, g_strdup (ward->code));
  return TRUE;
}

/* One line for all the repairs of a source: rounding can make dozens. */
static void
report_repairs (WaBuildSource *t, GPtrArray *repaired_codes)
{
  g_autoptr(GString) codes = g_string_new (NULL);
  guint n = repaired_codes->len;

  if (n == 0)
    return;
  for (guint i = 0; i < MIN (n, 5); i++)
    g_string_append_printf (codes, "%s%s", i > 0 ? ", " : "", (char *) repaired_codes->pdata[i]);
  if (n > 5)
    g_string_append (codes, ", …");
  wa_build_report (t->ctx, g_dngettext (GETTEXT_PACKAGE, "%s: %u boundary crossed itself and was repaired (%s)",
                                        "%s: %u boundaries crossed themselves and were repaired (%s)", n),
                   t->path, n, codes->str);
}

/* Longitude and latitude after reprojection; anything else means the layer
 * declares no reference system, or the wrong one. */
static gboolean
check_lonlat (WaBuildSource *t, Ward *ward, GError **error)
{
  const WaBBox *box = wa_geometry_get_bbox (ward->shape);

  if (box->min_x >= -180 && box->max_x <= 180 && box->min_y >= -90 && box->max_y <= 90)
    return TRUE;
  wa_build_source_row_error (t, error, WA_ERROR_PARSE, -1,
                             _("ward %s has coordinates such as (%.0f, %.0f), which are not longitude and latitude; "
                               "the layer's reference system is missing or wrong"),
                             ward->code, box->min_x, box->min_y);
  return FALSE;
}

static gboolean
read_ward_geometry (WaBuildSource *t, Ward *ward, OGRFeatureH feature,
                    OGRCoordinateTransformationH transform, GPtrArray *repaired_codes, GError **error)
{
  OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
  OGRwkbGeometryType type;
  g_autoptr(GError) local_error = NULL;

  if (geometry == NULL || OGR_G_IsEmpty (geometry))
    return TRUE;
  type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  if (type != wkbPolygon && type != wkbMultiPolygon)
    {
      wa_build_source_row_error (t, error, WA_ERROR_PARSE, -1, _("ward %s has a %s geometry, not a polygon"),
                                 ward->code, OGR_G_GetGeometryName (geometry));
      return FALSE;
    }
  geometry = OGR_G_ForceToMultiPolygon (OGR_G_Clone (geometry));
  OGR_G_FlattenTo2D (geometry);
  if (transform != NULL && OGR_G_Transform (geometry, transform) != OGRERR_NONE)
    {
      OGR_G_DestroyGeometry (geometry);
      wa_build_source_row_error (t, error, WA_ERROR_PARSE, -1, _("cannot transform the geometry of ward %s"),
                                 ward->code);
      return FALSE;
    }
  ward->geometry = geometry;
  if (!check_ward_geometry (t, ward, repaired_codes, error))
    return FALSE;
  ward->shape = wa_geometry_new_from_ogr (ward->geometry, &local_error);
  if (ward->shape == NULL)
    {
      wa_build_source_row_error (t, error, WA_ERROR_PARSE, -1, _("ward %s: %s"), ward->code, local_error->message);
      return FALSE;
    }
  if (!check_lonlat (t, ward, error))
    return FALSE;
  return TRUE;
}

static gboolean
read_boundaries (WardBuild *b, GError **error)
{
  WaBuildSource t;
  int code_col, name_col, lad_col, lad_name_col, source_col;
  g_autoptr(GPtrArray) repaired = g_ptr_array_new_with_free_func (g_free);
  OGRCoordinateTransformationH transform = NULL;
  OGRFeatureH feature;
  gboolean ok = FALSE;

  if (!wa_ward_build_source_open (&t, b->ctx, "ward-boundaries", error)
      || (code_col = wa_build_source_column (&t, "code", TRUE, error)) < 0
      || ((name_col = wa_build_source_column (&t, "name", FALSE, error)) < 0 && *error != NULL)
      || ((lad_col = wa_build_source_column (&t, "lad_code", FALSE, error)) < 0 && *error != NULL)
      || ((lad_name_col = wa_build_source_column (&t, "lad_name", FALSE, error)) < 0 && *error != NULL)
      || ((source_col = wa_build_source_column (&t, "geom_source", FALSE, error)) < 0 && *error != NULL))
    goto out;
  transform = layer_transform (&t, error);
  if (transform == NULL && *error != NULL)
    goto out;

  while ((feature = wa_build_source_next (&t)) != NULL)
    {
      const char *code = wa_build_source_code (&t, feature, code_col, error);
      Ward *ward;

      if (code != NULL && find_ward (b, code) >= 0)
        wa_build_source_row_error (&t, error, WA_ERROR_DUPLICATE, code_col, _("ward %s appears twice"), code);
      if (code == NULL || *error != NULL)
        {
          OGR_F_Destroy (feature);
          goto out;
        }
      ward = ward_new (b, code);
      wa_ward_build_set_string (&ward->name, wa_gdal_field_string (feature, name_col));
      wa_ward_build_set_string (&ward->lad_code, wa_gdal_field_string (feature, lad_col));
      wa_ward_build_set_string (&ward->lad_name, wa_gdal_field_string (feature, lad_name_col));
      wa_ward_build_set_string (&ward->geom_source, wa_gdal_field_string (feature, source_col));
      ok = read_ward_geometry (&t, ward, feature, transform, repaired, error);
      OGR_F_Destroy (feature);
      if (!ok)
        goto out;
    }
  report_repairs (&t, repaired);
  ok = wa_build_source_check_end (&t, error) && b->wards->len > 0;
  if (!ok && *error == NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_MISSING, _("%s: holds no wards"), t.path);

out:
  if (transform != NULL)
    OCTDestroyCoordinateTransformation (transform);
  wa_ward_build_source_close (&t);
  return ok;
}

/* ---- ward-level tables -------------------------------------------------- */

gboolean
wa_ward_build_figure_columns (WaBuildSource *t, WaIndex index, gboolean need_score, gboolean need_rank,
                              FigureColumns *columns, GError **error)
{
  for (WaIndicator i = first_indicator (index); i < end_indicator (index); i++)
    {
      g_autofree char *score = g_strconcat (wa_indicator_id (i), ".", WA_PACK_SUFFIX_SCORE, NULL);
      g_autofree char *rank = g_strconcat (wa_indicator_id (i), ".", WA_PACK_SUFFIX_RANK, NULL);

      columns[i].score = wa_build_source_column (t, score, need_score, error);
      if (columns[i].score < 0 && *error != NULL)
        return FALSE;
      columns[i].rank = wa_build_source_column (t, rank, need_rank, error);
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
  WaBuildRanks *ranks[WA_N_INDICATORS] = { NULL };
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int code_col, name_col, lad_col, lad_name_col, flag_col;
  guint n_added = 0;
  OGRFeatureH feature;
  const char *code;
  int index;
  gboolean ok = FALSE;
  WaBuildSource t;

  if (!wa_ward_build_source_open (&t, b->ctx, "cni-ward", error)
      || (code_col = wa_build_source_column (&t, "code", TRUE, error)) < 0
      || ((name_col = wa_build_source_column (&t, "name", FALSE, error)) < 0 && *error != NULL)
      || ((lad_col = wa_build_source_column (&t, "lad_code", FALSE, error)) < 0 && *error != NULL)
      || ((lad_name_col = wa_build_source_column (&t, "lad_name", FALSE, error)) < 0 && *error != NULL)
      || (flag_col = wa_build_source_column (&t, "official", TRUE, error)) < 0
      || !wa_ward_build_figure_columns (&t, WA_INDEX_CNI, TRUE, TRUE, columns, error))
    goto out;
  for (WaIndicator i = WA_INDICATOR_CNI; i < WA_N_INDICATORS; i++)
    ranks[i] = wa_build_ranks_new (columns[i].rank);

  while ((feature = next_ward_row (b, &t, code_col, seen, &code, &index, error)) != NULL)
    {
      Ward *ward;

      /* In the index but not on the map: kept for the tables. */
      if (index < 0)
        {
          ward = ward_new (b, code);
          n_added++;
        }
      else
        ward = ward_at (b, index);
      if (ward->name == NULL)
        wa_ward_build_set_string (&ward->name, wa_gdal_field_string (feature, name_col));
      if (ward->lad_code == NULL)
        wa_ward_build_set_string (&ward->lad_code, wa_gdal_field_string (feature, lad_col));
      if (ward->lad_name == NULL)
        wa_ward_build_set_string (&ward->lad_name, wa_gdal_field_string (feature, lad_name_col));
      ok = wa_ward_build_read_flag (&t, feature, flag_col, &ward->official, error);
      for (WaIndicator i = WA_INDICATOR_CNI; ok && i < WA_N_INDICATORS; i++)
        {
          WaFigure *figure = &ward->figures[i];

          ok = wa_ward_build_read_score (&t, feature, columns[i].score, i, &figure->score, error)
               && wa_build_source_rank (&t, feature, columns[i].rank, &figure->rank, error);
          if (ok && figure->rank > 0)
            {
              figure->source = WA_FIGURE_PUBLISHED;
              b->n_ranked[i]++;
              wa_build_ranks_add (ranks[i], figure->rank, figure->score, code, t.row);
            }
        }
      OGR_F_Destroy (feature);
      if (!ok)
        goto out;
    }
  ok = *error == NULL && wa_build_source_check_end (&t, error);
  for (WaIndicator i = WA_INDICATOR_CNI; ok && i < WA_N_INDICATORS; i++)
    ok = wa_build_ranks_check (ranks[i], &t, error);
  if (ok && n_added > 0)
    wa_build_report (b->ctx, _("%s: %u wards have no boundary; kept without geometry"),
                     t.source->file, n_added);

out:
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    wa_build_ranks_free (ranks[i]);
  g_hash_table_unref (seen);
  wa_ward_build_source_close (&t);
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
  const char *code;
  int index;
  gboolean ok = FALSE;
  int code_col;
  WaBuildSource t;

  if (!wa_ward_build_source_open (&t, b->ctx, "ward-names", error)
      || (code_col = wa_build_source_column (&t, "code", TRUE, error)) < 0)
    goto out;
  for (gsize c = 0; c < G_N_ELEMENTS (logical); c++)
    if ((columns[c] = wa_build_source_column (&t, logical[c], FALSE, error)) < 0 && *error != NULL)
      goto out;

  while ((feature = next_ward_row (b, &t, code_col, seen, &code, &index, error)) != NULL)
    {
      if (index < 0)
        n_unknown++;
      else
        {
          Ward *ward = ward_at (b, index);
          char **fields[] = {
            &ward->name, &ward->lad_code, &ward->lad_name, &ward->region_code, &ward->region_name
          };

          for (gsize c = 0; c < G_N_ELEMENTS (logical); c++)
            wa_ward_build_set_string (fields[c], wa_gdal_field_string (feature, columns[c]));
        }
      OGR_F_Destroy (feature);
    }
  ok = *error == NULL && wa_ward_build_check_matched (b, &t, n_unknown, _("wards"), _("a ward"), error);

out:
  g_hash_table_unref (seen);
  wa_ward_build_source_close (&t);
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
  const char *code;
  int index;
  gboolean ok = FALSE;
  int code_col;
  WaBuildSource t;

  if (!wa_ward_build_source_open (&t, b->ctx, "imd-ward-aggregated", error)
      || (code_col = wa_build_source_column (&t, "code", TRUE, error)) < 0
      || !wa_ward_build_figure_columns (&t, WA_INDEX_IMD, TRUE, FALSE, columns, error))
    goto out;

  while ((feature = next_ward_row (b, &t, code_col, seen, &code, &index, error)) != NULL)
    {
      if (index < 0)
        n_unknown++;
      for (WaIndicator i = WA_INDICATOR_IMD; index >= 0 && i < WA_INDICATOR_CNI; i++)
        {
          double score;

          if (!wa_build_source_double (&t, feature, columns[i].score, &score, error))
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
  ok = *error == NULL && wa_ward_build_check_matched (b, &t, n_unknown, _("wards"), _("a ward"), error);

out:
  g_hash_table_unref (seen);
  wa_ward_build_source_close (&t);
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
  WaBuildSource t;

  if (!wa_ward_build_source_open (&t, b->ctx, "lad-boundaries", error)
      || (code_col = wa_build_source_column (&t, "code", TRUE, error)) < 0
      || (name_col = wa_build_source_column (&t, "name", TRUE, error)) < 0)
    {
      wa_ward_build_source_close (&t);
      return FALSE;
    }
  t.uncounted = TRUE;
  while ((feature = wa_build_source_next (&t)) != NULL)
    {
      const char *code = wa_gdal_field_string (feature, code_col);
      const char *name = wa_gdal_field_string (feature, name_col);

      if (code != NULL && name != NULL)
        g_hash_table_replace (names, g_strdup (code), g_strdup (name));
      OGR_F_Destroy (feature);
    }
  if (!wa_build_source_check_end (&t, error))
    {
      wa_ward_build_source_close (&t);
      return FALSE;
    }
  wa_ward_build_source_close (&t);
  for (guint w = 0; w < b->wards->len; w++)
    {
      Ward *ward = ward_at (b, w);

      if (ward->lad_name == NULL && ward->lad_code != NULL)
        wa_ward_build_set_string (&ward->lad_name, g_hash_table_lookup (names, ward->lad_code));
    }
  return TRUE;
}

static gboolean
fill_regions (WardBuild *b, GError **error)
{
  g_autoptr(GPtrArray) shapes = g_ptr_array_new_with_free_func (geometry_unref_nullable);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) repaired = g_ptr_array_new_with_free_func (g_free);
  OGRCoordinateTransformationH transform = NULL;
  int code_col, name_col;
  OGRFeatureH feature;
  gboolean ok = FALSE;
  WaBuildSource t;

  if (!wa_ward_build_source_open (&t, b->ctx, "region-boundaries", error)
      || (code_col = wa_build_source_column (&t, "code", TRUE, error)) < 0
      || (name_col = wa_build_source_column (&t, "name", TRUE, error)) < 0)
    goto out;
  t.uncounted = TRUE;
  transform = layer_transform (&t, error);
  if (transform == NULL && *error != NULL)
    goto out;
  while ((feature = wa_build_source_next (&t)) != NULL)
    {
      Ward region = { .code = (char *) wa_gdal_field_string (feature, code_col) };

      ok = region.code == NULL
           || read_ward_geometry (&t, &region, feature, transform, repaired, error);
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
  report_repairs (&t, repaired);
  if (!wa_build_source_check_end (&t, error))
    {
      ok = FALSE;
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
            wa_ward_build_set_string (&ward->region_code, g_ptr_array_index (codes, r));
            wa_ward_build_set_string (&ward->region_name, g_ptr_array_index (names, r));
            break;
          }
    }
  ok = TRUE;

out:
  if (transform != NULL)
    OCTDestroyCoordinateTransformation (transform);
  wa_ward_build_source_close (&t);
  return ok;
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

/* ---- the step ----------------------------------------------------------- */

static gboolean read_inputs_2019 (WardBuild *b, GError **error);
static gboolean read_inputs_2025 (WardBuild *b, GError **error);

/* Indexed by WaEdition: the only place that picks an edition's inputs. */
static const WardRecipe recipes[] = {
  [WA_EDITION_2019] = {
    .read = read_inputs_2019,
    .imd_score_role = "imd-lsoa-score",
    .cni_published = TRUE,
    .imd_domains_third_party = TRUE,
  },
  [WA_EDITION_2025] = {
    .read = read_inputs_2025,
    .imd_score_role = "imd-lsoa",
  },
};

G_STATIC_ASSERT (G_N_ELEMENTS (recipes) == WA_N_EDITIONS);

static gboolean
read_inputs_2019 (WardBuild *b, GError **error)
{
  g_autofree double *cross_check = NULL;

  if (!read_cni_wards (b, error)
      || !read_ward_names (b, error)
      || !fill_lad_names (b, error)
      || !fill_regions (b, error)
      || !wa_lsoa_read_lookup (b, error)
      || !wa_lsoa_read_population (b, error)
      || !wa_lsoa_read_indicators (b, b->recipe->imd_score_role, WA_INDEX_IMD, FALSE, FALSE, FALSE, error)
      || !wa_lsoa_read_indicators (b, "imd-lsoa-ranks", WA_INDEX_IMD, FALSE, TRUE, TRUE, error))
    return FALSE;
  cross_check = g_new (double, b->wards->len);
  for (guint w = 0; w < b->wards->len; w++)
    cross_check[w] = NAN;
  if (!read_imd_ward_aggregated (b, cross_check, error))
    return FALSE;

  wa_lsoa_sum_populations (b);
  for (WaIndicator i = WA_INDICATOR_IMD; i < WA_INDICATOR_CNI; i++)
    {
      wa_lsoa_aggregate_indicator (b, i);
      wa_ward_build_rank_indicator (b, i);
      wa_ward_build_set_deciles (b, i);
    }
  /* CNI 2019 ranks are published; only the deciles are ours. */
  for (WaIndicator i = WA_INDICATOR_CNI; i < WA_N_INDICATORS; i++)
    wa_ward_build_set_deciles (b, i);
  report_cross_check (b, cross_check);
  return TRUE;
}

static gboolean
read_inputs_2025 (WardBuild *b, GError **error)
{
  if (!read_ward_names (b, error)
      || !fill_lad_names (b, error)
      || !fill_regions (b, error)
      || !wa_lsoa_read_lookup (b, error)
      || !wa_lsoa_read_population (b, error)
      || !wa_lsoa_read_indicators (b, b->recipe->imd_score_role, WA_INDEX_IMD, TRUE, TRUE, TRUE, error)
      || !wa_lsoa_read_indicators (b, "cni-lsoa", WA_INDEX_CNI, TRUE, TRUE, FALSE, error)
      || !wa_lsoa_read_published_flag (b, "cni-lsoa", error))
    return FALSE;

  wa_lsoa_sum_populations (b);
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      wa_lsoa_aggregate_indicator (b, i);
      wa_ward_build_rank_indicator (b, i);
      wa_ward_build_set_deciles (b, i);
    }
  return TRUE;
}

gboolean
wa_pack_build_has_recipe (WaEdition edition)
{
  return (guint) edition < WA_N_EDITIONS && recipes[edition].read != NULL;
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
  b.recipe = &recipes[ctx->edition];
  b.wards = g_ptr_array_new_with_free_func ((GDestroyNotify) ward_free);
  b.by_code = g_hash_table_new (g_str_hash, g_str_equal);
  b.lsoas = g_hash_table_new (g_str_hash, g_str_equal);
  b.lsoa_list = g_ptr_array_new_with_free_func (wa_build_lsoa_free);

  /* The readers test *error after optional lookups, so they need a
   * location even when the caller passed NULL. */
  ok = read_boundaries (&b, &local_error)
       && b.recipe->read (&b, &local_error);
  if (ok)
    {
      wa_ward_build_write_notes (&b);
      ok = wa_ward_build_write_wards (&b, &local_error) && wa_ward_build_write_indicators (&b, &local_error);
    }
  if (ok)
    {
      wa_ward_build_fill_context (&b);
      wa_build_report (ctx, _("%u wards, %" PRId64 " LSOAs (%" PRId64 " in IMD decile 1)"),
                       b.wards->len, ctx->lsoa_count, ctx->lsoa_decile1_count);
    }
  else
    g_propagate_error (error, local_error);
  ward_build_clear (&b);
  return ok;
}
