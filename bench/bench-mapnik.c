/* bench-mapnik.c
 *
 * Mapnik draws from the pack's own geometry levels (the same simplified
 * polygons our renderer uses at each zoom). It cannot join a colour from
 * elsewhere, so each ward layer is copied to a scratch GeoPackage with the
 * ward's band and left-behind flag under the current style.
 */
#include <math.h>
#include <stdio.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "bench-mapnik.h"

static const char *ward_levels[] = { "wards_lod0", "wards_lod1", "wards_lod2", "wards" };

/* The pack layer of a kind that our renderer draws for a 256 px tile at
 * a zoom: the pack's levels are made for 512 px tiles, so one zoom down
 * (see wa-tile-renderer.c). */
static char *
level_for_zoom (const char *kind, guint zoom)
{
  zoom = zoom > 0 ? zoom - 1 : 0;
  return g_strconcat (kind, zoom <= 5 ? "_lod0" : zoom <= 7 ? "_lod1" : zoom <= 10 ? "_lod2" : "",
                      NULL);
}

static gboolean
copy_level (GDALDatasetH pack, GDALDatasetH out, const char *name, WaMapStyle *style)
{
  WaAtlas *atlas = wa_map_style_get_atlas (style);
  OGRLayerH source = GDALDatasetGetLayerByName (pack, name);
  OGRLayerH target;
  OGRFieldDefnH field;
  OGRFeatureH feature;

  if (source == NULL)
    return FALSE;
  target = GDALDatasetCreateLayer (out, name, OGR_L_GetSpatialRef (source), wkbMultiPolygon, NULL);
  field = OGR_Fld_Create ("band", OFTInteger);
  OGR_L_CreateField (target, field, TRUE);
  OGR_Fld_Destroy (field);
  field = OGR_Fld_Create ("lb", OFTInteger);
  OGR_L_CreateField (target, field, TRUE);
  OGR_Fld_Destroy (field);

  gboolean ok = OGR_L_StartTransaction (target) == OGRERR_NONE;

  OGR_L_ResetReading (source);
  while ((feature = OGR_L_GetNextFeature (source)) != NULL)
    {
      WaWard *ward = wa_atlas_lookup_ward (atlas, OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, "code")));
      OGRFeatureH copy = OGR_F_Create (OGR_L_GetLayerDefn (target));
      guint index = ward ? wa_ward_get_index (ward) : 0;

      OGR_F_SetGeometry (copy, OGR_F_GetGeometryRef (feature));
      OGR_F_SetFieldInteger (copy, 0, ward ? wa_map_style_get_ward_band (style, index) : -1);
      OGR_F_SetFieldInteger (copy, 1, ward ? wa_map_style_is_left_behind (style, index) : 0);
      ok &= OGR_L_CreateFeature (target, copy) == OGRERR_NONE;
      OGR_F_Destroy (copy);
      OGR_F_Destroy (feature);
    }
  ok &= OGR_L_CommitTransaction (target) == OGRERR_NONE;
  return ok;
}

static gboolean
write_ward_pack (const char *pack_path, const char *out_path, WaMapStyle *style)
{
  GDALDatasetH pack = GDALOpenEx (pack_path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  GDALDriverH driver = GDALGetDriverByName ("GPKG");
  GDALDatasetH out;
  gboolean ok = TRUE;

  if (pack == NULL || driver == NULL)
    return FALSE;
  out = GDALCreate (driver, out_path, 0, 0, 0, GDT_Unknown, NULL);
  for (guint i = 0; out != NULL && i < G_N_ELEMENTS (ward_levels); i++)
    ok &= copy_level (pack, out, ward_levels[i], style);
  if (out != NULL)
    GDALClose (out);
  GDALClose (pack);
  return out != NULL && ok;
}

static char *
hex (const WaRgb *rgb)
{
  return g_strdup_printf ("#%02x%02x%02x", (int) round (rgb->red * 255),
                          (int) round (rgb->green * 255), (int) round (rgb->blue * 255));
}

static char *
write_spec (WaMapStyle *style, const char *pack, const char *wards, GArray *tiles_by_zoom[],
            guint n_zooms)
{
  GString *json = g_string_new ("{\n");
  WaRgb rgb;
  g_autofree char *sea = NULL, *land = NULL, *no_data = NULL, *left_behind = NULL;
  g_autofree char *escaped_pack = g_strescape (pack, NULL);
  g_autofree char *escaped_wards = g_strescape (wards, NULL);

  wa_palette_sea_color (&rgb);
  sea = hex (&rgb);
  wa_palette_land_color (&rgb);
  land = hex (&rgb);
  wa_palette_no_data_color (&rgb);
  no_data = hex (&rgb);
  wa_palette_left_behind_color (&rgb);
  left_behind = hex (&rgb);
  g_string_append_printf (json, "\"pack\": \"%s\", \"wards\": \"%s\",\n", escaped_pack, escaped_wards);
  g_string_append_printf (json, "\"sea\": \"%s\", \"land\": \"%s\", \"no_data\": \"%s\", "
                          "\"left_behind\": \"%s\",\n\"bands\": [", sea, land, no_data, left_behind);
  for (guint b = 0; b < WA_N_BANDS; b++)
    {
      g_autofree char *colour = NULL;

      wa_palette_band_color (wa_map_style_get_palette (style), b, &rgb);
      colour = hex (&rgb);
      g_string_append_printf (json, "%s\"%s\"", b ? ", " : "", colour);
    }
  g_string_append (json, "],\n\"levels\": {");
  for (guint z = 0; z < n_zooms; z++)
    {
      guint zoom = g_array_index (tiles_by_zoom[z], Tile, 0).zoom;
      g_autofree char *wards_level = level_for_zoom ("wards", zoom);
      g_autofree char *lads_level = level_for_zoom ("lads", zoom);
      g_autofree char *regions_level = level_for_zoom ("regions", zoom);
      g_autofree char *land_level = level_for_zoom ("land", zoom);

      g_string_append_printf (json, "%s\"%u\": {\"wards\": \"%s\", \"lads\": \"%s\", "
                              "\"regions\": \"%s\", \"land\": \"%s\"}", z ? ",\n" : "\n", zoom,
                              wards_level, lads_level, regions_level, land_level);
    }
  g_string_append (json, "},\n\"tiles\": [");
  for (guint z = 0; z < n_zooms; z++)
    for (guint i = 0; i < tiles_by_zoom[z]->len; i++)
      {
        const Tile *tile = &g_array_index (tiles_by_zoom[z], Tile, i);

        g_string_append_printf (json, "%s[%u, %u, %u]", z || i ? ", " : "", tile->zoom, tile->x,
                                tile->y);
      }
  g_string_append (json, "]\n}\n");
  return g_string_free (json, FALSE);
}

static double
median (GArray *times)
{
  g_autoptr(GArray) sorted = g_array_copy (times);
  double *values = (double *) sorted->data;

  for (guint i = 1; i < sorted->len; i++)
    for (guint j = i; j > 0 && values[j - 1] > values[j]; j--)
      {
        double t = values[j];

        values[j] = values[j - 1];
        values[j - 1] = t;
      }
  return sorted->len ? values[sorted->len / 2] : NAN;
}

/* Parses "z x y ms" lines into per-zoom arrays of milliseconds. */
static GHashTable *
parse_mapnik_times (const char *output)
{
  GHashTable *by_zoom = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                               (GDestroyNotify) g_array_unref);
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint zoom, x, y;
      char ms_text[32];
      GArray *times;
      double ms;

      if (sscanf (lines[i], "%u %u %u %31s", &zoom, &x, &y, ms_text) != 4)
        continue;
      ms = g_ascii_strtod (ms_text, NULL);
      times = g_hash_table_lookup (by_zoom, GUINT_TO_POINTER (zoom));
      if (times == NULL)
        {
          times = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (by_zoom, GUINT_TO_POINTER (zoom), times);
        }
      g_array_append_val (times, ms);
    }
  return by_zoom;
}

