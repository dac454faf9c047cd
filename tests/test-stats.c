/* test-stats.c: ranks, deciles, extent weights, aggregation and median. */
#include "wa-test-fixtures.h"

#include <math.h>
#include <string.h>

static void
test_rank_descending_ties (void)
{
  const double values[] = { 5.0, 9.0, 7.0, 7.0, 1.0 };
  guint ranks[G_N_ELEMENTS (values)];
  gsize n = wa_stats_rank_descending (values, G_N_ELEMENTS (values), ranks);

  g_assert_cmpuint (n, ==, 5);
  /* "1224" competition ranking: 9 -> 1, 7 and 7 share 2, 5 -> 4, 1 -> 5. */
  g_assert_cmpuint (ranks[1], ==, 1);
  g_assert_cmpuint (ranks[2], ==, 2);
  g_assert_cmpuint (ranks[3], ==, 2);
  g_assert_cmpuint (ranks[0], ==, 4);
  g_assert_cmpuint (ranks[4], ==, 5);
}

static void
test_rank_nan (void)
{
  const double values[] = { NAN, 3.0, NAN, 4.0 };
  guint ranks[G_N_ELEMENTS (values)] = { 99, 99, 99, 99 };
  gsize n = wa_stats_rank_descending (values, G_N_ELEMENTS (values), ranks);

  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (ranks[0], ==, 0);
  g_assert_cmpuint (ranks[2], ==, 0);
  g_assert_cmpuint (ranks[3], ==, 1);
  g_assert_cmpuint (ranks[1], ==, 2);

  {
    const double all_nan[] = { NAN, NAN };
    guint r[2];

    g_assert_cmpuint (wa_stats_rank_descending (all_nan, 2, r), ==, 0);
    g_assert_cmpuint (r[0], ==, 0);
    g_assert_cmpuint (r[1], ==, 0);
  }
  g_assert_cmpuint (wa_stats_rank_descending (NULL, 0, NULL), ==, 0);
}

static void
test_rank_ascending_secondary (void)
{
  const double values[]    = { 0.2, 0.1, 0.2, 0.2, NAN, 0.3 };
  const double secondary[] = { 0.1, 0.5, 0.05, 0.1, 0.0, 0.0 };
  guint ranks[G_N_ELEMENTS (values)];
  gsize n;

  n = wa_stats_rank_ascending (values, secondary, G_N_ELEMENTS (values), ranks);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpuint (ranks[1], ==, 1);
  g_assert_cmpuint (ranks[2], ==, 2);   /* 0.2 tie broken by the smaller secondary */
  g_assert_cmpuint (ranks[0], ==, 3);   /* remaining exact tie shared */
  g_assert_cmpuint (ranks[3], ==, 3);
  g_assert_cmpuint (ranks[5], ==, 5);
  g_assert_cmpuint (ranks[4], ==, 0);

  /* Without a secondary key all three 0.2 values share rank 2. */
  n = wa_stats_rank_ascending (values, NULL, G_N_ELEMENTS (values), ranks);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpuint (ranks[0], ==, 2);
  g_assert_cmpuint (ranks[2], ==, 2);
  g_assert_cmpuint (ranks[3], ==, 2);
  g_assert_cmpuint (ranks[5], ==, 5);
}

static void
test_rank_large (void)
{
  const gsize n = 35000;
  g_autofree double *values = g_new (double, n);
  g_autofree guint *ranks = g_new (guint, n);
  gint64 start;

  /* A permutation of 0 .. n-1 (7919 is prime and coprime to n), so the
   * rank of value v is n - v. */
  for (gsize i = 0; i < n; i++)
    values[i] = (double) ((i * 7919) % n);

  start = g_get_monotonic_time ();
  g_assert_cmpuint (wa_stats_rank_descending (values, n, ranks), ==, n);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  for (gsize i = 0; i < n; i++)
    g_assert_cmpuint (ranks[i], ==, n - (guint) values[i]);
}

