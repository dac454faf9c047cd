/* bench-mapnik.c
 *
 * Mapnik gets its best setup: every layer copied once to a scratch
 * GeoPackage already projected to EPSG:3857 (the map's own projection, so
 * it never reprojects), the same geometry level Ward Atlas draws at each
 * zoom and tile size (read from the pack's geometry_levels table with the
 * renderer's own wa_tile_detail_zoom), and the ward's band and left-behind
 * flag as columns (Mapnik cannot join a colour from elsewhere). It runs in
 * one Python process for the whole benchmark, which renders a tile on
 * request, so the two renderers alternate tile by tile.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_error.h>

#include "bench-mapnik.h"
#include "wa-map-style.h"
#include "wa-motorway-lines.h"
#include "wa-pack.h"
#include "wa-tile-renderer.h"

static const char *const kinds[] = { "wards", "lads", "regions", "land" };

typedef struct {
  char *layer, *kind;
  int min_zoom, max_zoom;
} Level;

struct _BenchMapnik {
  char *dir;
  char *data_path;
  char *spec_path;
  GPid pid;
  FILE *to;
  FILE *from;
};

static void
level_clear (gpointer data)
{
  Level *level = data;

  g_free (level->layer);
  g_free (level->kind);
}

static GArray *
read_levels (GDALDatasetH pack)
{
  GArray *levels = g_array_new (FALSE, TRUE, sizeof (Level));
  OGRLayerH table = GDALDatasetGetLayerByName (pack, WA_PACK_LAYER_LEVELS);
  OGRFeatureH feature;

  g_array_set_clear_func (levels, level_clear);
  if (table == NULL)
    return levels;
  OGR_L_ResetReading (table);
  while ((feature = OGR_L_GetNextFeature (table)) != NULL)
    {
      Level level = {
        g_strdup (OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, WA_PACK_LEVEL_LAYER))),
        g_strdup (OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, WA_PACK_LEVEL_KIND))),
        OGR_F_GetFieldAsInteger (feature, OGR_F_GetFieldIndex (feature, WA_PACK_LEVEL_MIN_ZOOM)),
        OGR_F_GetFieldAsInteger (feature, OGR_F_GetFieldIndex (feature, WA_PACK_LEVEL_MAX_ZOOM)),
      };

      g_array_append_val (levels, level);
      OGR_F_Destroy (feature);
    }
  return levels;
}

/* The layer of a kind that the renderer draws a tile of this zoom and size
 * from: the same rule as wa-atlas.c's level_for_zoom. */
static const char *
layer_for (GArray *levels, const char *kind, guint zoom, guint size)
{
  double detail = wa_tile_detail_zoom (zoom, size / 256.0);

  for (guint i = 0; i < levels->len; i++)
    {
      const Level *level = &g_array_index (levels, Level, i);

      if (strcmp (level->kind, kind) == 0 && detail >= level->min_zoom
          && detail < level->max_zoom + 1)
        return level->layer;
    }
  return kind;
}

static OGRSpatialReferenceH
srs_new (int epsg)
{
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);

  OSRImportFromEPSG (srs, epsg);
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

/* Copies one pack layer to out in EPSG:3857, of the same geometry type;
 * ward layers get each ward's band (-1: no data) and left-behind flag. */
