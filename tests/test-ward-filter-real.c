/* test-ward-filter-real.c: the ranking table's filters and sort on the
 * packs built from ../shared/data: the published count of left-behind
 * wards, regions and authorities by name, and the sort's unranked tail;
 * each test skips when its pack is absent. */
#include "wa-test-fixtures.h"

static void
test_filters (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  g_autoptr(WaWardFilter) filter = wa_ward_filter_new ();
  g_autoptr(GPtrArray) official = NULL;
  g_autoptr(GPtrArray) north_east = NULL;
  g_autoptr(GPtrArray) two_lads = NULL;
  g_autoptr(GPtrArray) hartlepool = NULL;
  g_autoptr(GPtrArray) middlesbrough = NULL;
  g_autoptr(GPtrArray) by_imd = NULL;
  g_autofree char *summary = NULL;
  guint expected_ne = 0;

  if (atlas == NULL)
    return;
  wa_ward_filter_set_left_behind_only (filter, TRUE);
  official = wa_ward_filter_apply (filter, atlas, WA_WARD_COLUMN_COMBINED_RANK, FALSE);
  g_assert_cmpuint (official->len, ==, 225);
  summary = wa_ward_list_describe (official);
  g_assert_cmpstr (summary, ==, "225 wards, 2.39 million people");

  for (guint i = 0; i < official->len; i++)
    expected_ne += g_strcmp0 (wa_ward_get_region_name (official->pdata[i]), "North East") == 0;
  wa_ward_filter_set_region (filter, "North East");
  north_east = wa_ward_filter_apply (filter, atlas, WA_WARD_COLUMN_COMBINED_RANK, FALSE);
  g_assert_cmpuint (north_east->len, ==, expected_ne);
  g_assert_cmpuint (north_east->len, >, 0);

  wa_ward_filter_set_region (filter, NULL);
  wa_ward_filter_set_left_behind_only (filter, FALSE);
  wa_ward_filter_add_lad (filter, "Hartlepool");
  hartlepool = wa_ward_filter_apply (filter, atlas, WA_WARD_COLUMN_NAME, FALSE);
  wa_ward_filter_clear_lads (filter);
  wa_ward_filter_add_lad (filter, "Middlesbrough");
  middlesbrough = wa_ward_filter_apply (filter, atlas, WA_WARD_COLUMN_NAME, FALSE);
  wa_ward_filter_add_lad (filter, "Hartlepool");
  two_lads = wa_ward_filter_apply (filter, atlas, WA_WARD_COLUMN_NAME, FALSE);
  g_assert_cmpuint (hartlepool->len, >, 5);
  g_assert_cmpuint (two_lads->len, ==, hartlepool->len + middlesbrough->len);

  /* Descending IMD: the least deprived first, unranked wards still last. */
  by_imd = wa_ward_filter_apply (NULL, atlas, WA_WARD_COLUMN_IMD_RANK, TRUE);
  g_assert_cmpuint (by_imd->len, ==, wa_atlas_get_n_wards (atlas));
  g_assert_cmpuint (wa_ward_get_imd_rank (by_imd->pdata[0]), ==, wa_atlas_get_n_ranked (atlas, WA_INDICATOR_IMD));
  g_assert_cmpuint (wa_ward_get_imd_rank (by_imd->pdata[wa_atlas_get_n_ranked (atlas, WA_INDICATOR_IMD) - 1]), ==, 1);
  for (guint i = wa_atlas_get_n_ranked (atlas, WA_INDICATOR_IMD); i < by_imd->len; i++)
    g_assert_cmpuint (wa_ward_get_imd_rank (by_imd->pdata[i]), ==, 0);
}

/* Both-decile's left-behind count agrees between the filter and the atlas. */
static void
test_left_behind_2025 (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2025");
  g_autoptr(WaWardFilter) filter = wa_ward_filter_new ();
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) expected = NULL;

  if (atlas == NULL)
    return;
  wa_ward_filter_set_left_behind_only (filter, TRUE);
  shown = wa_ward_filter_apply (filter, atlas, WA_WARD_COLUMN_COMBINED_RANK, FALSE);
  expected = wa_atlas_dup_left_behind (atlas);
  g_assert_cmpuint (shown->len, ==, expected->len);
  g_assert_cmpuint (shown->len, >, 100);
  for (guint i = 0; i < shown->len; i++)
    g_assert_true (shown->pdata[i] == expected->pdata[i]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ward-filter-real/filters", test_filters);
  g_test_add_func ("/ward-filter-real/left-behind-2025", test_left_behind_2025);
  return g_test_run ();
}