static gboolean
python_has_mapnik (const char *python)
{
  const char *argv[] = { python, "-c", "import mapnik", NULL };
  int status = -1;

  return g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                       G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL)
         && g_spawn_check_wait_status (status, NULL);
}

static void
print_comparison (WaMapStyle *style, GArray *tiles_by_zoom[], guint n_zooms, GHashTable *mapnik)
{
  printf ("%-8s %16s %16s %10s\n", "zoom", "Ward Atlas (ms)", "Mapnik (ms)", "ratio");
  for (guint z = 0; z < n_zooms; z++)
    {
      GArray *tiles = tiles_by_zoom[z];
      guint zoom = g_array_index (tiles, Tile, 0).zoom;
      GArray *theirs = g_hash_table_lookup (mapnik, GUINT_TO_POINTER (zoom));
      g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
      double our_median, their_median;

      for (guint i = 0; i < tiles->len; i++)
        {
          double ms = render_ms (style, &g_array_index (tiles, Tile, i), 256, FALSE);

          g_array_append_val (ours, ms);
        }
      our_median = median (ours);
      their_median = theirs ? median (theirs) : NAN;
      printf ("z%-7u %16.2f %16.2f %9.2fx  %s\n", zoom, our_median, their_median,
              their_median / our_median,
              their_median >= our_median ? "(Ward Atlas faster)" : "(Mapnik faster)");
    }
  printf ("ratio = Mapnik median / Ward Atlas median, same tiles, same layers, no labels, "
          "one thread, 256 px\n");
}

void
bench_mapnik (WaMapStyle *style, const char *pack, GArray *tiles_by_zoom[], guint n_zooms,
              const char *python)
{
  g_autofree char *dir = NULL;
  g_autofree char *wards = NULL;
  g_autofree char *spec_path = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *script = g_build_filename (WA_BENCH_DIR, "mapnik-render.py", NULL);
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) times = NULL;
  const char *argv[4];
  int status;

  if (!python_has_mapnik (python))
    {
      printf ("skipped: %s cannot import mapnik (Debian: apt install python3-mapnik)\n", python);
      return;
    }
  dir = g_dir_make_tmp ("ward-atlas-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      printf ("skipped: %s\n", error->message);
      return;
    }
  wards = g_build_filename (dir, "wards.gpkg", NULL);
  spec_path = g_build_filename (dir, "spec.json", NULL);
  GDALAllRegister ();
  if (!write_ward_pack (pack, wards, style))
    {
      printf ("skipped: could not write %s\n", wards);
      return;
    }
  spec = write_spec (style, pack, wards, tiles_by_zoom, n_zooms);
  g_file_set_contents (spec_path, spec, -1, NULL);

  argv[0] = python;
  argv[1] = script;
  argv[2] = spec_path;
  argv[3] = NULL;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, &errors,
                     &status, &error)
      || !g_spawn_check_wait_status (status, NULL))
    printf ("Mapnik failed: %s\n", error ? error->message : errors);
  else
    {
      times = parse_mapnik_times (output);
      print_comparison (style, tiles_by_zoom, n_zooms, times);
    }
  g_unlink (wards);
  g_unlink (spec_path);
  g_rmdir (dir);
}
