/* test-cli-front.c: ward-atlas-cli, the front without GDAL
 * (app/cli/ward-atlas-cli.c, cli-front.c), prints exactly what
 * ward-atlas-cli-full prints for info, ward and locate --postcode on both
 * real packs, answering them itself; hands everything else, an unknown
 * command included, to the full CLI; and does not load libgdal.
 *
 * The front is also run from a copy in a folder of its own, where it
 * cannot find the full CLI (unless one is installed in the configured
 * prefix): there a one-off command still answers, so the answer is the
 * front's own and not the full CLI's behind an exec. */
#include <string.h>
#include <sys/wait.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "wa-test-fixtures.h"

static char *cache_dir;

/* stdout, then stderr after a marker; the exit status. */
static int
run (const char *program, const char *const *args, const char *const *env_extra, char **out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *std_out = NULL, *std_err = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL; i += 2)
    env = g_environ_setenv (env, env_extra[i], env_extra[i + 1], TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &std_out, &std_err, &status, &error));
  g_assert_no_error (error);
  *out = g_strconcat (std_out, "\nstderr:\n", std_err, NULL);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* The front (at FRONT) and the full CLI print the same bytes and exit
 * alike; returns the exit status. */
static int
assert_same (const char *front, const char *const *args)
{
  g_autofree char *a = NULL, *b = NULL;
  int status = run (g_getenv ("WA_CLI_FULL"), args, NULL, &b);

  g_assert_cmpint (run (front, args, NULL, &a), ==, status);
  g_assert_cmpstr (a, ==, b);
  return status;
}

/* The code of the ward at SW1A 1AA, from the full CLI's answer. */
static char *
some_ward (const char *pack)
{
  g_autofree char *out = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) code = g_regex_new ("\\((E0[0-9]{7})\\)", 0, 0, NULL);

  g_assert_cmpint (run (g_getenv ("WA_CLI_FULL"), (const char *[]) { "locate", pack, "--postcode", "SW1A 1AA", NULL },
                        NULL, &out), ==, 0);
  g_assert_true (g_regex_match (code, out, 0, &match));
  return g_match_info_fetch (match, 1);
}

static gboolean
have_clis (void)
{
  return g_getenv ("WA_CLI") != NULL && g_getenv ("WA_CLI_FULL") != NULL;
}

static void
test_one_off (gconstpointer data)
{
  const char *edition = data;
  g_autofree char *variable = g_strdup_printf ("WA_PACK_%s", edition);
  const char *pack = g_getenv (variable);
  g_autofree char *ward = NULL, *out = NULL;
  g_autofree char *alone_dir = NULL, *alone = NULL, *contents = NULL;
  gsize length;

  if (!wa_test_edition_wanted (edition) || pack == NULL || !g_file_test (pack, G_FILE_TEST_EXISTS)
      || !have_clis ())
    {
      g_test_skip ("edition not wanted, pack not built or WA_CLI/WA_CLI_FULL unset");
      return;
    }
  /* The full CLI verifies the pack and stamps it: from now on lazy. */
  g_assert_cmpint (run (g_getenv ("WA_CLI_FULL"), (const char *[]) { "info", pack, NULL }, NULL, &out), ==, 0);
  ward = some_ward (pack);

  {
    const char *const *cases[] = {
      (const char *[]) { "info", pack, NULL },
      (const char *[]) { "ward", pack, ward, NULL },
      (const char *[]) { "locate", pack, "--postcode", "SW1A 1AA", NULL },
      (const char *[]) { "locate", pack, "--postcode", "sw1a0aa", NULL },
      (const char *[]) { "locate", pack, "--lonlat", "-1.89,52.48", NULL },
    };

    /* A copy of the front with no full CLI beside it. */
    alone_dir = g_dir_make_tmp ("wa-cli-front-XXXXXX", NULL);
    alone = g_build_filename (alone_dir, "ward-atlas-cli", NULL);
    g_assert_true (g_file_get_contents (g_getenv ("WA_CLI"), &contents, &length, NULL));
    g_assert_true (g_file_set_contents (alone, contents, (gssize) length, NULL));
    g_assert_cmpint (g_chmod (alone, 0755), ==, 0);

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_assert_cmpint (assert_same (g_getenv ("WA_CLI"), cases[i]), ==, 0);
        g_assert_cmpint (assert_same (alone, cases[i]), ==, 0);
      }
    /* An unknown ward is the front's answer too, in the same words. */
    g_assert_cmpint (assert_same (alone, (const char *[]) { "ward", pack, "E05999999", NULL }), ==, 1);
    /* Another command needs the full CLI: the copy alone says it cannot
     * find it (unless one is installed in the configured prefix). */
    g_free (out);
    out = NULL;
    if (run (alone, (const char *[]) { "rank", pack, "--limit", "1", NULL }, NULL, &out) != 0)
      g_assert_nonnull (strstr (out, "cannot find ward-atlas-cli-full"));
    g_unlink (alone);
    g_rmdir (alone_dir);
  }
}

static void
test_other_commands (void)
{
  g_autofree char *out = NULL;

  if (!have_clis ())
    {
      g_test_skip ("WA_CLI/WA_CLI_FULL unset");
      return;
    }
  /* The full CLI's message and status for an unknown command. */
  g_assert_cmpint (assert_same (g_getenv ("WA_CLI"), (const char *[]) { "frobnicate", NULL }), ==, 2);
  g_assert_cmpint (assert_same (g_getenv ("WA_CLI"), (const char *[]) { "--help", NULL }), ==, 0);
  g_assert_cmpint (assert_same (g_getenv ("WA_CLI"), (const char *[]) { "--version", NULL }), ==, 0);
  g_assert_cmpint (assert_same (g_getenv ("WA_CLI"), (const char *[]) { "rank", "--help", NULL }), ==, 0);
  g_assert_cmpint (assert_same (g_getenv ("WA_CLI"), (const char *[]) { "locate", NULL }), ==, 2);
  /* What the dynamic loader would load for the front: no GDAL. */
  g_assert_cmpint (run (g_getenv ("WA_CLI"), (const char *[]) { NULL },
                        (const char *[]) { "LD_TRACE_LOADED_OBJECTS", "1", NULL }, &out), ==, 0);
  g_assert_nonnull (strstr (out, "libglib-2.0"));
  g_assert_null (strstr (out, "libgdal"));
}

int
main (int argc, char **argv)
{
  static const char *const editions[] = { "2019", "2025" };
  int status;

  /* Before GLib reads it: stamps go to a cache of this test's own. */
  cache_dir = wa_test_tmpdir_new ();
  g_setenv ("XDG_CACHE_HOME", cache_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-front/other-commands", test_other_commands);
  for (guint e = 0; e < G_N_ELEMENTS (editions); e++)
    {
      g_autofree char *path = g_strdup_printf ("/real-data/%s/cli-front/one-off", editions[e]);

      g_test_add_data_func (path, editions[e], test_one_off);
    }
  status = g_test_run ();
  wa_test_tmpdir_free (cache_dir);
  return status;
}
