/* cli-export.c: the headless exports, `ward-atlas-cli briefing` and
 * `ward-atlas-cli map-image`: cairo and pango only, no display needed. */
#include "wa-cli.h"
#include "ward-atlas-core.h"
#include "wa-briefing.h"
#include "wa-map-drawing.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

static gboolean
parse_palette (const char *id, WaPalette *palette)
{
  *palette = WA_PALETTE_VIRIDIS;
  if (id == NULL || wa_palette_from_id (id, palette))
    return TRUE;
  g_printerr (_("ward-atlas-cli: unknown palette “%s” (viridis, magma, ylorrd, blues)\n"), id);
  return FALSE;
}

/* The briefing asked for: a ward's, an area's or the national change's. */
static WaBriefing *
make_briefing (WaAtlas *atlas, WaAtlas *other, WaChange *change, const char *pack,
               const char *ward_code, const char *lad, const char *region, WaPalette palette,
               GError **error)
{
  if (ward_code != NULL)
    {
      WaWard *ward = wa_atlas_lookup_ward (atlas, ward_code);

      if (ward == NULL)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND,
                       _("%s: no ward with code “%s” in this pack"), pack, ward_code);
          return NULL;
        }
      return wa_briefing_new_for_ward (atlas, ward, change, palette);
    }
  if (lad != NULL || region != NULL)
    return wa_briefing_new_for_area (atlas, lad != NULL ? WA_AREA_LAD : WA_AREA_REGION,
                                     lad != NULL ? lad : region, change, palette, error);
  if (change == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("the change briefing needs both editions' packs: give --compare-pack PACK"));
      return NULL;
    }
  return wa_atlas_get_edition (atlas) == 0 ? wa_briefing_new_for_change (change, atlas, other)
                                           : wa_briefing_new_for_change (change, other, atlas);
}

/* One area of a boundary file (by --name or 1-based --feature, or the
 * only one), or one saved area (by name or id). An error names the file
 * and, when the choice is missing or wrong, lists the areas in it. */
static WaCustomArea *
pick_custom_area (const char *boundary, const char *name_field, const char *saved,
                  const char *name, int feature, GError **error)
{
  g_autoptr(GPtrArray) areas = NULL;
  g_autofree char *store = NULL;
  const char *file;
  GString *list;

  if (saved != NULL)
    {
      store = wa_custom_areas_default_path ();
      if ((areas = wa_custom_areas_load (store, error)) == NULL)
        return NULL;
      file = store;
      name = saved;
    }
  else
    {
      if (!wa_custom_area_import (boundary, name_field, &areas, error))
        return NULL;
      file = boundary;
    }
  if (feature > 0 && saved == NULL)
    {
      if ((guint) feature <= areas->len)
        return g_object_ref (g_ptr_array_index (areas, feature - 1));
    }
  else if (name != NULL)
    {
      for (guint i = 0; i < areas->len; i++)
        {
          WaCustomArea *a = g_ptr_array_index (areas, i);

          if (g_strcmp0 (wa_custom_area_get_name (a), name) == 0
              || (saved != NULL && g_strcmp0 (wa_custom_area_get_id (a), name) == 0))
            return g_object_ref (a);
        }
    }
  else if (areas->len == 1)
    return g_object_ref (g_ptr_array_index (areas, 0));

  list = g_string_new (NULL);
  for (guint i = 0; i < areas->len; i++)
    g_string_append_printf (list, "\n  %u  %s", i + 1,
                            wa_custom_area_get_name (g_ptr_array_index (areas, i)));
  if (areas->len == 0)
    g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND, _("%s: no areas in it"), file);
  else if (feature > 0 && saved == NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND,
                 _("%s: no area number %d; it holds %u:%s"), file, feature, areas->len,
                 list->str);
  else if (name != NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND,
                 _("%s: no area “%s” among its %u:%s"), file, name, areas->len, list->str);
  else
    g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                 _("%s holds %u areas: give --name NAME or --feature N (one area per PDF):%s"),
                 file, areas->len, list->str);
  g_string_free (list, TRUE);
  return NULL;
}