static void
test_decile (void)
{
  g_assert_cmpuint (wa_stats_decile (0, 7433), ==, 0);
  g_assert_cmpuint (wa_stats_decile (5, 0), ==, 0);
  g_assert_cmpuint (wa_stats_decile (1, 7433), ==, 1);
  g_assert_cmpuint (wa_stats_decile (743, 7433), ==, 1);
  g_assert_cmpuint (wa_stats_decile (744, 7433), ==, 2);
  g_assert_cmpuint (wa_stats_decile (1486, 7433), ==, 2);
  g_assert_cmpuint (wa_stats_decile (1487, 7433), ==, 3);
  g_assert_cmpuint (wa_stats_decile (7433, 7433), ==, 10);
  /* IoD 2019: 32,844 LSOAs, decile 1 = ranks 1 .. 3,284. */
  g_assert_cmpuint (wa_stats_decile (3284, 32844), ==, 1);
  g_assert_cmpuint (wa_stats_decile (3285, 32844), ==, 2);
  g_assert_cmpuint (wa_stats_decile (100, 1000), ==, 1);
  g_assert_cmpuint (wa_stats_decile (101, 1000), ==, 2);
}

static void
test_extent_weight (void)
{
  /* n = 1000: percentile = rank / 10. */
  g_assert_cmpfloat (wa_stats_extent_weight (0, 1000), ==, 0.0);
  g_assert_cmpfloat (wa_stats_extent_weight (1, 1000), ==, 1.0);
  g_assert_cmpfloat (wa_stats_extent_weight (100, 1000), ==, 1.0);          /* p = 10 */
  g_assert_cmpfloat_with_epsilon (wa_stats_extent_weight (101, 1000), 0.95, 1e-12);  /* p = 10.1 -> 11 */
  g_assert_cmpfloat_with_epsilon (wa_stats_extent_weight (110, 1000), 0.95, 1e-12);  /* p = 11 */
  g_assert_cmpfloat_with_epsilon (wa_stats_extent_weight (111, 1000), 0.90263157894736842, 1e-12);  /* p = 12 bucket */
  g_assert_cmpfloat_with_epsilon (wa_stats_extent_weight (200, 1000), 0.95 - 9 * 0.9 / 19, 1e-12);  /* p = 20 */
  g_assert_cmpfloat_with_epsilon (wa_stats_extent_weight (300, 1000), 0.05, 1e-12);  /* p = 30 */
  g_assert_cmpfloat (wa_stats_extent_weight (301, 1000), ==, 0.0);           /* p = 30.1 */
  g_assert_cmpfloat (wa_stats_extent_weight (310, 1000), ==, 0.0);           /* p = 31 */
  g_assert_cmpfloat (wa_stats_extent_weight (1000, 1000), ==, 0.0);
  /* Real LSOA count: 10 % of 32,844 is 3,284.4. */
  g_assert_cmpfloat (wa_stats_extent_weight (3284, 32844), ==, 1.0);
  g_assert_cmpfloat_with_epsilon (wa_stats_extent_weight (3285, 32844), 0.95, 1e-12);
}

static void
test_aggregate (void)
{
  WaAggregate agg;

  wa_aggregate_init (&agg);
  g_assert_true (isnan (wa_aggregate_mean (&agg)));
  g_assert_true (isnan (wa_aggregate_extent (&agg)));
  g_assert_true (isnan (wa_aggregate_proportion (&agg)));

  /* Four LSOAs among 1000: scores 10, 20, NAN, 40; populations 100, 300,
   * 50, 100; ranks 50 (weight 1), 200 (p = 20, weight 0.95 - 9*0.9/19),
   * 0 (unknown), 500 (weight 0). */
  wa_aggregate_add (&agg, 10.0, 100, 50, 1000);
  wa_aggregate_add (&agg, 20.0, 300, 200, 1000);
  wa_aggregate_add (&agg, NAN, 50, 0, 1000);
  wa_aggregate_add (&agg, 40.0, 100, 500, 1000);

  g_assert_cmpuint (agg.n_lsoas, ==, 4);
  /* (10*100 + 20*300 + 40*100) / 500 = 11000 / 500 = 22 */
  g_assert_cmpfloat_with_epsilon (wa_aggregate_mean (&agg), 22.0, 1e-12);
  /* (100*1 + 300*(0.95 - 8.1/19) + 100*0) / 500 */
  g_assert_cmpfloat_with_epsilon (wa_aggregate_extent (&agg),
                                  (100.0 + 300.0 * (0.95 - 8.1 / 19.0)) / 500.0, 1e-12);
  /* One of the three ranked LSOAs is in the top decile. */
  g_assert_cmpfloat_with_epsilon (wa_aggregate_proportion (&agg), 1.0 / 3.0, 1e-12);
}

