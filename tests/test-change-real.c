/* test-change-real.c: the crosswalk in the real 2025 pack against the real
 * 2019 pack (README "Change since 2019"). */
#include <math.h>
#include <stdarg.h>
#include <sys/wait.h>
#include <string.h>

#include "ward-atlas-core.h"
#include "wa-test-fixtures.h"

typedef struct {
  WaAtlas *before, *after;
  WaChange *change;
} Fixture;

/* Both packs are opened once for all the tests: each open costs seconds. */
static Fixture shared;

static gboolean
set_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  memset (f, 0, sizeof *f);
  if (!wa_test_edition_wanted ("2025"))
    {
      g_test_skip ("2025 not among $WA_TEST_EDITIONS");
      return FALSE;
    }
  if (shared.change == NULL)
    {
      g_clear_object (&shared.before);
      shared.before = wa_test_open_pack ("2019");
      shared.after = shared.before != NULL ? wa_test_open_pack ("2025") : NULL;
      if (shared.after == NULL)
        return FALSE;
      shared.change = wa_change_new (shared.before, shared.after, &error);
      g_assert_no_error (error);
    }
  *f = shared;
  return TRUE;
}

static void
tear_down (Fixture *f)
{
  memset (f, 0, sizeof *f);
}

/* Old ward code -> sum of its shares over its successors. */
static GHashTable *
successor_shares (WaChange *change)
{
  GHashTable *sums = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < wa_change_get_n_wards (change); i++)
    {
      const WaWardChange *c = wa_change_get_ward (change, i);

      for (guint p = 0; p < c->n_predecessors; p++)
        {
          double *sum = g_hash_table_lookup (sums, c->predecessors[p].code);

          if (sum == NULL)
            g_hash_table_insert (sums, (char *) c->predecessors[p].code, sum = g_new0 (double, 1));
          *sum += c->predecessors[p].share_of_before;
        }
    }
  return sums;
}

static void
test_list_wards_map_forward (void)
{
  Fixture f;
  g_autoptr(GHashTable) sums = NULL;
  double list_population = 0;
  guint n_list = 0;

  if (!set_up (&f))
    return;
  sums = successor_shares (f.change);
  for (guint i = 0; i < wa_atlas_get_n_wards (f.before); i++)
    {
      WaWard *ward = wa_atlas_get_ward (f.before, i);
      const double *sum;

      if (wa_ward_get_official_left_behind (ward) != 1)
        continue;
      n_list++;
      list_population += wa_ward_get_population (ward);
      sum = g_hash_table_lookup (sums, wa_ward_get_code (ward));
      if (sum == NULL || fabs (*sum - 1) > 0.001)
        g_error ("2019 left-behind ward %s: successor shares sum to %g",
                 wa_ward_get_code (ward), sum != NULL ? *sum : 0);
    }
  g_assert_cmpuint (n_list, ==, 225);
  /* The 2019 atlas is on its default (published list) method, so the
   * crosswalk's residents of left-behind wards are the list's: the same
   * mid-2019 LSOA populations, summed by another code path. */
  g_assert_cmpfloat_with_epsilon (wa_change_get_list_residents_then (f.change), list_population,
                                  0.01 * list_population);
  g_assert_cmpfloat_with_epsilon (list_population, 2386368, 0.01 * 2386368);
  tear_down (&f);
}

/* A code that exists in both editions is the same area (GSS codes change
 * with boundaries). Through best-fit LSOAs, a neighbour's LSOA can fall to
 * it in one lookup and not the other, so not every such ward keeps 95 %
 * of its residents on itself: about 95 % of them do (2,194 of 2,315). */
