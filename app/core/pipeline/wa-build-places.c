/* wa-build-places.c: the "places" layer (labels and place search) from OS
 * Open Names, England only, with ONS major towns and cities marked. */
#include <inttypes.h>
#include "wa-build-source.h"
#include "wa-error.h"
#include "wa-pack.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#define KM_PER_DEGREE_LAT 110.574
#define KM_PER_DEGREE_LON 111.320
/* Extent (km²) at which a place gets half the kind's extent bonus. */
#define IMPORTANCE_HALF_AREA_KM2 10.0
/* Malformed rows reported one by one before only the total is given. */
#define MAX_REPORTED_ROWS 5

/* In increasing importance: the enum value is the importance rank. */
typedef enum {
  KIND_OTHER,
  KIND_HAMLET,
  KIND_VILLAGE,
  KIND_SUBURB,
  KIND_TOWN,
  KIND_CITY,
} PlaceKind;

static const struct {
  const char *local_type;   /* OS Open Names LOCAL_TYPE */
  const char *kind;         /* WA_PACK_PLACE_KIND value */
  PlaceKind rank;
} kinds[] = {
  { "City", "city", KIND_CITY },
  { "Town", "town", KIND_TOWN },
  { "Suburban Area", "suburb", KIND_SUBURB },
  { "Village", "village", KIND_VILLAGE },
  { "Hamlet", "hamlet", KIND_HAMLET },
  { "Other Settlement", "other", KIND_OTHER },
};

typedef struct {
  char *name;
  char *district;
  PlaceKind kind;
  gboolean major;
  int ward;             /* index into ctx->ward_codes, or -1 */
  double lon, lat;
  double min_x, min_y, max_x, max_y;
  double importance;
} Place;

typedef struct {
  char *name;
  char *key;            /* match_key (name) */
  WaGeometry *geometry;
  gboolean matched;
} Town;

/* Column indices of the Open Names table. */
typedef struct {
  int name, kind, x, y, min_x, min_y, max_x, max_y, district, county, country;
} PlaceColumns;

static void
place_clear (gpointer data)
{
  Place *place = data;

  g_free (place->name);
  g_free (place->district);
}

static void
town_free (gpointer data)
{
  Town *town = data;

  g_free (town->name);
  g_free (town->key);
  g_clear_pointer (&town->geometry, wa_geometry_unref);
  g_free (town);
}

static const char *
kind_name (PlaceKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].rank == kind)
      return kinds[i].kind;
  return "other";
}

static gboolean
parse_kind (const char *local_type, PlaceKind *out_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (local_type != NULL && g_ascii_strcasecmp (local_type, kinds[i].local_type) == 0)
      {
        *out_kind = kinds[i].rank;
        return TRUE;
      }
  *out_kind = KIND_OTHER;
  return FALSE;
}

/* Name key for matching ONS and OS spellings: "St. Albans" = "St Albans",
 * "Stoke-on-Trent" = "Stoke on Trent", "&" = "and". */
static char *
match_key (const char *name)
{
  GString *key = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '&')
        g_string_append (key, "and");
      else if (g_ascii_isalnum (*p) || (guchar) *p >= 0x80)
        g_string_append_c (key, g_ascii_tolower (*p));
    }
  return g_string_free (key, FALSE);
}

/* Kind first, then extent: the extent term stays below 1 so it never lifts
 * a place over the next kind. */
static double
importance (PlaceKind kind, double area_km2)
{
  area_km2 = MAX (area_km2, 0.0);
  return (double) kind + area_km2 / (area_km2 + IMPORTANCE_HALF_AREA_KM2);
}

static double
bbox_area_km2 (double min_x, double min_y, double max_x, double max_y)
{
  double mid_lat = (min_y + max_y) * 0.5 * G_PI / 180.0;

  return (max_x - min_x) * KM_PER_DEGREE_LON * cos (mid_lat)
    * (max_y - min_y) * KM_PER_DEGREE_LAT;
}

/* ---- ONS major towns and cities -------------------------------------- */

static gboolean
is_wgs84 (OGRLayerH layer)
{
  OGRSpatialReferenceH srs = OGR_L_GetSpatialRef (layer);

  return srs == NULL
    || (g_strcmp0 (OSRGetAuthorityName (srs, NULL), "EPSG") == 0
        && g_strcmp0 (OSRGetAuthorityCode (srs, NULL), "4326") == 0);
}