static gboolean
copy_layer (GDALDatasetH pack, GDALDatasetH out, const char *name, WaMapStyle *style,
            OGRCoordinateTransformationH to_merc, OGRSpatialReferenceH merc)
{
  WaAtlas *atlas = wa_map_style_get_atlas (style);
  OGRLayerH source = GDALDatasetGetLayerByName (pack, name);
  gboolean wards = g_str_has_prefix (name, "wards");
  OGRLayerH target;
  OGRFeatureH feature;
  gboolean ok;

  if (source == NULL || GDALDatasetGetLayerByName (out, name) != NULL)
    return source != NULL;
  target = GDALDatasetCreateLayer (out, name, merc, OGR_L_GetGeomType (source), NULL);
  for (guint i = 0; wards && i < 2; i++)
    {
      OGRFieldDefnH field = OGR_Fld_Create (i == 0 ? "band" : "lb", OFTInteger);

      OGR_L_CreateField (target, field, TRUE);
      OGR_Fld_Destroy (field);
    }
  ok = OGR_L_StartTransaction (target) == OGRERR_NONE;
  OGR_L_ResetReading (source);
  while ((feature = OGR_L_GetNextFeature (source)) != NULL)
    {
      OGRFeatureH copy;
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);

      /* A ward without geometry is not drawn by either renderer. */
      if (geometry == NULL)
        {
          OGR_F_Destroy (feature);
          continue;
        }
      geometry = OGR_G_Clone (geometry);
      copy = OGR_F_Create (OGR_L_GetLayerDefn (target));
      if (wards)
        {
          WaWard *ward = wa_atlas_lookup_ward (atlas, OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, "code")));
          guint index = ward ? wa_ward_get_index (ward) : 0;

          OGR_F_SetFieldInteger (copy, 0, ward ? wa_map_style_get_ward_band (style, index) : -1);
          OGR_F_SetFieldInteger (copy, 1, ward ? wa_map_style_is_left_behind (style, index) : 0);
        }
      ok &= OGR_G_Transform (geometry, to_merc) == OGRERR_NONE;
      OGR_F_SetGeometryDirectly (copy, geometry);
      ok &= OGR_L_CreateFeature (target, copy) == OGRERR_NONE;
      OGR_F_Destroy (copy);
      OGR_F_Destroy (feature);
    }
  ok &= OGR_L_CommitTransaction (target) == OGRERR_NONE;
  if (!ok)
    printf ("Mapnik: cannot copy layer %s: %s\n", name, CPLGetLastErrorMsg ());
  return ok;
}

/* The style's simplified motorway lines for a tile of this zoom and size
 * (wa_map_style_get_motorway_lines, as the renderer takes them) written
 * once as a layer of out in EPSG:3857; its name, or NULL where the
 * renderer draws the pack's links. Mapnik strokes them even at z9, where
 * Ward Atlas fills what they cover (wa_map_style_get_motorway_cover):
 * given those polygons (one, with holes, for all England's motorways) it
 * took 15.7 ms for the densest z9 tile against 8.8 ms stroking the lines,
 * so stroking is its best setup. */
static char *
write_motorway_lines (GDALDatasetH out, WaMapStyle *style, guint zoom, guint size,
                      OGRSpatialReferenceH merc, gboolean *ok)
{
  double detail = wa_tile_detail_zoom (zoom, size / 256.0);
  const WaMotorwayLines *lines = wa_map_style_get_motorway_lines (style, detail);
  /* Mercator units (0-1, y down) to EPSG:3857 metres. */
  const double world_m = 2 * G_PI * 6378137.0;
  char *name;
  OGRLayerH target;

  if (lines == NULL)
    return NULL;
  name = g_strdup_printf ("%s_%g", WA_PACK_LAYER_MOTORWAYS, ceil (detail - 1e-9));
  if (GDALDatasetGetLayerByName (out, name) != NULL)
    return name;
  target = GDALDatasetCreateLayer (out, name, merc, wkbLineString, NULL);
  *ok &= target != NULL && OGR_L_StartTransaction (target) == OGRERR_NONE;
  for (guint c = 0; *ok && c < lines->boxed.lines->len; c++)
    {
      const WaBoxedLine *chain = &g_array_index (lines->boxed.lines, WaBoxedLine, c);
      const double *xy = (const double *) lines->boxed.xy->data + 2 * chain->first_point;
      OGRGeometryH line = OGR_G_CreateGeometry (wkbLineString);
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (target));

      for (guint i = 0; i < chain->n_points; i++)
        OGR_G_AddPoint_2D (line, (xy[2 * i] - 0.5) * world_m, (0.5 - xy[2 * i + 1]) * world_m);
      OGR_F_SetGeometryDirectly (feature, line);
      *ok &= OGR_L_CreateFeature (target, feature) == OGRERR_NONE;
      OGR_F_Destroy (feature);
    }
  *ok &= target != NULL && OGR_L_CommitTransaction (target) == OGRERR_NONE;
  if (!*ok)
    printf ("Mapnik: cannot write layer %s: %s\n", name, CPLGetLastErrorMsg ());
  return name;
}