static void
test_unchanged_codes_stay (void)
{
  Fixture f;
  guint n_same = 0, n_whole = 0;
  gboolean seen_known = FALSE;

  if (!set_up (&f))
    return;
  for (guint i = 0; i < wa_change_get_n_wards (f.change); i++)
    {
      const WaWardChange *c = wa_change_get_ward (f.change, i);
      const char *code = wa_ward_get_code (c->ward);

      for (guint p = 0; p < c->n_predecessors; p++)
        if (strcmp (c->predecessors[p].code, code) == 0)
          {
            n_same++;
            n_whole += c->predecessors[p].share_of_after >= 0.95;
            /* Its own residents are never a changed boundary. */
            g_assert_cmpfloat (c->changed_boundary_share, <=, 1 - c->predecessors[p].share_of_after + 1e-9);
            /* Known case: Ainsdale (Sefton) kept its code and area. */
            if (strcmp (code, "E05000932") == 0)
              {
                seen_known = TRUE;
                g_assert_cmpfloat (c->predecessors[p].share_of_after, >=, 0.95);
                g_assert_cmpfloat (c->predecessors[p].share_of_before, >=, 0.95);
              }
          }
    }
  g_assert_true (seen_known);
  g_assert_cmpuint (n_same, >, 2000);
  g_assert_cmpfloat ((double) n_whole / n_same, >=, 0.93);
  tear_down (&f);
}

static void
test_marfleet (void)
{
  Fixture f;
  WaWard *successor;
  const WaWardChange *c;
  double share = 0;

  if (!set_up (&f))
    return;
  g_assert_cmpstr (wa_ward_get_name (wa_atlas_lookup_ward (f.before, "E05001676")), ==, "Marfleet");
  successor = wa_change_main_successor (f.change, "E05001676", &share);
  g_assert_nonnull (successor);
  g_assert_cmpstr (wa_ward_get_name (successor), ==, "Marfleet");
  g_assert_cmpstr (wa_ward_get_code (successor), ==, "E05011536");
  g_assert_cmpfloat (share, >, 0.5);
  c = wa_change_lookup (f.change, "E05011536");
  g_assert_nonnull (c);
  g_assert_cmpstr (c->predecessors[0].code, ==, "E05001676");
  g_assert_true (c->predecessors[0].left_behind);
  /* Marfleet: 7th of 7,421 wards in 2019. */
  g_assert_cmpfloat_with_epsilon (c->predecessors[0].position[WA_CHANGE_POSITION_COMBINED],
                                  7.0 / 7421, 1e-9);
  tear_down (&f);
}

/* The model reading a pack's crosswalk: the fixture 2025 pack with and
 * without one, against the real 2019 pack (whose wards the fixture's
 * predecessors are not: those links have no ward). */