static GPtrArray *
read_towns (WaBuildContext *ctx, GError **error)
{
  const WaManifestSource *source;
  g_autoptr(GPtrArray) towns = NULL;
  WaBuildSource t = { 0 };
  OGRFeatureH feature;
  int name_index;

  source = wa_manifest_find_role (ctx->manifest, ctx->edition, "towns", error);
  if (source == NULL || wa_manifest_source_column (source, "name", error) == NULL)
    return NULL;
  if (!wa_build_source_open (&t, ctx, source, WA_BUILD_SOURCE_VECTOR, error)
      || (name_index = wa_build_source_column (&t, "name", TRUE, error)) < 0)
    goto out;
  if (!is_wgs84 (t.layer))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                   _("%s: layer “%s” must be in EPSG:4326 (longitude, latitude)"),
                   t.path, OGR_L_GetName (t.layer));
      goto out;
    }

  towns = g_ptr_array_new_with_free_func (town_free);
  while ((feature = wa_build_source_next (&t)) != NULL)
    {
      const char *name = wa_gdal_field_string (feature, name_index);
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
      WaGeometry *town_geometry = NULL;

      if (name != NULL && geometry != NULL)
        town_geometry = wa_geometry_new_from_ogr (geometry, NULL);
      if (town_geometry == NULL)
        wa_build_report (ctx, _("%s: feature %" PRId64 " has no name or no polygon; skipped"),
                         t.path, (gint64) OGR_F_GetFID (feature));
      else
        {
          Town *town = g_new0 (Town, 1);
          town->name = g_strdup (name);
          town->key = match_key (name);
          town->geometry = town_geometry;
          g_ptr_array_add (towns, town);
        }
      OGR_F_Destroy (feature);
    }
  if (!wa_build_source_check_end (&t, error))
    g_clear_pointer (&towns, g_ptr_array_unref);

out:
  wa_build_source_close (&t);
  return g_steal_pointer (&towns);
}

static gboolean
town_covers (const Town *town, const Place *place)
{
  return wa_bbox_contains (wa_geometry_get_bbox (town->geometry), place->lon, place->lat);
}

static void
match_places (GArray *places, GHashTable *town_by_key)
{
  for (guint i = 0; i < places->len; i++)
    {
      Place *place = &g_array_index (places, Place, i);
      g_autofree char *key = match_key (place->name);
      Town *town = g_hash_table_lookup (town_by_key, key);

      if (town != NULL && town_covers (town, place))
        {
          place->major = TRUE;
          town->matched = TRUE;
        }
    }
}

/* For a town still unmatched, a town or city inside it whose name ends
 * with the town's ("Royal Sutton Coldfield" for "Sutton Coldfield"). */
static void
match_longer_names (GArray *places, GPtrArray *towns)
{
  for (guint t = 0; t < towns->len; t++)
    {
      Town *town = g_ptr_array_index (towns, t);

      for (guint i = 0; !town->matched && i < places->len; i++)
        {
          Place *place = &g_array_index (places, Place, i);
          g_autofree char *key = NULL;

          if (place->kind < KIND_TOWN || !town_covers (town, place))
            continue;
          key = match_key (place->name);
          if (g_str_has_suffix (key, town->key))
            {
              place->major = TRUE;
              town->matched = TRUE;
            }
        }
    }
}

/* Marks places named like a town that lie within the town's extent (so a
 * "Newport" on the Isle of Wight stays minor). A town that no place names
 * whole ("Brighton and Hove") marks the places named like its parts. */
static void
mark_major_places (GArray *places, GPtrArray *towns)
{
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_part = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < towns->len; i++)
    {
      Town *town = g_ptr_array_index (towns, i);
      g_hash_table_insert (by_name, town->key, town);
    }
  match_places (places, by_name);

  for (guint i = 0; i < towns->len; i++)
    {
      Town *town = g_ptr_array_index (towns, i);
      g_auto(GStrv) parts = g_strsplit (town->name, " and ", -1);

      for (guint p = 0; !town->matched && parts[1] != NULL && parts[p] != NULL; p++)
        g_hash_table_insert (by_part, match_key (parts[p]), town);
    }
  match_places (places, by_part);
  match_longer_names (places, towns);
}

