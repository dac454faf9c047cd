/* cli-search.c: `ward-atlas-cli search`, the app's search box on the
 * command line: the same results in the same order. */
#include "wa-cli.h"
#include "ward-atlas-core.h"
#include "wa-json.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

/* The search keeps a result slot for each one asked for: a cap keeps a
 * large --limit from allocating gigabytes. */
#define MAX_LIMIT 1000

static void
print_text (GPtrArray *results)
{
  for (guint i = 0; i < results->len; i++)
    {
      const WaSearchResult *r = g_ptr_array_index (results, i);

      /* "Becontree — ward in Barking and Dagenham" */
      printf ("%s — %s", r->title, r->context);
      if (r->has_point)
        printf ("  (%.5f, %.5f)", r->lon, r->lat);
      printf ("\n");
    }
}

/* Coordinates with six decimals (about 0.1 m), as the text shows five. */
static void
add_coordinate (JsonBuilder *b, const char *key, double value)
{
  wa_json_add_number (b, key, value, "%.6f");
}

static void
print_json (GPtrArray *results, WaAtlas *atlas)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *text = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < results->len; i++)
    {
      const WaSearchResult *r = g_ptr_array_index (results, i);
      WaWard *ward = r->ward_index >= 0 ? wa_atlas_get_ward (atlas, r->ward_index) : NULL;

      json_builder_begin_object (b);
      wa_json_add_string (b, "kind", wa_search_result_kind_label (r));
      wa_json_add_string (b, "title", r->title);
      wa_json_add_string (b, "context", r->context);
      if (r->code != NULL)
        wa_json_add_string (b, "code", r->code);
      if (ward != NULL)
        wa_json_add_string (b, "ward_code", wa_ward_get_code (ward));
      if (r->has_point)
        {
          add_coordinate (b, "lon", r->lon);
          add_coordinate (b, "lat", r->lat);
        }
      if (r->has_bbox)
        {
          json_builder_set_member_name (b, "bbox");
          json_builder_begin_array (b);
          add_coordinate (b, NULL, r->bbox.min_x);
          add_coordinate (b, NULL, r->bbox.min_y);
          add_coordinate (b, NULL, r->bbox.max_x);
          add_coordinate (b, NULL, r->bbox.max_y);
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  text = wa_json_to_string (b);
  fputs (text, stdout);
}

int
wa_cli_search (int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("PACK QUERY");
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(WaSearch) search = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *limit_text = NULL;
  int limit = 10;
  gboolean json;
  GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_STRING, &limit_text, N_("At most N results, 1 to 1000 (default 10)"), "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("text or json"), "FORMAT" },
    G_OPTION_ENTRY_NULL
  };

  g_set_prgname ("ward-atlas-cli search");
  g_option_context_set_summary (context, _("Find postcodes, wards, local authorities and places, "
                                           "best match first, as the app's search box does."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ward-atlas-cli search: %s\n", error->message);
      return 2;
    }
  if (argc != 3)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr (_("ward-atlas-cli search: expected PACK QUERY\n\n%s"), help);
      return 2;
    }
  if (limit_text != NULL && !wa_cli_parse_limit (limit_text, MAX_LIMIT, &limit))
    return 2;
  json = g_strcmp0 (format, "json") == 0;
  if (format != NULL && !json && g_strcmp0 (format, "text") != 0)
    {
      g_printerr (_("ward-atlas-cli search: unknown format “%s” (text, json)\n"), format);
      return 2;
    }
  if ((atlas = wa_atlas_open (argv[1], &error)) == NULL)
    {
      g_printerr ("ward-atlas-cli: %s\n", error->message);
      return 1;
    }
  search = wa_search_new (atlas);
  results = wa_search_query_checked (search, argv[2], (guint) limit, &error);
  if (results == NULL)
    {
      g_printerr ("ward-atlas-cli: %s\n", error->message);
      return 1;
    }
  if (json)
    print_json (results, atlas);
  else if (results->len == 0)
    {
      g_printerr (_("ward-atlas-cli search: nothing in %s matches “%s”\n"), argv[1], argv[2]);
      return 1;
    }
  else
    print_text (results);
  return 0;
}