static char *
hex (const WaRgb *rgb)
{
  return g_strdup_printf ("\"#%02x%02x%02x\"", (int) round (rgb->red * 255),
                          (int) round (rgb->green * 255), (int) round (rgb->blue * 255));
}

static void
append_colours (GString *json, WaMapStyle *style)
{
  const WaMapTheme *theme = wa_map_style_get_theme (style);
  g_autofree char *sea = hex (&theme->sea), *land = hex (&theme->land);
  g_autofree char *no_data = NULL, *left_behind = NULL;
  WaRgb rgb;

  wa_palette_no_data_color (&rgb);
  no_data = hex (&rgb);
  wa_palette_left_behind_color (&rgb);
  left_behind = hex (&rgb);
  g_autofree char *motorway = hex (&theme->motorway);
  g_autofree char *motorway_casing = hex (&theme->motorway_casing);
  g_string_append_printf (json, "\"sea\": %s, \"land\": %s, \"no_data\": %s, \"left_behind\": %s,\n"
                          "\"motorway\": %s, \"motorway_casing\": %s,\n"
                          "\"bands\": [", sea, land, no_data, left_behind, motorway, motorway_casing);
  for (guint b = 0; b < WA_N_BANDS; b++)
    {
      g_autofree char *colour = NULL;

      wa_palette_band_color (wa_map_style_get_palette (style), b, &rgb);
      colour = hex (&rgb);
      g_string_append_printf (json, "%s%s", b ? ", " : "", colour);
    }
  g_string_append (json, "],\n");
}

/* Copies every layer the tiles need and writes the spec naming them. */
static gboolean
write_data (BenchMapnik *self, WaMapStyle *style, const char *pack_path, const guint *zooms,
            guint n_zooms, const guint *sizes, guint n_sizes)
{
  GDALDatasetH pack = GDALOpenEx (pack_path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  GDALDriverH driver = GDALGetDriverByName ("GPKG");
  OGRSpatialReferenceH wgs84 = srs_new (4326), merc = srs_new (3857);
  OGRCoordinateTransformationH to_merc = OCTNewCoordinateTransformation (wgs84, merc);
  g_autoptr(GArray) levels = NULL;
  g_autoptr(GString) json = g_string_new ("{\n");
  g_autofree char *escaped = g_strescape (self->data_path, NULL);
  GDALDatasetH out = NULL;
  gboolean ok = pack != NULL && driver != NULL && to_merc != NULL;

  if (ok)
    out = GDALCreate (driver, self->data_path, 0, 0, 0, GDT_Unknown, NULL);
  ok &= out != NULL;
  levels = ok ? read_levels (pack) : NULL;
  g_string_append_printf (json, "\"data\": \"%s\",\n", escaped);
  if (ok)
    append_colours (json, style);
  /* Motorways: the full-detail layer where the renderer draws the
   * pack's links (dropping vertices under half a pixel apart as it goes),
   * and per level below the style's simplified lines for that zoom, the
   * ones the renderer draws there (write_motorway_lines). */
  if (ok && GDALDatasetGetLayerByName (pack, WA_PACK_LAYER_MOTORWAYS) != NULL)
    {
      ok &= copy_layer (pack, out, WA_PACK_LAYER_MOTORWAYS, style, to_merc, merc);
      g_string_append_printf (json, "\"motorways\": \"%s\",\n", WA_PACK_LAYER_MOTORWAYS);
    }
  g_string_append (json, "\"levels\": {");
  for (guint z = 0; ok && z < n_zooms; z++)
    for (guint s = 0; s < n_sizes; s++)
      {
        g_string_append_printf (json, "%s\"%u/%u\": {", z || s ? ",\n" : "\n", zooms[z], sizes[s]);
        for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
          {
            const char *name = layer_for (levels, kinds[k], zooms[z], sizes[s]);

            ok &= copy_layer (pack, out, name, style, to_merc, merc);
            g_string_append_printf (json, "%s\"%s\": \"%s\"", k ? ", " : "", kinds[k], name);
          }
        {
          g_autofree char *motorways = ok ? write_motorway_lines (out, style, zooms[z], sizes[s],
                                                                  merc, &ok) : NULL;

          double width, casing;

          if (motorways != NULL)
            g_string_append_printf (json, ", \"motorways\": \"%s\"", motorways);
          /* In 256 px tile pixels, as the renderer's (Mapnik scales them
           * for 512 px tiles). */
          wa_map_style_get_motorway_widths (style, zooms[z], &width, &casing);
          g_string_append_printf (json, ", \"motorway_width\": %g, \"motorway_casing_width\": %g",
                                  width, casing);
        }
        g_string_append (json, "}");
      }
  g_string_append (json, "}\n}\n");
  if (out != NULL)
    GDALClose (out);
  if (pack != NULL)
    GDALClose (pack);
  if (to_merc != NULL)
    OCTDestroyCoordinateTransformation (to_merc);
  OSRDestroySpatialReference (wgs84);
  OSRDestroySpatialReference (merc);
  return ok && g_file_set_contents (self->spec_path, json->str, -1, NULL);
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

static gboolean
spawn (BenchMapnik *self, const char *python)
{
  g_autofree char *script = g_build_filename (WA_BENCH_DIR, "mapnik-render.py", NULL);
  const char *argv[] = { python, script, self->spec_path, NULL };
  g_autoptr(GError) error = NULL;
  int in_fd, out_fd;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                 NULL, &self->pid, &in_fd, &out_fd, NULL, &error))
    {
      printf ("Mapnik: skipped, cannot run %s: %s\n", python, error->message);
      return FALSE;
    }
  self->to = fdopen (in_fd, "w");
  self->from = fdopen (out_fd, "r");
  return self->to != NULL && self->from != NULL;
}