/* The LAD name of a ward, from the "wards" layer already in the pack. */
static char *
ward_lad_name (WaBuildContext *ctx, int ward)
{
  OGRLayerH layer = GDALDatasetGetLayerByName (ctx->out, WA_PACK_LAYER_WARDS);
  g_autofree char *filter = NULL;
  OGRFeatureH feature;
  char *name = NULL;
  int index;

  if (layer == NULL || ward < 0)
    return NULL;
  index = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), WA_PACK_WARD_LAD_NAME);
  if (index < 0)
    return NULL;
  filter = g_strdup_printf ("%s = '%s'", WA_PACK_WARD_CODE,
                            (const char *) g_ptr_array_index (ctx->ward_codes, ward));
  OGR_L_SetAttributeFilter (layer, filter);
  OGR_L_ResetReading (layer);
  if ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      name = g_strdup (wa_gdal_field_string (feature, index));
      OGR_F_Destroy (feature);
    }
  OGR_L_SetAttributeFilter (layer, NULL);
  return name;
}

/* Major towns that Open Names lacks (or names differently) become cities
 * at a point inside their polygon; those outside every ward (Wales) are
 * not England's. */
static guint
add_missing_towns (WaBuildContext *ctx, GArray *places, GPtrArray *towns)
{
  guint n_added = 0;

  for (guint i = 0; i < towns->len; i++)
    {
      const Town *town = g_ptr_array_index (towns, i);
      const WaBBox *box = wa_geometry_get_bbox (town->geometry);
      Place place = { 0 };

      if (town->matched)
        continue;
      wa_geometry_interior_point (town->geometry, &place.lon, &place.lat);
      place.ward = wa_build_locate_ward (ctx, place.lon, place.lat);
      if (place.ward < 0)
        continue;
      place.name = g_strdup (town->name);
      place.district = ward_lad_name (ctx, place.ward);
      place.kind = KIND_CITY;
      place.major = TRUE;
      place.min_x = box->min_x;
      place.min_y = box->min_y;
      place.max_x = box->max_x;
      place.max_y = box->max_y;
      place.importance = importance (place.kind,
                                     bbox_area_km2 (box->min_x, box->min_y, box->max_x, box->max_y));
      wa_build_report (ctx, _("Major town “%s” is not in the place names; added from its boundary"),
                       town->name);
      g_array_append_val (places, place);
      n_added++;
    }
  return n_added;
}

/* ---- OS Open Names --------------------------------------------------- */

static gboolean
find_columns (WaBuildSource *s, PlaceColumns *columns, GError **error)
{
  const WaBuildColumn wanted[] = {
    { "name", &columns->name, TRUE },
    { "kind", &columns->kind, TRUE },
    { "x", &columns->x, TRUE },
    { "y", &columns->y, TRUE },
    { "min_x", &columns->min_x, FALSE },
    { "min_y", &columns->min_y, FALSE },
    { "max_x", &columns->max_x, FALSE },
    { "max_y", &columns->max_y, FALSE },
    { "district", &columns->district, FALSE },
    { "county", &columns->county, FALSE },
    { "country", &columns->country, FALSE },
  };

  return wa_build_source_columns (s, wanted, G_N_ELEMENTS (wanted), error);
}

/* Extent in degrees from the grid MBR; the point itself when there is none. */
static void
set_extent (Place *place, OGRFeatureH feature, const PlaceColumns *columns,
            OGRCoordinateTransformationH transform, double *out_area_km2)
{
  double x[4], y[4];
  int ok[4];
  double min_x, min_y, max_x, max_y;

  place->min_x = place->max_x = place->lon;
  place->min_y = place->max_y = place->lat;
  *out_area_km2 = 0.0;
  if (!wa_gdal_field_double (feature, columns->min_x, &min_x)
      || !wa_gdal_field_double (feature, columns->min_y, &min_y)
      || !wa_gdal_field_double (feature, columns->max_x, &max_x)
      || !wa_gdal_field_double (feature, columns->max_y, &max_y)
      || min_x > max_x || min_y > max_y)
    return;

  x[0] = min_x; y[0] = min_y;
  x[1] = max_x; y[1] = min_y;
  x[2] = max_x; y[2] = max_y;
  x[3] = min_x; y[3] = max_y;
  if (!OCTTransformEx (transform, 4, x, y, NULL, ok) || !ok[0] || !ok[1] || !ok[2] || !ok[3])
    return;
  place->min_x = MIN (MIN (x[0], x[1]), MIN (x[2], x[3]));
  place->max_x = MAX (MAX (x[0], x[1]), MAX (x[2], x[3]));
  place->min_y = MIN (MIN (y[0], y[1]), MIN (y[2], y[3]));
  place->max_y = MAX (MAX (y[0], y[1]), MAX (y[2], y[3]));
  /* The grid is in metres (British National Grid), so its area is direct. */
  *out_area_km2 = (max_x - min_x) * (max_y - min_y) / 1e6;
}