static void
test_aggregate_no_weight (void)
{
  WaAggregate agg;

  wa_aggregate_init (&agg);
  wa_aggregate_add (&agg, 5.0, 0.0, 10, 100);
  wa_aggregate_add (&agg, 7.0, NAN, 0, 100);
  g_assert_true (isnan (wa_aggregate_mean (&agg)));
  g_assert_true (isnan (wa_aggregate_extent (&agg)));
  g_assert_cmpfloat (wa_aggregate_proportion (&agg), ==, 1.0);
}

static void
test_median (void)
{
  const double odd[] = { 5, 1, 3 };
  const double even[] = { 4, 1, 3, 2 };
  const double with_nan[] = { NAN, 8, NAN, 2, 4 };
  const double only_nan[] = { NAN, NAN };
  double copy[G_N_ELEMENTS (odd)];

  memcpy (copy, odd, sizeof odd);
  g_assert_cmpfloat (wa_stats_median (copy, 3), ==, 3.0);
  /* The input is not reordered. */
  g_assert_cmpmem (copy, sizeof copy, odd, sizeof odd);
  g_assert_cmpfloat (wa_stats_median (even, 4), ==, 2.5);
  g_assert_cmpfloat (wa_stats_median (with_nan, 5), ==, 4.0);
  g_assert_true (isnan (wa_stats_median (only_nan, 2)));
  g_assert_true (isnan (wa_stats_median (NULL, 0)));
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Every k of arrays with few distinct values (most wards have no asset of
 * a kind), all equal, sorted both ways and random: the sorted array's
 * value, with nothing greater before k and nothing smaller after it. */
static void
test_select (void)
{
  const gsize sizes[] = { 1, 2, 3, 7, 64, 1001 };
  const int spreads[] = { 1, 3, 1000000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (18);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint d = 0; d < G_N_ELEMENTS (spreads); d++)
      for (guint order = 0; order < 3; order++)
        {
          gsize n = sizes[s];
          g_autofree double *values = g_new (double, n);
          g_autofree double *sorted = g_new (double, n);
          g_autofree double *work = g_new (double, n);

          for (gsize i = 0; i < n; i++)
            values[i] = g_rand_int_range (rand, 0, spreads[d]) / 7.0;
          memcpy (sorted, values, n * sizeof (double));
          qsort (sorted, n, sizeof (double), compare_doubles);
          if (order > 0)
            for (gsize i = 0; i < n; i++)
              values[i] = sorted[order == 1 ? i : n - 1 - i];
          for (gsize k = 0; k < n; k++)
            {
              memcpy (work, values, n * sizeof (double));
              g_assert_cmpfloat (wa_stats_select (work, n, k), ==, sorted[k]);
              for (gsize i = 0; i < n; i++)
                g_assert_true (i < k ? work[i] <= sorted[k] : work[i] >= sorted[k]);
            }
        }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/stats/rank/descending-ties", test_rank_descending_ties);
  g_test_add_func ("/stats/rank/nan", test_rank_nan);
  g_test_add_func ("/stats/rank/ascending-secondary", test_rank_ascending_secondary);
  g_test_add_func ("/stats/rank/large", test_rank_large);
  g_test_add_func ("/stats/decile", test_decile);
  g_test_add_func ("/stats/extent-weight", test_extent_weight);
  g_test_add_func ("/stats/aggregate/weighted", test_aggregate);
  g_test_add_func ("/stats/aggregate/no-weight", test_aggregate_no_weight);
  g_test_add_func ("/stats/median", test_median);
  g_test_add_func ("/stats/select", test_select);

  return g_test_run ();
}
