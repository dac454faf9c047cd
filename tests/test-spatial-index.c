/* test-spatial-index.c: grid insert and point/box queries. */
#include "wa-test-fixtures.h"

static gboolean
list_has (const guint *items,
          guint        n,
          guint        item)
{
  for (guint i = 0; i < n; i++)
    if (items[i] == item)
      return TRUE;
  return FALSE;
}

static gboolean
array_has (GArray *items,
           guint   item)
{
  return list_has ((const guint *) items->data, items->len, item);
}

static WaSpatialIndex *
three_boxes (void)
{
  WaBBox extent = { 0, 0, 10, 10 };
  WaSpatialIndex *index = wa_spatial_index_new (&extent, 1.0);

  wa_spatial_index_insert (index, &(WaBBox) { 0.5, 0.5, 2.5, 2.5 }, 7);
  wa_spatial_index_insert (index, &(WaBBox) { 2, 2, 8, 3 }, 3);
  wa_spatial_index_insert (index, &(WaBBox) { 9.2, 9.2, 9.8, 9.8 }, 11);
  return index;
}

static void
test_query_point (void)
{
  g_autoptr(WaSpatialIndex) index = three_boxes ();
  const guint *items;
  guint n;

  items = wa_spatial_index_query_point (index, 1.0, 1.0, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (items[0], ==, 7);

  items = wa_spatial_index_query_point (index, 2.2, 2.2, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (list_has (items, n, 7));
  g_assert_true (list_has (items, n, 3));

  items = wa_spatial_index_query_point (index, 7.5, 2.5, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (items[0], ==, 3);

  items = wa_spatial_index_query_point (index, 9.5, 9.5, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (items[0], ==, 11);

  /* An empty cell. */
  wa_spatial_index_query_point (index, 5.5, 7.5, &n);
  g_assert_cmpuint (n, ==, 0);
}

static void
test_outside_extent (void)
{
  WaBBox extent = { 0, 0, 10, 10 };
  g_autoptr(WaSpatialIndex) index = wa_spatial_index_new (&extent, 2.0);
  const guint *items;
  guint n;

  /* Reaches beyond the right edge: clamped to the edge cells. */
  wa_spatial_index_insert (index, &(WaBBox) { 9, 4, 14, 5 }, 1);
  /* Entirely outside, below-left. */
  wa_spatial_index_insert (index, &(WaBBox) { -5, -5, -4, -4 }, 2);

  items = wa_spatial_index_query_point (index, 12, 4.5, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (items[0], ==, 1);
  items = wa_spatial_index_query_point (index, -4.5, -4.5, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (items[0], ==, 2);
}

static void
test_query_box (void)
{
  g_autoptr(WaSpatialIndex) index = three_boxes ();
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Spans many cells of items 7 and 3: each reported once. */
  wa_spatial_index_query_box (index, &(WaBBox) { 0, 0, 10, 10 }, items);
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_true (array_has (items, 7));
  g_assert_true (array_has (items, 3));
  g_assert_true (array_has (items, 11));

  g_array_set_size (items, 0);
  wa_spatial_index_query_box (index, &(WaBBox) { 5, 2.5, 6, 6 }, items);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpuint (g_array_index (items, guint, 0), ==, 3);

  /* Same cell as item 11 but its box misses: no false candidates. */
  g_array_set_size (items, 0);
  wa_spatial_index_query_box (index, &(WaBBox) { 9.0, 9.0, 9.1, 9.1 }, items);
  g_assert_cmpuint (items->len, ==, 0);

  /* Appends rather than replaces. */
  g_array_set_size (items, 0);
  g_array_append_val (items, (guint) { 99 });
  wa_spatial_index_query_box (index, &(WaBBox) { 1, 1, 1.5, 1.5 }, items);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpuint (g_array_index (items, guint, 0), ==, 99);
  g_assert_cmpuint (g_array_index (items, guint, 1), ==, 7);
}

static void
test_many_items (void)
{
  WaBBox extent = { -6, 49, 2, 56 };
  g_autoptr(WaSpatialIndex) index = wa_spatial_index_new (&extent, 0.05);
  guint n;

  /* A 100 x 100 lattice of small boxes; every lattice point finds its box. */
  for (guint i = 0; i < 100; i++)
    for (guint j = 0; j < 100; j++)
      {
        double x = -6 + i * 0.08, y = 49 + j * 0.07;
        wa_spatial_index_insert (index, &(WaBBox) { x, y, x + 0.06, y + 0.05 }, i * 100 + j);
      }

  for (guint i = 0; i < 100; i += 7)
    for (guint j = 0; j < 100; j += 3)
      {
        const guint *items = wa_spatial_index_query_point (index, -6 + i * 0.08 + 0.03,
                                                           49 + j * 0.07 + 0.025, &n);
        g_assert_true (list_has (items, n, i * 100 + j));
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/spatial-index/query-point", test_query_point);
  g_test_add_func ("/spatial-index/outside-extent", test_outside_extent);
  g_test_add_func ("/spatial-index/query-box", test_query_box);
  g_test_add_func ("/spatial-index/many-items", test_many_items);

  return g_test_run ();
}
