/* test-lsoa-real.c: the neighbourhoods of the real packs (issue 20): every
 * LSOA is in a ward and the ward's population is its LSOAs' sum; OCSI's
 * 2023 left-behind neighbourhoods are reproduced exactly from CNI 2023 and
 * IMD 2019. */
#include <math.h>
#include "ward-atlas-core.h"
#include "wa-test-fixtures.h"

/* The builder sums each ward's population over its LSOAs: the layer must
 * hold exactly those LSOAs. */
static void
check_populations (WaAtlas *atlas)
{
  WaLsoas *lsoas = wa_atlas_get_lsoas (atlas);
  guint n_checked = 0;

  for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
    {
      WaWard *ward = wa_atlas_get_ward (atlas, w);
      WaLsoaWardSummary s;

      wa_lsoas_summarise_ward (lsoas, w, &s);
      g_assert_cmpuint (s.n_lsoas, ==, wa_ward_get_n_lsoa (ward));
      if (wa_ward_get_population (ward) < 0)
        continue;
      g_assert_cmpint (s.population, ==, wa_ward_get_population (ward));
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, wa_atlas_get_n_wards (atlas) * 9 / 10);
}

static void
test_2019 (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  WaLsoas *lsoas;

  if (atlas == NULL)
    return;
  lsoas = wa_atlas_get_lsoas (atlas);
  g_assert_cmpuint (wa_lsoas_get_n (lsoas), ==, 32844);
  g_assert_cmpuint (wa_lsoas_get_n_ranked (lsoas, WA_INDICATOR_IMD), ==, 32844);
  /* CNI 2019 is published per ward only: no neighbourhood flag. */
  for (WaLsoaFlag f = 0; f < WA_N_LSOA_FLAGS; f++)
    g_assert_false (wa_lsoas_has_flag (lsoas, f));
  check_populations (atlas);
  g_assert_false (wa_ward_column_available (WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE, atlas));
}

/* The ranking table's "half or more" filter picks exactly the wards the
 * neighbourhoods method marks left behind. */
static void
check_share_filter (WaAtlas *atlas)
{
  g_autoptr(WaWardFilter) filter = wa_ward_filter_new ();
  g_autoptr(GPtrArray) half = NULL;
  g_autoptr(GPtrArray) marked = NULL;
  g_autoptr(GError) error = NULL;
  WaRankParams params;

  g_assert_true (wa_ward_column_available (WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE, atlas));
  wa_ward_filter_set_neighbourhoods (filter, WA_NEIGHBOURHOOD_FILTER_MAJORITY);
  half = wa_ward_filter_apply (filter, atlas, WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE, FALSE);
  wa_rank_params_init (&params);
  params.method = WA_RANK_METHOD_NEIGHBOURHOODS;
  g_assert_true (wa_atlas_set_rank_params (atlas, &params, &error));
  g_assert_no_error (error);
  marked = wa_atlas_dup_left_behind (atlas);
  g_assert_cmpuint (half->len, ==, marked->len);
  g_assert_cmpuint (half->len, ==, 113);
  for (guint i = 0; i < marked->len; i++)
    g_assert_true (g_ptr_array_find (half, marked->pdata[i], NULL));
  /* Sorted on the share: largest first. */
  g_assert_cmpfloat (wa_ward_get_neighbourhood_share (half->pdata[0]), >=,
                     wa_ward_get_neighbourhood_share (half->pdata[half->len - 1]));
  g_assert_cmpfloat (wa_ward_get_neighbourhood_share (half->pdata[half->len - 1]), >=, 0.5);
}

