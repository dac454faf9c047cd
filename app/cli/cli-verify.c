/* cli-verify.c: `ward-atlas-cli verify PACK`, the full check of a pack
 * someone was handed: SQLite's integrity check, every layer's row count
 * and SHA-256 against what the builder recorded, then an open with the
 * app's own reader (the schema and every figure it reads). Opening only
 * checks what is cheap; this is the slow, complete answer. */
#include "wa-cli.h"
#include "ward-atlas-core.h"
#include "wa-pack-check.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

static void
print_layers (const WaPackReport *report)
{
  g_autofree char *text = wa_pack_report_format (report);

  fputs (text, stdout);
}

/* The layers can be intact and the pack still unreadable by this version
 * (a newer schema, an unknown edition): the reader has the last word. */
static gboolean
check_reader (const char *path, GError **error)
{
  g_autoptr(WaAtlas) atlas = wa_atlas_open (path, error);

  printf ("%-18s %s\n", _("Schema and reader:"), atlas != NULL ? _("ok") : _("refused"));
  return atlas != NULL;
}

int
wa_cli_verify (int argc, char **argv)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(WaPackReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;

  if (!wa_cli_parse_options ("verify", "PACK",
                             _("Check a whole data pack: SQLite's integrity check, every layer's "
                               "rows and SHA-256 against what the builder recorded, and the schema. "
                               "Exit status 0 only when the pack is intact."),
                             entries, &argc, &argv, 1))
    return 2;
  path = argv[1];
  printf ("%-18s %s\n", _("Pack:"), path);
  if ((report = wa_pack_verify (path, &error)) == NULL)
    {
      printf ("%-18s %s\n", _("Verdict:"), _("cannot be checked"));
      g_printerr ("ward-atlas-cli: %s\n", error->message);
      return 1;
    }
  print_layers (report);
  if (report->error != NULL)
    {
      printf ("%-18s %s\n", _("Verdict:"), _("damaged"));
      g_printerr ("ward-atlas-cli: %s\n", report->error->message);
      return 1;
    }
  if (!check_reader (path, &error))
    {
      printf ("%-18s %s\n", _("Verdict:"), _("not usable"));
      g_printerr ("ward-atlas-cli: %s\n", error->message);
      return 1;
    }
  printf ("%-18s %s\n", _("Verdict:"), _("intact"));
  return 0;
}