typedef struct {
  gint64 read, in_country, malformed, unknown_kind, outside;
} PlaceCounts;

/* One Open Names row into place; FALSE (reported) when it is malformed. */
static gboolean
parse_place (WaBuildContext *ctx, const char *path, gint64 row, OGRFeatureH feature,
             const PlaceColumns *columns, OGRCoordinateTransformationH transform,
             PlaceCounts *counts, Place *place)
{
  const char *name = wa_gdal_field_string (feature, columns->name);
  const char *district;
  double x, y, area_km2;

  if (name == NULL || !wa_gdal_field_double (feature, columns->x, &x)
      || !wa_gdal_field_double (feature, columns->y, &y)
      || !OCTTransform (transform, 1, &x, &y, NULL))
    {
      if (counts->malformed++ < MAX_REPORTED_ROWS)
        wa_build_report (ctx, _("%s: row %" PRId64 ": no name or no usable position; skipped"),
                         path, row);
      return FALSE;
    }
  place->name = g_strdup (name);
  place->lon = x;
  place->lat = y;
  if (!parse_kind (wa_gdal_field_string (feature, columns->kind), &place->kind))
    counts->unknown_kind++;
  district = wa_gdal_field_string (feature, columns->district);
  if (district == NULL)
    district = wa_gdal_field_string (feature, columns->county);
  place->district = g_strdup (district);
  set_extent (place, feature, columns, transform, &area_km2);
  place->importance = importance (place->kind, area_km2);
  place->ward = wa_build_locate_ward (ctx, place->lon, place->lat);
  if (place->ward < 0)
    counts->outside++;
  return TRUE;
}

static GArray *
read_places (WaBuildContext *ctx, const WaManifestSource *source, GError **error)
{
  const char *country = wa_manifest_source_option (source, "country");
  g_autoptr(GArray) places = NULL;
  OGRCoordinateTransformationH transform = NULL;
  PlaceColumns columns;
  PlaceCounts counts = { 0 };
  WaBuildSource s = { 0 };
  OGRFeatureH feature;
  const char *path;

  if (!wa_build_source_open (&s, ctx, source, WA_BUILD_SOURCE_TABLE, error)
      || !find_columns (&s, &columns, error)
      || (transform = wa_build_source_transform (source, s.path, error)) == NULL)
    goto out;
  path = s.path;
  if (country != NULL && columns.country < 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: option.country is set but column.country is not"), path);
      goto out;
    }

  places = g_array_new (FALSE, TRUE, sizeof (Place));
  g_array_set_clear_func (places, place_clear);
  while ((feature = wa_build_source_next (&s)) != NULL)
    {
      Place place = { 0 };

      counts.read++;
      if (country == NULL
          || g_strcmp0 (wa_gdal_field_string (feature, columns.country), country) == 0)
        {
          counts.in_country++;
          if (parse_place (ctx, path, counts.read, feature, &columns, transform, &counts, &place))
            g_array_append_val (places, place);
        }
      OGR_F_Destroy (feature);
    }
  if (!wa_build_source_check_end (&s, error))
    {
      g_clear_pointer (&places, g_array_unref);
      goto out;
    }

  wa_build_report (ctx, _("%s: %" PRId64 " rows, %" PRId64 " in %s, "
                          "%" PRId64 " malformed, %" PRId64 " of unknown kind, "
                          "%" PRId64 " outside every ward"),
                   path, counts.read, counts.in_country, country != NULL ? country : _("any country"),
                   counts.malformed, counts.unknown_kind, counts.outside);
  if (places->len == 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: no usable place rows (%" PRId64 " read)"), path, counts.read);
      g_clear_pointer (&places, g_array_unref);
    }
  /* Coordinates in another CRS than option.srs land nowhere near a ward. */
  else if (ctx->ward_grid != NULL && counts.outside == (gint64) places->len)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: none of its %u places lies in a ward; are the coordinates in the "
                     "reference system that option.srs names (EPSG:%s)?"),
                   path, places->len, wa_manifest_source_option (source, "srs") != NULL
                                      ? wa_manifest_source_option (source, "srs") : "4326");
      g_clear_pointer (&places, g_array_unref);
    }

out:
  if (transform != NULL)
    OCTDestroyCoordinateTransformation (transform);
  wa_build_source_close (&s);
  return g_steal_pointer (&places);
}

/* ---- writing --------------------------------------------------------- */

static int
compare_importance (gconstpointer a, gconstpointer b)
{
  const Place *x = a, *y = b;

  if (x->importance != y->importance)
    return x->importance < y->importance ? 1 : -1;
  return g_strcmp0 (x->name, y->name);
}