static void
test_2025 (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2025");
  guint counts[WA_N_LSOA_FLAGS] = { 0 }, differ = 0;
  WaLsoas *lsoas;

  if (atlas == NULL)
    return;
  lsoas = wa_atlas_get_lsoas (atlas);
  g_assert_cmpuint (wa_lsoas_get_n (lsoas), ==, 33755);
  for (guint i = 0; i < wa_lsoas_get_n (lsoas); i++)
    {
      const WaLsoa *lsoa = wa_lsoas_get (lsoas, i);
      int published = wa_lsoas_flag (lsoas, lsoa, WA_LSOA_FLAG_PUBLISHED);

      g_assert_cmpint (published, >=, 0);
      g_assert_cmpint (wa_lsoas_flag (lsoas, lsoa, WA_LSOA_FLAG_REPRODUCED), ==, published);
      for (WaLsoaFlag f = 0; f < WA_N_LSOA_FLAGS; f++)
        counts[f] += wa_lsoas_flag (lsoas, lsoa, f) == 1;
      differ += wa_lsoas_flag (lsoas, lsoa, WA_LSOA_FLAG_CURRENT) != published;
    }
  g_assert_cmpuint (counts[WA_LSOA_FLAG_PUBLISHED], ==, 1305);
  g_assert_cmpuint (counts[WA_LSOA_FLAG_REPRODUCED], ==, 1305);
  /* The current recomputation is its own list, not a copy of the old. */
  g_assert_cmpuint (counts[WA_LSOA_FLAG_CURRENT], >, 1000);
  g_assert_cmpuint (differ, >, 0);
  check_populations (atlas);
  check_share_filter (atlas);
}

/* Boundaries are read when first asked for, not at open: Kingston upon
 * Hull 021C (E01012845, in Marfleet, a published left-behind
 * neighbourhood) at a point well inside it. */
static void
test_2025_boundaries (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2025");
  g_autoptr(GArray) found = NULL;
  WaBBox box = { -0.2459, 53.7573, -0.2457, 53.7574 };
  WaLsoas *lsoas;
  WaWard *ward;
  int index;
  gboolean listed = FALSE;

  if (atlas == NULL)
    return;
  lsoas = wa_atlas_get_lsoas (atlas);
  g_assert_false (wa_lsoas_has_geometry (lsoas));
  index = wa_atlas_locate_lsoa (atlas, -0.24583119, 53.75737295);
  g_assert_true (wa_lsoas_has_geometry (lsoas));
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpstr (wa_lsoas_get (lsoas, index)->code, ==, "E01012845");
  ward = wa_atlas_locate (atlas, -0.24583119, 53.75737295);
  g_assert_nonnull (ward);
  g_assert_cmpuint (wa_lsoas_get (lsoas, index)->ward_index, ==, wa_ward_get_index (ward));
  g_assert_cmpint (wa_lsoas_flag (lsoas, wa_lsoas_get (lsoas, index), WA_LSOA_MAP_FLAG), ==, 1);
  g_assert_true (wa_geometry_contains (wa_atlas_get_lsoa_geometry (atlas, index),
                                       -0.24583119, 53.75737295));
  found = g_array_new (FALSE, FALSE, sizeof (guint));
  wa_atlas_query_lsoas (atlas, &box, found);
  for (guint i = 0; i < found->len; i++)
    listed |= g_array_index (found, guint, i) == (guint) index;
  g_assert_true (listed);
  g_assert_cmpuint (found->len, <, 10);
  /* The sea has none. */
  g_assert_cmpint (wa_atlas_locate_lsoa (atlas, 2.0, 54.0), ==, -1);
}

static void
store_result (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* Boundaries read ahead on a worker thread (as the map does, nearing the
 * zoom that shows them) are there when it finishes; asked again, it
 * finishes at once. */
static void
test_2019_read_ahead (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  int index;

  if (atlas == NULL)
    return;
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      wa_atlas_read_lsoa_geometry_async (atlas, NULL, store_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (wa_atlas_read_lsoa_geometry_finish (atlas, result, &error));
      g_assert_no_error (error);
      g_assert_true (wa_lsoas_has_geometry (wa_atlas_get_lsoas (atlas)));
    }
  /* Kingston upon Hull 021C, as in the 2025 pack's test. */
  index = wa_atlas_locate_lsoa (atlas, -0.24583119, 53.75737295);
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpstr (wa_lsoas_get (wa_atlas_get_lsoas (atlas), index)->code, ==, "E01012845");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lsoa-real/2019", test_2019);
  g_test_add_func ("/lsoa-real/2025", test_2025);
  g_test_add_func ("/lsoa-real/2025-boundaries", test_2025_boundaries);
  g_test_add_func ("/lsoa-real/2019-read-ahead", test_2019_read_ahead);
  return g_test_run ();
}
