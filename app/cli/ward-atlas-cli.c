/* ward-atlas-cli.c: the command-line front end over the core model. */
#include "wa-cli.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "build-pack", wa_cli_build_pack, N_("Build an edition's data pack from the source data") },
  { "info", wa_cli_info, N_("Describe a pack: edition, wards, sources and licences") },
  { "rank", wa_cli_rank, N_("List wards by combined IMD/CNI rank") },
  { "ward", wa_cli_ward, N_("Show the full profile of one ward") },
  { "locate", wa_cli_locate, N_("Find the ward at a point or postcode") },
#ifdef WA_HAVE_RENDER
  { "briefing", wa_cli_briefing, N_("Write the PDF briefing on a ward, council or region") },
  { "map-image", wa_cli_map_image, N_("Draw the map of an area to a PNG image") },
#endif
  { "profile", wa_cli_profile, N_("Write a ward's profile as CSV or JSON") },
  { "assets", wa_cli_assets, N_("Show a ward's social-infrastructure assets and comparisons") },
  { "benchmark", wa_cli_benchmark, N_("Places per 100,000 residents: left-behind wards, other deprived wards, England") },
  { "search", wa_cli_search, N_("Search postcodes, wards, local authorities and places") },
  { "neighbourhoods", wa_cli_neighbourhoods, N_("The neighbourhoods (LSOAs) inside wards and the left-behind neighbourhoods") },
  { "area", wa_cli_area, N_("Figures for custom areas: a boundary file's polygons, or a set of wards or LSOAs") },
  { "change", wa_cli_change, N_("What changed since 2019, ward by ward, across ward boundary changes") },
  { "verify", wa_cli_verify, N_("Check a whole pack against what its builder recorded") },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n%s\n", _("Usage: ward-atlas-cli COMMAND [OPTION…]"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “ward-atlas-cli COMMAND --help” for a command's options."));
}

/* A full disk or a closed pipe must not pass for a complete answer: a
 * table cut mid-row looks like a shorter table. */
static int
finish_stdout (int status)
{
  int saved;

  errno = 0;
  if (fflush (stdout) == 0 && !ferror (stdout) && fclose (stdout) == 0)
    return status;
  saved = errno != 0 ? errno : EIO;
  fprintf (stderr, _("ward-atlas-cli: cannot write to standard output: %s\n"), g_strerror (saved));
  return 1;
}

static int
run (int    argc,
     char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, WA_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return 2;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
      || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return 0;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("ward-atlas-cli %s\n", WA_VERSION);
      return 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  fprintf (stderr, _("ward-atlas-cli: unknown command “%s”\n\n"), argv[1]);
  print_usage (stderr);
  return 2;
}

int
main (int    argc,
      char **argv)
{
  return finish_stdout (run (argc, argv));
}
