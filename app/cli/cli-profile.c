/* cli-profile.c: `ward-atlas-cli profile`, a ward's full profile in one of
 * the export formats (wa-export-format.h), to standard output or safely to
 * a file. */
#include "wa-cli.h"
#include "ward-atlas-core.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

int
wa_cli_profile (int argc, char **argv)
{
  g_autofree char *format_id = NULL, *output = NULL, *method = NULL;
  g_autofree char *ids = wa_export_format_join_ids (", ");
  g_autofree char *format_help = g_strdup_printf (_("%s (default: from --output, else %s)"), ids,
                                                  wa_export_format_get (0)->id);
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *threshold = NULL;
  gboolean force = FALSE;
  const WaExportFormat *format;
  WaWard *ward;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_id, format_help, "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), "FILE" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE if it exists"), NULL },
    { "method", 'm', 0, G_OPTION_ARG_STRING, &method, N_("Combined rank method (see rank --help)"), "M" },
    { "threshold", 't', 0, G_OPTION_ARG_STRING, &threshold,
      N_("Left-behind threshold in percent, above 0 and at most 100"), "N" },
    G_OPTION_ENTRY_NULL
  };

  if (!wa_cli_parse_options ("profile", "PACK CODE", _("Write a ward's full profile as CSV or JSON."),
                             entries, &argc, &argv, 2))
    return 2;
  if (format_id == NULL)
    {
      format = wa_export_format_for_path (output);
      if (format == NULL)
        format = wa_export_format_get (0);
    }
  else if ((format = wa_export_format_lookup (format_id)) == NULL)
    {
      g_printerr (_("ward-atlas-cli profile: unknown format “%s” (%s)\n"), format_id, ids);
      return 2;
    }
  if (output != NULL && !wa_cli_check_output (output, WA_OUTPUT_TEXT, argv[1]))
    return 1;
  if ((atlas = wa_cli_open_atlas (argv[1])) == NULL)
    return 1;
  if (!wa_cli_apply_rank_options (atlas, method, threshold, NULL))
    return 2;
  if ((ward = wa_atlas_lookup_ward (atlas, argv[2])) == NULL)
    {
      g_printerr (_("ward-atlas-cli profile: %s: no ward with code “%s” in this pack\n"), argv[1], argv[2]);
      return 1;
    }
  bytes = format->produce (atlas, ward, &error);
  if (bytes != NULL && output != NULL)
    {
      gsize len;
      const void *data = g_bytes_get_data (bytes, &len);

      if (!wa_safe_write_bytes (output, data, len, force, &error))
        g_clear_pointer (&bytes, g_bytes_unref);
    }
  else if (bytes != NULL)
    fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
  if (bytes == NULL)
    {
      g_printerr ("ward-atlas-cli profile: %s\n", error->message);
      return 1;
    }
  return 0;
}
