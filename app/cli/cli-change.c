/* cli-change.c: `ward-atlas-cli change`, what changed between the 2019 and
 * 2025 editions through the crosswalk in the newer pack (wa-change.h), as
 * text, or as CSV or JSON through the export module. */
#include "wa-cli.h"
#include "ward-atlas-core.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

static void
print_totals (WaChange *change, const char *then_id)
{
  g_print (_("Category                       Wards  (partly)   Residents now   Residents of %s left-behind wards\n"),
           then_id);
  for (guint c = 0; c < WA_N_CHANGE_CATEGORIES; c++)
    {
      WaChangeTotals t;

      wa_change_get_totals (change, c, &t);
      g_print ("%-30s %6u  %8u   %13.0f   %13.0f\n", wa_change_category_id (c), t.n_wards,
               t.n_partly, t.residents_now, t.list_residents_then);
    }
}

static void
print_position (const char *label, const double *positions)
{
  g_print ("  %-22s", label);
  for (int p = 0; p < WA_N_CHANGE_POSITIONS; p++)
    if (isnan (positions[p]))
      g_print ("  %s", _("not ranked"));
    else
      {
        g_autofree char *text = wa_format_percent_beside (positions[p] * 100, 2,
                                                          WA_CHANGE_POSITION_LINE_PERCENT);

        g_print ("  %8s", text);
      }
  g_print ("\n");
}

static void
print_ward (const WaWardChange *c, const char *then_id, const char *now_id)
{
  g_autofree char *then_label = g_strdup_printf (_("%s (area, weighted)"), then_id);
  g_autofree char *from_list = wa_format_percent_decimals (c->share_left_behind_then * 100, 1);
  g_autofree char *top = wa_format_percent (1);
  g_autofree char *changed = wa_format_percent_decimals (c->changed_boundary_share * 100, 1);
  g_autofree char *changed_lsoas = wa_format_percent_decimals (c->changed_lsoa_share * 100, 1);

  g_print ("%s %s (%s)\n", wa_ward_get_code (c->ward), wa_ward_get_name (c->ward),
           wa_ward_get_lad_name (c->ward));
  g_print (_("  %s; residents whose %s ward was left behind: %s\n"),
           wa_change_category_label (c->category, c->partly), then_id, from_list);
  g_print (_("  Percentile of rank (combined, IMD, CNI; %s = most in need):\n"), top);
  print_position (then_label, c->position_then);
  print_position (now_id, c->position_now);
  g_print (_("  On a changed ward boundary: %s of residents; in changed LSOAs: %s\n"),
           changed, changed_lsoas);
  g_print (_("  LSOAs in IMD decile 1 in this area: %.1f (%s) → %.1f (%s)\n"),
           c->decile1_then, then_id, c->decile1_now, now_id);
  for (guint p = 0; p < c->n_predecessors; p++)
    {
      const WaChangeLink *l = &c->predecessors[p];
      g_autofree char *of_this = wa_format_percent_decimals (l->share_of_after * 100, 1);
      g_autofree char *of_that = wa_format_percent_decimals (l->share_of_before * 100, 1);

      g_print (_("  from %s %s: %s of this ward, %s of that one%s\n"), l->code,
               l->ward != NULL ? wa_ward_get_name (l->ward) : "?", of_this, of_that,
               l->left_behind ? _(", left behind") : "");
    }
}

static void
print_text (WaChange *change, const WaChangeExportOptions *options)
{
  const char *const *caveats = wa_change_export_caveats ();
  gboolean list = options->ward_code != NULL || options->category >= 0;

  if (!list)
    print_totals (change, options->then_id);
  for (guint i = 0; list && i < wa_change_get_n_wards (change); i++)
    {
      const WaWardChange *c = wa_change_get_ward (change, i);

      if (wa_change_export_wanted (c, options))
        print_ward (c, options->then_id, options->now_id);
    }
  g_print ("\n");
  for (gsize i = 0; caveats[i] != NULL; i++)
    g_print ("* %s\n", caveats[i]);
}