static OGRLayerH
create_places_layer (WaBuildContext *ctx, GError **error)
{
  static const WaBuildField fields[] = {
    { WA_PACK_PLACE_NAME, OFTString },
    { WA_PACK_PLACE_KIND, OFTString },
    { WA_PACK_PLACE_MAJOR, OFTInteger },
    { WA_PACK_PLACE_DISTRICT, OFTString },
    { WA_PACK_PLACE_WARD_CODE, OFTString },
    { WA_PACK_PLACE_IMPORTANCE, OFTReal },
    { WA_PACK_PLACE_MIN_X, OFTReal },
    { WA_PACK_PLACE_MIN_Y, OFTReal },
    { WA_PACK_PLACE_MAX_X, OFTReal },
    { WA_PACK_PLACE_MAX_Y, OFTReal },
  };

  return wa_build_create_layer_with_fields (ctx, WA_PACK_LAYER_PLACES, wkbPoint,
                                            fields, G_N_ELEMENTS (fields), error);
}

static void
fill_feature (WaBuildContext *ctx, OGRFeatureH feature, const Place *place)
{
  OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);

  OGR_F_SetFieldString (feature, 0, place->name);
  OGR_F_SetFieldString (feature, 1, kind_name (place->kind));
  OGR_F_SetFieldInteger (feature, 2, place->major ? 1 : 0);
  if (place->district != NULL)
    OGR_F_SetFieldString (feature, 3, place->district);
  else
    OGR_F_SetFieldNull (feature, 3);
  if (place->ward >= 0)
    OGR_F_SetFieldString (feature, 4, g_ptr_array_index (ctx->ward_codes, place->ward));
  else
    OGR_F_SetFieldNull (feature, 4);
  OGR_F_SetFieldDouble (feature, 5, place->importance);
  OGR_F_SetFieldDouble (feature, 6, place->min_x);
  OGR_F_SetFieldDouble (feature, 7, place->min_y);
  OGR_F_SetFieldDouble (feature, 8, place->max_x);
  OGR_F_SetFieldDouble (feature, 9, place->max_y);
  OGR_G_SetPoint_2D (point, 0, place->lon, place->lat);
  OGR_F_SetGeometryDirectly (feature, point);
}

static gboolean
write_places (WaBuildContext *ctx, GArray *places, GError **error)
{
  OGRLayerH layer;
  OGRFeatureH feature;
  gboolean started = FALSE;
  gboolean ok = TRUE;

  started = wa_build_begin (ctx);
  layer = create_places_layer (ctx, error);
  if (layer == NULL)
    ok = FALSE;
  feature = ok ? OGR_F_Create (OGR_L_GetLayerDefn (layer)) : NULL;
  for (guint i = 0; ok && i < places->len; i++)
    {
      fill_feature (ctx, feature, &g_array_index (places, Place, i));
      OGR_F_SetFID (feature, OGRNullFID);
      if (OGR_L_CreateFeature (layer, feature) != OGRERR_NONE)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_IO,
                       _("%s: cannot write to layer “%s”: %s"),
                       wa_build_pack_path (ctx), WA_PACK_LAYER_PLACES, wa_gdal_last_message ());
          ok = FALSE;
        }
    }
  if (feature != NULL)
    OGR_F_Destroy (feature);

  return wa_build_end (ctx, started, ok, error);
}

gboolean
wa_build_places (WaBuildContext *ctx, GError **error)
{
  const WaManifestSource *source;
  g_autoptr(GArray) places = NULL;
  g_autoptr(GPtrArray) towns = NULL;
  guint n_major = 0, n_added;
  gint64 start = g_get_monotonic_time ();

  source = wa_manifest_find_role (ctx->manifest, ctx->edition, "places", error);
  if (source == NULL)
    return FALSE;
  towns = read_towns (ctx, error);
  if (towns == NULL)
    return FALSE;
  places = read_places (ctx, source, error);
  if (places == NULL)
    return FALSE;

  mark_major_places (places, towns);
  n_added = add_missing_towns (ctx, places, towns);
  g_array_sort (places, compare_importance);
  for (guint i = 0; i < places->len; i++)
    n_major += g_array_index (places, Place, i).major ? 1 : 0;

  if (!write_places (ctx, places, error))
    return FALSE;
  wa_build_report (ctx, _("Places: %u written, %u major (%u major towns added from their boundaries), %.1f s"),
                   places->len, n_major, n_added, (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}
