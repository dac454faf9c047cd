/* test-cli.c: runs ward-atlas-cli ($WA_CLI) on a pack built from the
 * in-code fixture sources: output, exit codes and error messages. */
#include "wa-test-fixtures.h"

#include <string.h>

typedef struct {
  WaTestSources sources;
  char *out;
  char *err;
  int status;
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  wa_test_sources_init (&f->sources);
  g_assert_true (wa_test_sources_build (&f->sources, TRUE, &error));
  g_assert_no_error (error);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  wa_test_sources_clear (&f->sources);
  g_free (f->out);
  g_free (f->err);
}

/* Runs the CLI with the arguments (PACK stands for the fixture pack);
 * returns the exit status. */
static int
run (Fixture *f, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("WA_CLI");
  const char *arg;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, f);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) (g_strcmp0 (arg, "PACK") == 0 ? f->sources.output : arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &f->out, &f->err, &f->status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (f->status));
  return WEXITSTATUS (f->status);
}

static void
test_help (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (run (f, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "build-pack"));
  g_assert_nonnull (strstr (f->out, "locate"));
  g_assert_cmpint (run (f, "rank", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "--threshold"));
  g_assert_cmpint (run (f, NULL), ==, 2);
  g_assert_cmpint (run (f, "frobnicate", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "frobnicate"));
}

static void
test_info (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (run (f, "info", "PACK", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "2025"));
  g_assert_nonnull (strstr (f->out, "https://example.org/lookup"));
  g_assert_nonnull (strstr (f->out, "Test data"));
}

static void
test_rank (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (run (f, "rank", "PACK", "--method", "worst-rank", "--format", "csv", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (f->out, "combined_rank,ward_code,ward_name,lad_code,lad_name,region_code,"
                                            "region_name,population,"
                                            "imd_rank,cni_rank,cni_civic_assets_rank,cni_connectedness_rank,"
                                            "cni_engaged_rank,left_behind\n"));
  /* Worst-rank puts E05000002 (IMD 2, CNI 1) first; the unranked ward last. */
  g_assert_nonnull (strstr (f->out, "\n1,E05000002,Two,E06000001,Testshire,E12000001,North East,400,2,1,"));
  g_assert_true (g_str_has_suffix (f->out, ",E05000004,Four,E06000001,Testshire,E12000001,North East,,,,,,,false\n"));

  g_assert_cmpint (run (f, "rank", "PACK", "--method", "worst-rank", "--threshold", "34",
                        "--left-behind", "--format", "json", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "\"ward_code\" : \"E05000002\""));
  g_assert_null (strstr (f->out, "E05000003"));

  g_assert_cmpint (run (f, "rank", "PACK", "--method", "official", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "not available for the 2025 edition"));
  g_assert_cmpint (run (f, "rank", "PACK", "--threshold", "0", NULL), ==, 2);
  g_assert_cmpint (run (f, "rank", "PACK", "--format", "xml", NULL), ==, 2);

  g_assert_cmpint (run (f, "rank", "PACK", "--region", "North East", "--lad", "E06000001",
                        "--sort", "imd:desc", "--text", "tw", "--format", "csv", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, ",E05000002,Two,"));
  g_assert_null (strstr (f->out, "E05000001"));
  g_assert_cmpint (run (f, "rank", "PACK", "--lad", "Nowhere", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "Nowhere"));
  g_assert_cmpint (run (f, "rank", "PACK", "--sort", "height", NULL), ==, 2);
}

static void
test_search (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (run (f, "search", "PACK", "ab1 2cd", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (f->out, "AB1 2CD — postcode in One, Testshire"));
  g_assert_cmpint (run (f, "search", "PACK", "squareton", "--format", "json", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "\"title\" : \"Squareton\""));
  g_assert_cmpint (run (f, "search", "PACK", "qqqq", NULL), ==, 1);
  g_assert_cmpint (run (f, "search", "PACK", NULL), ==, 2);
}

static void
test_ward (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (run (f, "ward", "PACK", "e05000003", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Three (E05000003)"));
  g_assert_nonnull (strstr (f->out, "Index of Multiple Deprivation"));
  g_assert_nonnull (strstr (f->out, "55.000"));
  g_assert_cmpint (run (f, "ward", "PACK", "E05999999", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "E05999999"));
}

static void
test_locate (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (run (f, "locate", "PACK", "--postcode", " ab1  2cd", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "AB1 2CD"));
  g_assert_nonnull (strstr (f->out, "One (E05000001)"));
  g_assert_cmpint (run (f, "locate", "PACK", "--lonlat", "-0.75,52.05", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Three (E05000003)"));

  g_assert_cmpint (run (f, "locate", "PACK", "--lonlat", "5,5", NULL), ==, 1);
  g_assert_cmpint (run (f, "locate", "PACK", "--postcode", "ZZ1 1ZZ", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "ZZ1 1ZZ"));
  g_assert_cmpint (run (f, "locate", "PACK", "--lonlat", "east,north", NULL), ==, 2);
  g_assert_cmpint (run (f, "locate", "PACK", NULL), ==, 2);
}

static void
test_bad_pack (Fixture *f, gconstpointer data)
{
  g_autofree char *path = wa_test_write_file (f->sources.dir, "broken.gpkg", "not a pack");

  g_assert_cmpint (run (f, "info", path, NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, path));
  g_assert_nonnull (strstr (f->err, "not a Ward Atlas pack"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, set_up, fn, tear_down)
  ADD ("/cli/help", test_help);
  ADD ("/cli/info", test_info);
  ADD ("/cli/rank", test_rank);
  ADD ("/cli/search", test_search);
  ADD ("/cli/ward", test_ward);
  ADD ("/cli/locate", test_locate);
  ADD ("/cli/bad-pack", test_bad_pack);
#undef ADD
  return g_test_run ();
}
