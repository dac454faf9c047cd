/* test-lazy-no-gdal.c: the lazy pack queries need no GDAL. This binary
 * links the model library without libgdal (tests/meson.build), so a GDAL
 * reference anywhere in what the lazy path uses fails the link; at run time
 * it answers info, a ward, a postcode and a point and checks that libgdal
 * is not mapped. A CLI front answering one-off commands lazily depends on
 * this: starting a binary that loads libgdal alone costs ~130 ms. */
#include <string.h>
#include <glib.h>

#include "wa-pack-query.h"

static gboolean
gdal_is_mapped (void)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, "libgdal") != NULL;
}

/* The full CLI verifies the pack and stamps it; then the query opens it. */
static void
stamp_pack (const char *pack)
{
  const char *argv[] = { g_getenv ("WA_CLI"), "info", pack, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_queries (void)
{
  const char *pack = g_getenv ("WA_PACK_2019");
  g_autoptr(WaPackQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  WaPackSummary summary = { 0 };
  WaWard *ward;

  if (pack == NULL || g_getenv ("WA_CLI") == NULL || !g_file_test (pack, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("2019 pack not built or WA_CLI unset");
      return;
    }
  stamp_pack (pack);
  query = wa_pack_query_open (pack, &error);
  g_assert_no_error (error);
  g_assert_nonnull (query);
  g_assert_true (wa_pack_query_summarise (query, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_on_map, >, 0);
  wa_pack_summary_clear (&summary);

  ward = wa_atlas_get_ward (wa_pack_query_get_atlas (query), 0);
  ward = wa_pack_query_lookup_ward (query, wa_ward_get_code (ward), &error);
  g_assert_no_error (error);
  g_assert_nonnull (ward);
  /* Westminster (the Houses of Parliament): inside a ward with a boundary. */
  ward = wa_pack_query_locate (query, -0.1246, 51.4995, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ward);
  g_assert_nonnull (wa_ward_get_geometry (ward));

  g_assert_false (gdal_is_mapped ());
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lazy-no-gdal/queries", test_queries);
  return g_test_run ();
}