static void
test_read_fixture_pack (void)
{
  Fixture f;
  WaTestSources sources = { 0 };
  g_autoptr(WaAtlas) fixture = NULL;
  g_autoptr(WaChange) change = NULL;
  g_autoptr(GError) error = NULL;
  const WaWardChange *c;

  if (!set_up (&f))
    return;
  wa_test_sources_init (&sources);
  fixture = wa_test_sources_open (&sources, FALSE);
  g_assert_null (wa_change_new (f.before, fixture, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "no crosswalk"));
  g_clear_error (&error);
  g_assert_null (wa_change_new (fixture, f.before, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&fixture);

  /* One old ward (E05001676, Marfleet 2017) for all of E05000001. */
  wa_test_sources_write_manifest (&sources, NULL);
  {
    g_autofree char *text = NULL;
    g_autoptr(GString) manifest = NULL;

    g_assert_true (g_file_get_contents (sources.manifest, &text, NULL, NULL));
    manifest = g_string_new (text);
    g_string_append (manifest,
                     "\n[source cw]\nrole=crosswalk-lsoa-ward-lookup\ntitle=T\nfile=old.csv\neditions=2025\n"
                     "publisher=T\nurl=https://example.org/\nlicence=OGL\nattribution=T\n"
                     "column.lsoa=lsoa\ncolumn.ward=ward\n"
                     "\n[source cp]\nrole=crosswalk-lsoa-population\ntitle=T\nfile=old.csv\neditions=2025\n"
                     "publisher=T\nurl=https://example.org/\nlicence=OGL\nattribution=T\n"
                     "column.lsoa=lsoa\ncolumn.population=people\n"
                     "\n[source ci]\nrole=crosswalk-imd-lsoa\ntitle=T\nfile=old.csv\neditions=2025\n"
                     "publisher=T\nurl=https://example.org/\nlicence=OGL\nattribution=T\n"
                     "column.lsoa=lsoa\ncolumn.imd.decile=decile\n"
                     "\n[source cc]\nrole=lsoa-change-lookup\ntitle=T\nfile=change.csv\neditions=2025\n"
                     "publisher=T\nurl=https://example.org/\nlicence=OGL\nattribution=T\n"
                     "column.lsoa_before=before\ncolumn.lsoa_after=after\ncolumn.change=code\n");
    g_assert_true (g_file_set_contents (sources.manifest, manifest->str, -1, NULL));
  }
  wa_test_sources_write_csv (&sources, "lookup.csv",
                             "lsoa,ward\nL1,E05000001\nL2,E05000001\nL3,E05000002\nL4,E05000002\n"
                             "L5,E05000003\nL6,W05000099\nL7,E05000003\nL8,E05000004\n");
  wa_test_sources_write_csv (&sources, "old.csv",
                             "lsoa,ward,people,decile\nK1,E05001676,100,1\nK2,E09999999,50,2\n");
  wa_test_sources_write_csv (&sources, "change.csv",
                             "before,after,code\nK1,L1,S\nK1,L2,S\nK2,L3,X\nK2,L4,X\nK2,L5,X\nK2,L6,X\nK2,L7,X\nK2,L8,X\n");
  fixture = wa_test_sources_open (&sources, FALSE);
  change = wa_change_new (f.before, fixture, &error);
  g_assert_no_error (error);
  c = wa_change_lookup (change, "E05000001");
  g_assert_nonnull (c);
  g_assert_cmpuint (c->n_predecessors, ==, 1);
  g_assert_cmpstr (wa_ward_get_name (c->predecessors[0].ward), ==, "Marfleet");
  g_assert_true (c->predecessors[0].left_behind);
  g_assert_cmpfloat_with_epsilon (c->share_left_behind_then, 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (c->decile1_then, 1, 1e-9);
  g_assert_null (wa_change_lookup (change, "E05000002")->predecessors[0].ward);
  wa_test_sources_clear (&sources);
  tear_down (&f);
}

/* ward-atlas-cli change ($WA_CLI): exit status and output. */
static int
run_cli (char **out, char **err, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("WA_CLI"));
  g_ptr_array_add (argv, "change");
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (argv->pdata[0]);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (void)
{
  const char *p2019 = g_getenv ("WA_PACK_2019"), *p2025 = g_getenv ("WA_PACK_2025");
  g_autofree char *out = NULL, *err = NULL;

  if (!wa_test_edition_wanted ("2025") || p2019 == NULL || p2025 == NULL
      || !g_file_test (p2025, G_FILE_TEST_EXISTS) || !g_file_test (p2019, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("needs both packs");
      return;
    }
  g_assert_cmpint (run_cli (NULL, &err, p2019, p2025, "--category", "improved", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "improved"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, p2019, p2025, "--format", "xml", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, p2019, NULL), ==, 2);
  /* A 2017 code stands for its main successor, and says so. */
  g_assert_cmpint (run_cli (&out, &err, p2019, p2025, "--ward", "E05001676", "--format", "csv", NULL), ==, 0);
  g_assert_nonnull (strstr (err, "is now mostly Marfleet (E05011536)"));
  g_assert_true (g_str_has_prefix (out, "ward_code,ward_name,"));
  g_assert_nonnull (strstr (out, "\nE05011536,Marfleet,\"Kingston upon Hull, City of\",left-behind-in-both,false,1.0000,true,"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/change-real/list-wards-map-forward", test_list_wards_map_forward);
  g_test_add_func ("/change-real/unchanged-codes-stay", test_unchanged_codes_stay);
  g_test_add_func ("/change-real/marfleet", test_marfleet);
  g_test_add_func ("/change-real/read-fixture-pack", test_read_fixture_pack);
  g_test_add_func ("/change-real/cli", test_cli);
  status = g_test_run ();
  g_clear_object (&shared.change);
  g_clear_object (&shared.before);
  g_clear_object (&shared.after);
  return status;
}