BenchMapnik *
bench_mapnik_start (WaMapStyle *style, const char *pack, const char *python, const guint *zooms,
                    guint n_zooms, const guint *sizes, guint n_sizes)
{
  g_autoptr(GError) error = NULL;
  BenchMapnik *self;
  char *dir;

  if (!python_has_mapnik (python))
    {
      printf ("Mapnik: skipped, %s cannot import mapnik (Debian: apt install python3-mapnik)\n",
              python);
      return NULL;
    }
  dir = g_dir_make_tmp ("ward-atlas-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      printf ("Mapnik: skipped, %s\n", error->message);
      return NULL;
    }
  self = g_new0 (BenchMapnik, 1);
  self->dir = dir;
  self->data_path = g_build_filename (dir, "layers-3857.gpkg", NULL);
  self->spec_path = g_build_filename (dir, "spec.json", NULL);
  GDALAllRegister ();
  if (!write_data (self, style, pack, zooms, n_zooms, sizes, n_sizes))
    {
      printf ("Mapnik: skipped, could not write %s\n", self->data_path);
      bench_mapnik_stop (self);
      return NULL;
    }
  if (!spawn (self, python))
    {
      bench_mapnik_stop (self);
      return NULL;
    }
  return self;
}

double
bench_mapnik_render (BenchMapnik *self, const Tile *tile, guint size)
{
  char line[64];

  if (self->to == NULL || fprintf (self->to, "%u %u %u %u\n", tile->zoom, tile->x, tile->y, size) < 0
      || fflush (self->to) != 0 || fgets (line, sizeof line, self->from) == NULL)
    return NAN;
  return g_ascii_strtod (line, NULL);
}

void
bench_mapnik_stop (BenchMapnik *self)
{
  if (self->to != NULL)
    fclose (self->to);
  if (self->from != NULL)
    fclose (self->from);
  if (self->pid > 0)
    {
      waitpid (self->pid, NULL, 0);
      g_spawn_close_pid (self->pid);
    }
  g_unlink (self->data_path);
  g_unlink (self->spec_path);
  g_rmdir (self->dir);
  g_free (self->data_path);
  g_free (self->spec_path);
  g_free (self->dir);
  g_free (self);
}