/* A 2019 code given to --ward stands for the 2025 ward holding most of
 * its residents, said on standard error. */
static gboolean
resolve_ward (WaChange *change, WaAtlas *before, char **code)
{
  WaWard *successor;
  WaWard *old;
  double share = 0;
  g_autofree char *share_text = NULL;

  if (*code == NULL || wa_change_lookup (change, *code) != NULL)
    return TRUE;
  successor = wa_change_main_successor (change, *code, &share);
  old = wa_atlas_lookup_ward (before, *code);
  if (successor == NULL)
    {
      g_printerr (_("ward-atlas-cli change: no ward with code “%s” in either pack's crosswalk\n"), *code);
      return FALSE;
    }
  share_text = wa_format_percent (round (share * 100));
  g_printerr (_("%s (%s) is now mostly %s (%s), %s of its residents\n"),
              old != NULL ? wa_ward_get_name (old) : *code, wa_edition_to_string (wa_atlas_get_edition (before)),
              wa_ward_get_name (successor), wa_ward_get_code (successor), share_text);
  g_free (*code);
  *code = g_strdup (wa_ward_get_code (successor));
  return TRUE;
}

static gboolean
parse_category (const char *id, int *out)
{
  WaChangeCategory category;

  *out = -1;
  if (id == NULL)
    return TRUE;
  if (wa_change_category_from_id (id, &category))
    {
      *out = category;
      return TRUE;
    }
  g_printerr (_("ward-atlas-cli change: unknown category “%s” (left-behind-in-both, newly-left-behind, no-longer-left-behind, neither)\n"),
              id);
  return FALSE;
}

static GBytes *
produce (WaChange *change, const char *format_id, const WaChangeExportOptions *options)
{
  if (g_strcmp0 (format_id, "json") == 0)
    return wa_change_export_json (change, options);
  return wa_change_export_csv (change, options);
}

static int
write_output (GBytes *bytes, const char *output, gboolean force)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const void *data = g_bytes_get_data (bytes, &len);

  if (output == NULL)
    {
      fwrite (data, 1, len, stdout);
      return 0;
    }
  if (wa_safe_write_bytes (output, data, len, force, &error))
    return 0;
  g_printerr ("ward-atlas-cli change: %s\n", error->message);
  return 1;
}

/* The other edition's pack: the one given, else the one beside pack. */
static char *
other_pack_path (WaAtlas *atlas, const char *pack, const char *compare_pack, WaEdition *out_other)
{
  g_autofree char *dir = NULL;

  *out_other = wa_atlas_get_edition (atlas) == 0 ? wa_edition_newest () : 0;
  if (compare_pack != NULL)
    return g_strdup (compare_pack);
  dir = g_path_get_dirname (pack);
  return g_build_filename (dir, wa_edition_get_info (*out_other)->pack_file_name, NULL);
}

gboolean
wa_cli_open_change (const char *command, WaAtlas *atlas, const char *pack,
                    const char *compare_pack, gboolean look_beside, WaAtlas **out_other,
                    WaChange **out_change)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) other = NULL;
  g_autofree char *path = NULL;
  WaEdition edition;
  gboolean old;

  *out_other = NULL;
  *out_change = NULL;
  if (compare_pack == NULL && !look_beside)
    return TRUE;
  path = other_pack_path (atlas, pack, compare_pack, &edition);
  if (compare_pack == NULL && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_("ward-atlas-cli %s: no change since %s shown: %s not found (give --compare-pack PACK)\n"),
                  command, wa_edition_to_string (0), path);
      return TRUE;
    }
  /* Its edition's default method, as `ward-atlas-cli change` uses. */
  if ((other = wa_cli_open_atlas (path)) == NULL
      || !wa_cli_apply_rank_options (other, NULL, NULL, NULL))
    return FALSE;
  if (wa_atlas_get_edition (other) != edition || edition == wa_atlas_get_edition (atlas))
    {
      g_printerr (_("ward-atlas-cli %s: %s is edition %s; the change needs the %s pack with the %s one\n"),
                  command, path, wa_edition_to_string (wa_atlas_get_edition (other)),
                  wa_edition_to_string (edition), wa_edition_to_string (wa_atlas_get_edition (atlas)));
      return FALSE;
    }
  old = wa_atlas_get_edition (atlas) == 0;
  *out_change = wa_change_new (old ? atlas : other, old ? other : atlas, &error);
  if (*out_change == NULL)
    {
      g_printerr ("ward-atlas-cli %s: %s\n", command, error->message);
      return FALSE;
    }
  *out_other = g_steal_pointer (&other);
  return TRUE;
}

