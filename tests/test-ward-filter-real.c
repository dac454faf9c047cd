/* test-ward-filter-real.c: the ranking table's filters and sort on the
 * packs built from ../shared/data: the published count of left-behind
 * wards, regions and authorities by name, the sort's unranked tail, and
 * the name and code order against collating pair by pair (in
 * en_GB.UTF-8 where the machine has it); each test skips when its pack
 * is absent. */
#include "wa-test-fixtures.h"

#include <locale.h>

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

typedef struct {
  WaWardColumn column;
  gboolean descending;
} Order;

static int
compare_pairwise (gconstpointer a, gconstpointer b, gpointer data)
{
  const Order *order = data;

  return wa_ward_compare (*(WaWard **) a, *(WaWard **) b, order->column, order->descending);
}

/* Sorted by filter, as pair by pair with g_utf8_collate. */
static void
assert_sorted_pairwise (WaAtlas *atlas, const WaWardFilter *filter, const Order *order)
{
  g_autoptr(GPtrArray) sorted = wa_ward_filter_apply (filter, atlas, order->column, order->descending);
  g_autoptr(GPtrArray) pairwise = g_ptr_array_copy (sorted, NULL, NULL);

  g_ptr_array_sort_with_data (pairwise, compare_pairwise, (gpointer) order);
  for (guint i = 0; i < sorted->len; i++)
    g_assert_cmpstr (wa_ward_get_code (sorted->pdata[i]), ==, wa_ward_get_code (pairwise->pdata[i]));
}

/* The whole list sorted by the atlas's places (collation keys sorted
 * once) comes out as sorting with g_utf8_collate pair by pair, whether
 * the places were made by the first sort or by the idle preparation; so
 * does a council's few wards, sorted before there are places. */
static void
test_text_order (void)
{
  const WaWardColumn columns[] = { WA_WARD_COLUMN_NAME, WA_WARD_COLUMN_CODE, WA_WARD_COLUMN_LAD };

  for (guint prepared = 0; prepared < 2; prepared++)
    {
      g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
      g_autoptr(WaWardFilter) hartlepool = wa_ward_filter_new ();

      if (atlas == NULL)
        return;
      wa_ward_filter_add_lad (hartlepool, "Hartlepool");
      for (guint next = 0; prepared && next < wa_atlas_get_n_wards (atlas);)
        next = wa_ward_filter_prepare (atlas, next, 1000);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        for (int descending = 0; descending < 2; descending++)
          {
            Order order = { columns[c], descending };

            assert_sorted_pairwise (atlas, hartlepool, &order);
            assert_sorted_pairwise (atlas, NULL, &order);
          }
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  if (setlocale (LC_COLLATE, "en_GB.UTF-8") == NULL)
    g_test_message ("en_GB.UTF-8 is not installed: collating in %s", setlocale (LC_COLLATE, NULL));
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ward-filter-real/filters", test_filters);
  g_test_add_func ("/ward-filter-real/text-order", test_text_order);
  g_test_add_func ("/ward-filter-real/left-behind-2025", test_left_behind_2025);
  return g_test_run ();
}
