/* cli-build-pack.c: `ward-atlas-cli build-pack`, builds one edition's data
 * pack from the source manifest and the open data folder. */
#include "wa-cli.h"
#include "ward-atlas-core.h"
#include "wa-pack-builder.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#define MANIFEST_NAME "sources.manifest"

static void
print_progress (const char *message, gpointer user_data)
{
  gint64 start = *(const gint64 *) user_data;

  g_printerr ("[%6.1f s] %s\n", (g_get_monotonic_time () - start) / 1e6, message);
}

/* data/sources.manifest of the source tree the command runs in (walking up
 * from the working folder), else the installed copy. */
static char *
find_manifest (void)
{
  g_autofree char *folder = g_get_current_dir ();
  const char *const *data_dirs = g_get_system_data_dirs ();

  if (g_getenv ("WA_MANIFEST") != NULL)
    return g_strdup (g_getenv ("WA_MANIFEST"));
  for (;;)
    {
      g_autofree char *candidate = g_build_filename (folder, "data", MANIFEST_NAME, NULL);
      g_autofree char *parent = g_path_get_dirname (folder);

      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&candidate);
      if (g_strcmp0 (parent, folder) == 0)
        break;
      g_free (folder);
      folder = g_steal_pointer (&parent);
    }
  for (gsize i = 0; data_dirs[i] != NULL; i++)
    {
      g_autofree char *candidate = g_build_filename (data_dirs[i], "ward-atlas", MANIFEST_NAME, NULL);

      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&candidate);
    }
  return NULL;
}

/* The project's default: ../shared/data beside the source tree that holds
 * the manifest. */
static char *
default_sources (const char *manifest)
{
  g_autofree char *data_dir = g_path_get_dirname (manifest);
  g_autofree char *root = g_path_get_dirname (data_dir);

  if (g_getenv ("WA_SOURCES_DIR") != NULL)
    return g_strdup (g_getenv ("WA_SOURCES_DIR"));
  return g_build_filename (root, "..", "shared", "data", NULL);
}

int
wa_cli_build_pack (int argc, char **argv)
{
  g_autofree char *edition_text = NULL;
  g_autofree char *choices = wa_edition_list_choices ();
  /* Translators: %s is the list of editions, e.g. "2019 or 2025". */
  g_autofree char *edition_help = g_strdup_printf (_("Edition to build: %s"), choices);
  g_autofree char *manifest = NULL;
  g_autofree char *sources = NULL;
  g_autofree char *output = NULL;
  gboolean quiet = FALSE;
  gboolean accept_changed = FALSE;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "edition", 'e', 0, G_OPTION_ARG_STRING, &edition_text, edition_help, "YEAR" },
    { "manifest", 'm', 0, G_OPTION_ARG_FILENAME, &manifest, N_("Source manifest (default: data/sources.manifest)"), "FILE" },
    { "sources", 's', 0, G_OPTION_ARG_FILENAME, &sources, N_("Folder of the open data (default: ../shared/data)"), "DIR" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The pack to write"), "FILE" },
    { "accept-changed-sources", 0, 0, G_OPTION_ARG_NONE, &accept_changed,
      N_("Build even from sources whose SHA-256 or record count differs from the manifest's (reported in the log and the pack)"), NULL },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace the output even if it is not a data pack"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing but errors"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— build a Ward Atlas data pack"));
  g_autoptr(GError) error = NULL;
  WaPackBuildOptions options = { 0 };
  gint64 start = g_get_monotonic_time ();

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("build-pack: %s\n", error->message);
      return 2;
    }
  if (argc > 2 || (argc == 2 && g_strcmp0 (argv[1], "build-pack") != 0))
    {
      g_printerr (_("build-pack: unexpected argument “%s”\n"), argv[argc - 1]);
      return 2;
    }
  if (edition_text == NULL || !wa_edition_from_string (edition_text, &options.edition))
    {
      /* Translators: %s is the list of editions, e.g. "2019 or 2025". */
      g_printerr (_("build-pack: --edition must be %s\n"), choices);
      return 2;
    }
  if (output == NULL)
    {
      g_printerr (_("build-pack: --output is required\n"));
      return 2;
    }
  if (manifest == NULL && (manifest = find_manifest ()) == NULL)
    {
      g_printerr (_("build-pack: cannot find %s; pass --manifest\n"), MANIFEST_NAME);
      return 2;
    }
  if (sources == NULL)
    sources = default_sources (manifest);

  options.manifest_path = manifest;
  options.sources_dir = sources;
  options.output_path = output;
  options.accept_changed_sources = accept_changed;
  options.force = force;
  options.progress = quiet ? NULL : print_progress;
  options.progress_data = &start;
  if (!wa_pack_build (&options, &error))
    {
      g_printerr ("build-pack: %s\n", error->message);
      return 1;
    }
  return 0;
}