int
wa_cli_change (int argc, char **argv)
{
  g_autofree char *ward = NULL, *category_id = NULL, *format_id = NULL, *output = NULL;
  g_autofree char *method = NULL, *threshold = NULL, *old_method = NULL, *old_threshold = NULL;
  g_autoptr(WaAtlas) before = NULL, after = NULL;
  g_autoptr(WaChange) change = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean force = FALSE;
  WaChangeExportOptions options = { 0 };
  GOptionEntry entries[] = {
    { "ward", 'w', 0, G_OPTION_ARG_STRING, &ward, N_("Only this 2025 ward (a 2019 code: its main successor)"), "CODE" },
    { "category", 'c', 0, G_OPTION_ARG_STRING, &category_id,
      N_("Only wards of this category: left-behind-in-both, newly-left-behind, no-longer-left-behind, neither"), "ID" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_id, N_("text (default), csv or json"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), "FILE" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE if it exists"), NULL },
    { "method", 'm', 0, G_OPTION_ARG_STRING, &method, N_("Combined rank method of the 2025 pack (see rank --help)"), "M" },
    { "threshold", 't', 0, G_OPTION_ARG_STRING, &threshold, N_("Left-behind threshold of the 2025 pack, in percent"), "N" },
    { "method-2019", 0, 0, G_OPTION_ARG_STRING, &old_method,
      N_("Combined rank method of the 2019 pack (default: the published list)"), "M" },
    { "threshold-2019", 0, 0, G_OPTION_ARG_STRING, &old_threshold, N_("Left-behind threshold of the 2019 pack, in percent"), "N" },
    G_OPTION_ENTRY_NULL
  };

  if (!wa_cli_parse_options ("change", "PACK2019 PACK2025",
                             _("What changed since 2019, ward by ward, through the crosswalk in the 2025 pack."),
                             entries, &argc, &argv, 2))
    return 2;
  /* csv and json are the export module's formats (wa-export-format.c). */
  if (format_id != NULL && g_strcmp0 (format_id, "text") != 0
      && wa_export_format_lookup (format_id) == NULL)
    {
      g_printerr (_("ward-atlas-cli change: unknown format “%s” (text, csv, json)\n"), format_id);
      return 2;
    }
  if (!parse_category (category_id, &options.category))
    return 2;
  if (output != NULL && (!wa_cli_check_output (output, WA_OUTPUT_TEXT, argv[1])
                         || !wa_cli_check_output (output, WA_OUTPUT_TEXT, argv[2])))
    return 1;
  if ((before = wa_cli_open_atlas (argv[1])) == NULL || (after = wa_cli_open_atlas (argv[2])) == NULL)
    return 1;
  if (!wa_cli_apply_rank_options (before, old_method, old_threshold, NULL)
      || !wa_cli_apply_rank_options (after, method, threshold, NULL))
    return 2;
  change = wa_change_new (before, after, &error);
  if (change == NULL)
    {
      g_printerr ("ward-atlas-cli change: %s\n", error->message);
      return 1;
    }
  if (!resolve_ward (change, before, &ward))
    return 1;
  options.ward_code = ward;
  options.then_id = wa_edition_to_string (wa_atlas_get_edition (before));
  options.now_id = wa_edition_to_string (wa_atlas_get_edition (after));
  if (format_id == NULL || g_strcmp0 (format_id, "text") == 0)
    {
      print_text (change, &options);
      return 0;
    }
  bytes = produce (change, format_id, &options);
  return write_output (bytes, output, force);
}
