/* test-cli.c: runs ward-atlas-cli ($WA_CLI) on a pack built from the
 * in-code fixture sources: output, exit codes and error messages. */
#include "wa-test-fixtures.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  WaTestSources sources;
  char *out;
  char *err;
  int status;
  gboolean stdout_full;   /* run the CLI with standard output on /dev/full */
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

/* In the child: standard output is a disk that is always full. */
static void
stdout_to_dev_full (gpointer data)
{
  int fd = open ("/dev/full", O_WRONLY);

  if (fd < 0 || dup2 (fd, STDOUT_FILENO) < 0)
    _exit (99);
  close (fd);
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
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                f->stdout_full ? stdout_to_dev_full : NULL, NULL,
                f->stdout_full ? NULL : &f->out, &f->err, &f->status, &error);
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

  /* The change columns need the 2019 pack: none beside the fixture (a
   * note, the table as before), and the pack itself is not the other edition. */
  g_assert_cmpint (run (f, "rank", "PACK", "--compare", "--format", "csv", NULL), ==, 0);
  g_assert_nonnull (strstr (f->err, "ward-atlas-2019.gpkg not found (give --compare-pack PACK)"));
  g_assert_null (strstr (f->out, "category"));
  g_assert_cmpint (run (f, "rank", "PACK", "--compare-pack", "PACK", "--format", "csv", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "is edition 2025; the change needs the 2019 pack"));

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

/* A write error on standard output fails the command, whatever it printed. */
static void
test_stdout_full (Fixture *f, gconstpointer data)
{
  const char *const commands[][4] = {
    { "rank", "PACK", "--format", "csv" },
    { "rank", "PACK", "--format", "json" },
    { "info", "PACK", NULL, NULL },
    { "search", "PACK", "ab1 2cd", NULL },
    { "profile", "PACK", "E05000001", NULL },
  };

  f->stdout_full = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_test_message ("%s", commands[i][0]);
      g_assert_cmpint (run (f, commands[i][0], commands[i][1], commands[i][2], commands[i][3], NULL),
                       ==, 1);
      g_assert_nonnull (strstr (f->err, "ward-atlas-cli: cannot write to standard output: "));
    }
}

/* Counts rows after the CSV header. */
static guint
count_rows (const char *csv)
{
  guint n = 0;

  for (const char *p = strchr (csv, '\n'); p != NULL && p[1] != '\0'; p = strchr (p + 1, '\n'))
    n++;
  return n;
}

static void
test_limits (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (run (f, "search", "PACK", "a", "--limit", "2147483647", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "--limit takes a whole number from 1 to 1000 (got “2147483647”)"));
  g_assert_cmpint (run (f, "search", "PACK", "a", "--limit", "0", NULL), ==, 2);
  g_assert_cmpint (run (f, "search", "PACK", "ab1 2cd", "--limit", "1000", NULL), ==, 0);

  g_assert_cmpint (run (f, "rank", "PACK", "--limit", "-1", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "--limit takes a whole number, 1 or more (got “-1”)"));
  g_assert_cmpint (run (f, "rank", "PACK", "--limit", "0", NULL), ==, 2);
  g_assert_cmpint (run (f, "rank", "PACK", "--limit", "2", "--format", "csv", NULL), ==, 0);
  g_assert_cmpuint (count_rows (f->out), ==, 2);
  g_assert_cmpint (run (f, "rank", "PACK", "--limit", "2147483647", "--format", "csv", NULL), ==, 0);
  g_assert_cmpuint (count_rows (f->out), ==, 4);
}

static void
test_numbers (Fixture *f, gconstpointer data)
{
  const char *const thresholds[] = { "nan", "inf", "-inf", "0", "100.5", "10x" };

  for (guint i = 0; i < G_N_ELEMENTS (thresholds); i++)
    {
      g_autofree char *want = g_strdup_printf ("--threshold takes a percentage above 0 and at most 100 "
                                               "(got “%s”)", thresholds[i]);

      g_assert_cmpint (run (f, "rank", "PACK", "--threshold", thresholds[i], NULL), ==, 2);
      g_assert_nonnull (strstr (f->err, want));
    }
  g_assert_cmpint (run (f, "rank", "PACK", "--threshold", "100", NULL), ==, 0);

  g_assert_cmpint (run (f, "rank", "PACK", "--method", "rank-sum", "--weights", "1e308,1", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "each must be at most 100"));
  g_assert_cmpint (run (f, "rank", "PACK", "--method", "rank-sum", "--weights", "nan,1", NULL), ==, 2);
  g_assert_cmpint (run (f, "rank", "PACK", "--method", "rank-sum", "--weights", "100,0", NULL), ==, 0);

  g_assert_cmpint (run (f, "rank", "PACK", "--weights", "2,1", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "--weights applies only to --method rank-sum (the method here is both-decile)"));
  g_assert_cmpint (run (f, "rank", "PACK", "--method", "official", "--threshold", "20", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "--threshold does not apply to the official method"));
}

/* Refused before anything is written, even with --force. */
static void
test_outputs (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = g_build_filename (f->sources.dir, "wards.csv", NULL);

  g_assert_cmpint (run (f, "rank", "PACK", "--output", "/dev/full", "--force", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "/dev/full: is a device; outputs are written only to regular files"));
  g_assert_cmpint (run (f, "rank", "PACK", "--output", "PACK", "--force", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "is an input of this command"));
  g_assert_cmpint (run (f, "rank", "PACK", "--output", "PACK", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "is an input of this command"));
  g_assert_cmpint (run (f, "profile", "PACK", "E05000001", "--output", "/dev/full", "--force", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "/dev/full: is a device"));
  g_assert_cmpint (run (f, "profile", "PACK", "E05000001", "--output", "PACK", "--force",
                        "--format", "csv", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "is an input of this command"));
  g_assert_cmpint (run (f, "info", "PACK", NULL), ==, 0);

  /* A same-kind file is still replaced only with --force. */
  g_assert_cmpint (run (f, "rank", "PACK", "--output", csv, NULL), ==, 0);
  g_assert_cmpint (run (f, "rank", "PACK", "--output", csv, NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "already exists; add --force to replace it"));
  g_assert_cmpint (run (f, "rank", "PACK", "--output", csv, "--force", NULL), ==, 0);

  if (run (f, "briefing", "--help", NULL) == 0)
    {
      g_autofree char *pdf = g_build_filename (f->sources.dir, "change.pdf", NULL);

      g_assert_cmpint (run (f, "briefing", "PACK", "--ward", "E05000001", "--output", "/dev/full",
                            "--force", NULL), ==, 1);
      g_assert_nonnull (strstr (f->err, "/dev/full: is a device"));
      g_assert_cmpint (run (f, "briefing", "PACK", "--change", "--output", pdf, NULL), ==, 1);
      g_assert_nonnull (strstr (f->err, "the change briefing needs both editions' packs"));
      g_assert_cmpint (run (f, "map-image", "PACK", "--bbox", "-1,51,0,52", "--zoom", "8",
                            "--output", "PACK", "--force", NULL), ==, 1);
      g_assert_nonnull (strstr (f->err, "is an input of this command"));
    }
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
  ADD ("/cli/stdout-full", test_stdout_full);
  ADD ("/cli/limits", test_limits);
  ADD ("/cli/numbers", test_numbers);
  ADD ("/cli/outputs", test_outputs);
#undef ADD
  return g_test_run ();
}