int
wa_cli_briefing (int argc, char **argv)
{
  g_autofree char *ward_code = NULL, *lad = NULL, *region = NULL, *output = NULL;
  g_autofree char *method = NULL, *weights = NULL, *palette_id = NULL, *compare_pack = NULL;
  g_autoptr(WaAtlas) atlas = NULL, other = NULL;
  g_autoptr(WaChange) change = NULL;
  g_autofree char *threshold = NULL;
  g_autoptr(WaBriefing) briefing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *area_file = NULL, *name_field = NULL, *area_name = NULL, *saved_area = NULL;
  g_autoptr(WaCustomArea) area = NULL;
  int feature = 0;
  gboolean force = FALSE, national = FALSE, compare = FALSE;
  WaPalette palette;
  guint n_pages = 0;
  GOptionEntry entries[] = {
    { "ward", 0, 0, G_OPTION_ARG_STRING, &ward_code, N_("Briefing on the ward with this code"), "CODE" },
    { "lad", 0, 0, G_OPTION_ARG_STRING, &lad, N_("Briefing on the local authority with this code"), "CODE" },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("Briefing on the region with this code"), "CODE" },
    { "area", 0, 0, G_OPTION_ARG_FILENAME, &area_file,
      N_("Briefing on a custom area from this boundary file (GeoJSON, GeoPackage, Shapefile, KML)"),
      "FILE" },
    { "name-field", 0, 0, G_OPTION_ARG_STRING, &name_field,
      N_("Field that names the areas of the --area file (default: guessed)"), "FIELD" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &area_name,
      N_("The area of the --area file with this name"), "NAME" },
    { "feature", 0, 0, G_OPTION_ARG_INT, &feature,
      N_("The Nth area of the --area file, from 1"), "N" },
    { "saved-area", 0, 0, G_OPTION_ARG_STRING, &saved_area,
      N_("Briefing on the area saved in the app's “My areas” with this name or id"), "NAME|ID" },
    { "change", 0, 0, G_OPTION_ARG_NONE, &national,
      N_("The national briefing on the change since 2019: wards that entered and left the "
         "left-behind list, by region"), NULL },
    { "compare", 0, 0, G_OPTION_ARG_NONE, &compare,
      N_("Add the “Since 2019” block, with the other edition's pack found beside PACK by its "
         "file name (ward-atlas-2019.gpkg beside ward-atlas-2025.gpkg, and the reverse)"), NULL },
    { "compare-pack", 0, 0, G_OPTION_ARG_FILENAME, &compare_pack,
      N_("Add the “Since 2019” block with this pack of the other edition"), "PACK" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), "FILE.pdf" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the file if it exists"), NULL },
    { "method", 'm', 0, G_OPTION_ARG_STRING, &method, N_("Combined rank method of PACK (see rank --help)"), "M" },
    { "threshold", 't', 0, G_OPTION_ARG_STRING, &threshold,
      N_("Left-behind threshold in percent, above 0 and at most 100"), "N" },
    { "weights", 'w', 0, G_OPTION_ARG_STRING, &weights,
      N_("rank-sum weights, each 0 to 100, e.g. 2,1"), "IMD,CNI" },
    { "palette", 0, 0, G_OPTION_ARG_STRING, &palette_id, N_("viridis, magma, ylorrd or blues"), "P" },
    G_OPTION_ENTRY_NULL
  };

  if (!wa_cli_parse_options ("briefing", "PACK", _("Write an A4 PDF briefing on a ward, a local "
                                                   "authority, a region or a custom area (--area "
                                                   "FILE, one area per PDF, or --saved-area), or "
                                                   "on the change "
                                                   "since 2019 (--change, which finds the other "
                                                   "edition's pack as --compare does). With the "
                                                   "other edition's pack (--compare or "
                                                   "--compare-pack), ward and council briefings "
                                                   "have a “Since 2019” block, and without it a "
                                                   "line saying so; that pack keeps its "
                                                   "edition's default method."),
                             entries, &argc, &argv, 1))
    return 2;
  if ((ward_code != NULL) + (lad != NULL) + (region != NULL) + national + (area_file != NULL)
      + (saved_area != NULL) != 1 || output == NULL)
    {
      g_printerr (_("ward-atlas-cli briefing: give one of --ward, --lad, --region, --area, "
                    "--saved-area or --change, and --output\n"));
      return 2;
    }
  if ((name_field != NULL || area_name != NULL || feature != 0) && area_file == NULL)
    {
      g_printerr (_("ward-atlas-cli briefing: --name-field, --name and --feature go with --area\n"));
      return 2;
    }
  if ((area_name != NULL && feature != 0) || feature < 0)
    {
      g_printerr (_("ward-atlas-cli briefing: give --name or --feature (from 1), not both\n"));
      return 2;
    }
  if (!parse_palette (palette_id, &palette))
    return 2;
  if (!wa_cli_check_output (output, WA_OUTPUT_PDF, argv[1]))
    return 1;
  if ((atlas = wa_cli_open_atlas (argv[1])) == NULL)
    return 1;
  if (!wa_cli_apply_rank_options (atlas, method, threshold, weights))
    return 2;
  if (area_file != NULL || saved_area != NULL)
    {
      area = pick_custom_area (area_file, name_field, saved_area, area_name, feature, &error);
      if (area != NULL)
        briefing = wa_briefing_new_custom_area (atlas, area, palette, &error);
      if (briefing == NULL)
        {
          g_printerr ("ward-atlas-cli briefing: %s\n", error->message);
          return 1;
        }
    }
  else if (!wa_cli_open_change ("briefing", atlas, argv[1], compare_pack, compare || national,
                                &other, &change))
    return 1;
  if (briefing == NULL)
    briefing = make_briefing (atlas, other, change, argv[1], ward_code, lad, region, palette,
                              &error);
  if (briefing == NULL || !wa_briefing_write_pdf (briefing, output, force, &n_pages, &error))
    {
      g_printerr ("ward-atlas-cli briefing: %s\n", error->message);
      return 1;
    }
  printf (_("Wrote %s (%u pages): %s\n"), output, n_pages, wa_briefing_get_title (briefing));
  return 0;
}

static gboolean
parse_bbox (const char *text, WaBBox *box)
{
  g_auto(GStrv) parts = text != NULL ? g_strsplit (text, ",", -1) : NULL;
  double v[4];

  if (parts == NULL || g_strv_length (parts) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      char *end;

      v[i] = g_ascii_strtod (g_strstrip (parts[i]), &end);
      if (end == parts[i] || *end != '\0' || !isfinite (v[i]))
        return FALSE;
    }
  *box = (WaBBox) { v[0], v[1], v[2], v[3] };
  return box->min_x < box->max_x && box->min_y < box->max_y
         && box->min_x >= -180 && box->max_x <= 180 && box->min_y >= -85 && box->max_y <= 85;
}

int
wa_cli_map_image (int argc, char **argv)
{
  g_autofree char *bbox_text = NULL, *output = NULL, *method = NULL, *palette_id = NULL;
  g_autofree char *focus = NULL;
  g_autofree char *area_file = NULL, *name_field = NULL, *area_name = NULL;
  g_autoptr(WaCustomArea) area = NULL;
  g_autoptr(GPtrArray) outline = g_ptr_array_new ();
  int feature = 0;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(WaMapStyle) style = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *threshold = NULL;
  double zoom = NAN, scale = 1;
  gboolean force = FALSE, plain = FALSE, assets = FALSE;
  WaMapDrawOptions options;
  WaPalette palette;
  WaMapView view;
  WaBBox box;
  double x0, y0, x1, y1, world_px;
  GOptionEntry entries[] = {
    { "bbox", 'b', 0, G_OPTION_ARG_STRING, &bbox_text, N_("Area to draw: west,south,east,north in degrees"), "W,S,E,N" },
    { "zoom", 'z', 0, G_OPTION_ARG_DOUBLE, &zoom, N_("Map zoom, 0 to 20 (fractions allowed)"), "Z" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PNG file to write"), "FILE.png" },
    { "scale", 's', 0, G_OPTION_ARG_DOUBLE, &scale, N_("Pixels per map pixel: 1 or 2 (default 1)"), "S" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the file if it exists"), NULL },
    { "method", 'm', 0, G_OPTION_ARG_STRING, &method, N_("Combined rank method (see rank --help)"), "M" },
    { "threshold", 't', 0, G_OPTION_ARG_STRING, &threshold,
      N_("Left-behind threshold in percent, above 0 and at most 100"), "N" },
    { "palette", 0, 0, G_OPTION_ARG_STRING, &palette_id, N_("viridis, magma, ylorrd or blues"), "P" },
    { "ward", 0, 0, G_OPTION_ARG_STRING, &focus, N_("Outline the ward with this code"), "CODE" },
    { "area", 0, 0, G_OPTION_ARG_FILENAME, &area_file,
      N_("Outline a custom area from this boundary file; without --bbox and --zoom, the map "
         "fits it"), "FILE" },
    { "name-field", 0, 0, G_OPTION_ARG_STRING, &name_field,
      N_("Field that names the areas of the --area file (default: guessed)"), "FIELD" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &area_name,
      N_("The area of the --area file with this name"), "NAME" },
    { "feature", 0, 0, G_OPTION_ARG_INT, &feature,
      N_("The Nth area of the --area file, from 1"), "N" },
    { "plain", 0, 0, G_OPTION_ARG_NONE, &plain, N_("No legend, scale bar or north arrow (attribution stays)"), NULL },
    { "assets", 0, 0, G_OPTION_ARG_NONE, &assets, N_("Draw the social-infrastructure points"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!wa_cli_parse_options ("map-image", "PACK", _("Draw the map of an area to a PNG image."),
                             entries, &argc, &argv, 1))
    return 2;
  if (area_file != NULL && feature >= 0 && !(area_name != NULL && feature != 0))
    {
      g_autoptr(GError) area_error = NULL;

      /* Read before the other checks: the area can stand for --bbox and --zoom. */
      area = pick_custom_area (area_file, name_field, NULL, area_name, feature, &area_error);
      if (area == NULL)
        {
          g_printerr ("ward-atlas-cli map-image: %s\n", area_error->message);
          return 1;
        }
      g_ptr_array_add (outline, wa_custom_area_get_geometry (area));
      if (bbox_text == NULL && isnan (zoom))
        {
          /* The area with a margin wide enough for the legend (top left) and
           * scale bar, the whole about 1,000 map pixels on its longer side. */
          const WaBBox *b = wa_geometry_get_bbox (wa_custom_area_get_geometry (area));
          double mx = (b->max_x - b->min_x) * 0.35, my = (b->max_y - b->min_y) * 0.35;
          double ax, ay, bx, by;

          box = (WaBBox) { b->min_x - mx, b->min_y - my, b->max_x + mx, b->max_y + my };
          wa_lonlat_to_mercator (box.min_x, box.max_y, &ax, &ay);
          wa_lonlat_to_mercator (box.max_x, box.min_y, &bx, &by);
          zoom = CLAMP (log2 (1000.0 / (MAX (MAX (bx - ax, by - ay), 1e-12) * 256.0)), 0, 17);
          bbox_text = g_strdup_printf ("%.6f,%.6f,%.6f,%.6f", box.min_x, box.min_y, box.max_x,
                                       box.max_y);
        }
    }
  if ((name_field != NULL || area_name != NULL || feature != 0) && area_file == NULL)
    {
      g_printerr (_("ward-atlas-cli map-image: --name-field, --name and --feature go with --area\n"));
      return 2;
    }
  if ((area_name != NULL && feature != 0) || feature < 0)
    {
      g_printerr (_("ward-atlas-cli map-image: give --name or --feature (from 1), not both\n"));
      return 2;
    }
  if (!parse_bbox (bbox_text, &box) || isnan (zoom) || zoom < 0 || zoom > 20 || output == NULL
      || (scale != 1 && scale != 2))
    {
      g_printerr (_("ward-atlas-cli map-image: give --bbox W,S,E,N (west < east, south < north), "
                    "--zoom between 0 and 20, --output, and --scale 1 or 2\n"));
      return 2;
    }
  if (!parse_palette (palette_id, &palette))
    return 2;
  if (!wa_cli_check_output (output, WA_OUTPUT_PNG, argv[1]))
    return 1;
  if ((atlas = wa_cli_open_atlas (argv[1])) == NULL)
    return 1;
  if (!wa_cli_apply_rank_options (atlas, method, threshold, NULL))
    return 2;
  wa_map_draw_options_init (&options);
  if (plain)
    options.flags = WA_MAP_DRAW_LABELS | WA_MAP_DRAW_ATTRIBUTION;
  if (assets)
    options.asset_domains = (1u << WA_N_ASSET_DOMAINS) - 1;
  if (focus != NULL)
    {
      WaWard *ward = wa_atlas_lookup_ward (atlas, focus);

      if (ward == NULL)
        {
          g_printerr (_("ward-atlas-cli map-image: %s: no ward with code “%s” in this pack\n"),
                      argv[1], focus);
          return 1;
        }
      options.focus_ward = (int) wa_ward_get_index (ward);
    }
  if (outline->len > 0)
    options.outline = outline;
  /* The box at this zoom sets the image size. */
  world_px = 256.0 * exp2 (zoom);
  wa_lonlat_to_mercator (box.min_x, box.max_y, &x0, &y0);
  wa_lonlat_to_mercator (box.max_x, box.min_y, &x1, &y1);
  view = (WaMapView) { world_px, x0 * world_px, y0 * world_px,
                       ceil ((x1 - x0) * world_px), ceil ((y1 - y0) * world_px) };
  style = wa_map_style_new (atlas, palette);
  if (!wa_map_write_png (style, &view, &options, scale, output, force, &error))
    {
      g_printerr ("ward-atlas-cli map-image: %s\n", error->message);
      return 1;
    }
  printf (_("Wrote %s (%d × %d pixels)\n"), output, (int) ceil (view.width * scale),
          (int) ceil (view.height * scale));
  return 0;
}
