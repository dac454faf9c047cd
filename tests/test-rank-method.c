/* test-rank-method.c: each combined-rank method on a small hand-computed
 * fixture, plus ties, missing data and parameter validation. */
#include "wa-test-fixtures.h"

#include <math.h>

/* Six wards, ranks out of 10 on each index (percentile = rank / 10):
 *
 *   ward  IMD  CNI  official   worst (max, min)  mean
 *   A      1    4      0         .4  .1          .25
 *   B      2    2      1         .2  .2          .20
 *   C      3    3      0         .3  .3          .30
 *   D      4    1      0         .4  .1          .25
 *   E      8    8      0         .8  .8          .80
 *   F      5    -     -1         (no CNI: not ranked)
 */
enum { A, B, C, D, E, F, N_WARDS };

static const WaRankInput fixture[N_WARDS] = {
  [A] = { 1, 10, 4, 10, 0 },
  [B] = { 2, 10, 2, 10, 1 },
  [C] = { 3, 10, 3, 10, 0 },
  [D] = { 4, 10, 1, 10, 0 },
  [E] = { 8, 10, 8, 10, 0 },
  [F] = { 5, 10, 0, 10, -1 },
};

static void
run (WaRankMethod  method,
     double        threshold,
     double        weight_imd,
     double        weight_cni,
     WaRankResult *results)
{
  WaRankParams params;
  g_autoptr(GError) error = NULL;

  wa_rank_params_init (&params);
  params.method = method;
  params.threshold_percent = threshold;
  params.weight_imd = weight_imd;
  params.weight_cni = weight_cni;
  g_assert_true (wa_rank_method_compute (&params, fixture, N_WARDS, results, &error));
  g_assert_no_error (error);
}

static void
check (const WaRankResult *results,
       const guint        *expected_ranks,
       const char         *expected_left_behind)
{
  for (guint i = 0; i < N_WARDS; i++)
    {
      g_test_message ("ward %c: rank %u, left behind %d", 'A' + i,
                      results[i].combined_rank, results[i].left_behind);
      g_assert_cmpuint (results[i].combined_rank, ==, expected_ranks[i]);
      g_assert_cmpint (results[i].left_behind, ==, strchr (expected_left_behind, 'A' + i) != NULL);
    }
}

static void
test_params_init (void)
{
  WaRankParams params;
  g_autofree char *text = NULL;

  wa_rank_params_init (&params);
  g_assert_cmpint (params.method, ==, WA_RANK_METHOD_BOTH_DECILE);
  g_assert_cmpfloat (params.threshold_percent, ==, 10.0);
  g_assert_cmpfloat (params.weight_imd, ==, 1.0);
  g_assert_cmpfloat (params.weight_cni, ==, 1.0);

  text = wa_rank_params_describe (&params);
  g_assert_cmpstr (text, ==, "Both IMD and CNI in the most deprived 10 %");
  g_clear_pointer (&text, g_free);

  params.method = WA_RANK_METHOD_WORST_RANK;
  params.threshold_percent = 12.5;
  text = wa_rank_params_describe (&params);
  g_assert_cmpstr (text, ==, "Worse of IMD and CNI rank; top 12.5 % left behind");
}

static void
test_ids (void)
{
  static const char *ids[] = { "official", "both-decile", "worst-rank", "mean-rank", "rank-sum",
                               "neighbourhoods-2023" };
  WaRankMethod method;

  G_STATIC_ASSERT (G_N_ELEMENTS (ids) == WA_N_RANK_METHODS);
  for (guint i = 0; i < WA_N_RANK_METHODS; i++)
    {
      g_autofree char *text = NULL;
      WaRankParams params;

      g_assert_cmpstr (wa_rank_method_to_id (i), ==, ids[i]);
      g_assert_true (wa_rank_method_from_id (ids[i], &method));
      g_assert_cmpint (method, ==, i);
      g_assert_cmpstr (wa_rank_method_label (i), !=, "");
      g_assert_cmpuint (strlen (wa_rank_method_describe (i)), >, 40);

      wa_rank_params_init (&params);
      params.method = i;
      text = wa_rank_params_describe (&params);
      g_assert_nonnull (text);
      g_assert_cmpstr (text, !=, "");
    }
  g_assert_false (wa_rank_method_from_id ("worst", &method));
  g_assert_false (wa_rank_method_from_id (NULL, &method));

  g_assert_false (wa_rank_method_uses_threshold (WA_RANK_METHOD_OFFICIAL));
  g_assert_true (wa_rank_method_uses_threshold (WA_RANK_METHOD_BOTH_DECILE));
  g_assert_true (wa_rank_method_uses_weights (WA_RANK_METHOD_RANK_SUM));
  g_assert_false (wa_rank_method_uses_weights (WA_RANK_METHOD_MEAN_RANK));
}

static void
test_official (void)
{
  WaRankResult results[N_WARDS];
  /* Ordered as worst-rank; only the published flag decides. */
  static const guint ranks[N_WARDS] = { 3, 1, 2, 3, 5, 0 };

  run (WA_RANK_METHOD_OFFICIAL, 10, 1, 1, results);
  check (results, ranks, "B");
}

static void
test_both_decile (void)
{
  WaRankResult results[N_WARDS];
  static const guint ranks[N_WARDS] = { 3, 1, 2, 3, 5, 0 };

  /* 10 % of 10 = 1: nobody is rank 1 on both. */
  run (WA_RANK_METHOD_BOTH_DECILE, 10, 1, 1, results);
  check (results, ranks, "");
  /* 20 %: ranks <= 2 on both, only B. */
  run (WA_RANK_METHOD_BOTH_DECILE, 20, 1, 1, results);
  check (results, ranks, "B");
  /* 40 %: ranks <= 4 on both; F has no CNI, E is too low. */
  run (WA_RANK_METHOD_BOTH_DECILE, 40, 1, 1, results);
  check (results, ranks, "ABCD");
  /* 100 %: everyone with both indices. */
  run (WA_RANK_METHOD_BOTH_DECILE, 100, 1, 1, results);
  check (results, ranks, "ABCDE");
}

static void
test_both_decile_boundary (void)
{
  /* floor (10 % of 7433) = 743 and floor (10 % of 7430) = 743 exactly. */
  static const WaRankInput inputs[] = {
    { 743, 7433, 743, 7433, -1 },
    { 744, 7433, 1, 7433, -1 },
    { 1, 7433, 744, 7433, -1 },
    { 743, 7430, 743, 7430, -1 },
    { 744, 7430, 744, 7430, -1 },
  };
  WaRankResult results[G_N_ELEMENTS (inputs)];
  WaRankParams params;
  g_autoptr(GError) error = NULL;

  wa_rank_params_init (&params);
  g_assert_true (wa_rank_method_compute (&params, inputs, G_N_ELEMENTS (inputs), results, &error));
  g_assert_no_error (error);
  g_assert_true (results[0].left_behind);
  g_assert_false (results[1].left_behind);
  g_assert_false (results[2].left_behind);
  g_assert_true (results[3].left_behind);
  g_assert_false (results[4].left_behind);
}

static void
test_worst_rank (void)
{
  WaRankResult results[N_WARDS];
  /* B (.2), C (.3), then A and D tie on (.4, .1) and share 3, E 5th. */
  static const guint ranks[N_WARDS] = { 3, 1, 2, 3, 5, 0 };

  /* 5 ranked wards: 40 % -> the top 2. */
  run (WA_RANK_METHOD_WORST_RANK, 40, 1, 1, results);
  check (results, ranks, "BC");
  /* 60 % -> top 3: the tie at 3 takes both A and D. */
  run (WA_RANK_METHOD_WORST_RANK, 60, 1, 1, results);
  check (results, ranks, "ABCD");
  /* 10 % of 5 rounds down to none. */
  run (WA_RANK_METHOD_WORST_RANK, 10, 1, 1, results);
  check (results, ranks, "");
}

static void
test_mean_rank (void)
{
  WaRankResult results[N_WARDS];
  /* Means: B .2, A .25, D .25, C .3, E .8; the A/D tie is not broken. */
  static const guint ranks[N_WARDS] = { 2, 1, 4, 2, 5, 0 };

  run (WA_RANK_METHOD_MEAN_RANK, 20, 1, 1, results);
  check (results, ranks, "B");
  run (WA_RANK_METHOD_MEAN_RANK, 40, 1, 1, results);
  check (results, ranks, "ABD");
}

static void
test_rank_sum (void)
{
  WaRankResult results[N_WARDS];
  static const guint equal_ranks[N_WARDS] = { 2, 1, 4, 2, 5, 0 };
  /* 3 x IMD + CNI: A .7, B .8, C 1.2, D 1.3, E 3.2. */
  static const guint imd_heavy_ranks[N_WARDS] = { 1, 2, 3, 4, 5, 0 };
  /* CNI only: D .1, B .2, C .3, A .4, E .8. */
  static const guint cni_only_ranks[N_WARDS] = { 4, 2, 3, 1, 5, 0 };

  run (WA_RANK_METHOD_RANK_SUM, 40, 1, 1, results);
  check (results, equal_ranks, "ABD");
  run (WA_RANK_METHOD_RANK_SUM, 40, 3, 1, results);
  check (results, imd_heavy_ranks, "AB");
  run (WA_RANK_METHOD_RANK_SUM, 20, 0, 1, results);
  check (results, cni_only_ranks, "D");
}

static void
test_missing_data (void)
{
  static const WaRankInput inputs[] = {
    { 0, 10, 1, 10, 1 },    /* no IMD, even though flagged */
    { 1, 10, 0, 10, 0 },    /* no CNI */
    { 2, 10, 2, 10, 0 },
    { 0, 0, 0, 0, -1 },     /* nothing at all */
  };
  WaRankResult results[G_N_ELEMENTS (inputs)];
  WaRankParams params;

  for (guint m = 0; m < WA_N_RANK_METHODS; m++)
    {
      g_autoptr(GError) error = NULL;

      wa_rank_params_init (&params);
      params.method = m;
      params.threshold_percent = 100;
      g_assert_true (wa_rank_method_compute (&params, inputs, G_N_ELEMENTS (inputs), results, &error));
      g_assert_no_error (error);

      g_assert_cmpuint (results[0].combined_rank, ==, 0);
      g_assert_cmpuint (results[1].combined_rank, ==, 0);
      g_assert_cmpuint (results[2].combined_rank, ==, 1);
      g_assert_cmpuint (results[3].combined_rank, ==, 0);
      g_assert_false (results[1].left_behind);
      g_assert_false (results[3].left_behind);
      /* The published flag is reported as published; the computed methods
       * cannot classify a ward without both indices; the neighbourhoods
       * method goes by residents in flagged LSOAs (none here). */
      g_assert_cmpint (results[0].left_behind, ==, m == WA_RANK_METHOD_OFFICIAL);
      g_assert_cmpint (results[2].left_behind, ==,
                       m != WA_RANK_METHOD_OFFICIAL && m != WA_RANK_METHOD_NEIGHBOURHOODS);
    }

  /* No wards at all is not an error. */
  {
    g_autoptr(GError) error = NULL;
    wa_rank_params_init (&params);
    g_assert_true (wa_rank_method_compute (&params, NULL, 0, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
expect_invalid (WaRankMethod method,
                double       threshold,
                double       weight_imd,
                double       weight_cni)
{
  WaRankParams params = { method, threshold, weight_imd, weight_cni };
  WaRankResult results[N_WARDS];
  g_autoptr(GError) error = NULL;

  g_assert_false (wa_rank_params_validate (&params, WA_EDITION_2025, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wa_rank_method_compute (&params, fixture, N_WARDS, results, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_INVALID);
}

static void
test_invalid_params (void)
{
  WaRankParams params;
  g_autoptr(GError) error = NULL;

  expect_invalid (WA_RANK_METHOD_BOTH_DECILE, 0, 1, 1);
  expect_invalid (WA_RANK_METHOD_BOTH_DECILE, -5, 1, 1);
  expect_invalid (WA_RANK_METHOD_WORST_RANK, 100.5, 1, 1);
  expect_invalid (WA_RANK_METHOD_MEAN_RANK, NAN, 1, 1);
  expect_invalid (WA_RANK_METHOD_RANK_SUM, 10, 0, 0);
  expect_invalid (WA_RANK_METHOD_RANK_SUM, 10, -1, 1);
  expect_invalid (WA_RANK_METHOD_RANK_SUM, 10, 1, NAN);
  expect_invalid (WA_RANK_METHOD_RANK_SUM, 10, INFINITY, 1);
  expect_invalid (WA_N_RANK_METHODS, 10, 1, 1);

  /* Limits that are allowed. */
  params = (WaRankParams) { WA_RANK_METHOD_WORST_RANK, 100, 1, 1 };
  g_assert_true (wa_rank_params_validate (&params, WA_EDITION_2025, &error));
  g_assert_no_error (error);
  params = (WaRankParams) { WA_RANK_METHOD_RANK_SUM, 0.01, 0, 2 };
  g_assert_true (wa_rank_params_validate (&params, WA_EDITION_2019, &error));
  g_assert_no_error (error);
}

static void
test_bad_input (void)
{
  static const WaRankInput inputs[] = {
    { 1, 10, 1, 10, 0 },
    { 11, 10, 1, 10, 0 },   /* rank above the count */
  };
  WaRankResult results[G_N_ELEMENTS (inputs)];
  WaRankParams params;
  g_autoptr(GError) error = NULL;

  wa_rank_params_init (&params);
  g_assert_false (wa_rank_method_compute (&params, inputs, G_N_ELEMENTS (inputs), results, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Ward 1"));
}

static void
test_official_availability (void)
{
  WaRankParams params;
  g_autoptr(GError) error = NULL;

  g_assert_true (wa_rank_method_available (WA_RANK_METHOD_OFFICIAL, WA_EDITION_2019));
  g_assert_false (wa_rank_method_available (WA_RANK_METHOD_OFFICIAL, WA_EDITION_2025));
  g_assert_true (wa_rank_method_available (WA_RANK_METHOD_BOTH_DECILE, WA_EDITION_2025));

  wa_rank_params_init (&params);
  params.method = WA_RANK_METHOD_OFFICIAL;
  g_assert_true (wa_rank_params_validate (&params, WA_EDITION_2019, &error));
  g_assert_no_error (error);
  g_assert_false (wa_rank_params_validate (&params, WA_EDITION_2025, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2025"));
}

static void
test_all_wards (void)
{
  const gsize n = 7500;
  g_autofree WaRankInput *inputs = g_new (WaRankInput, n);
  g_autofree WaRankResult *results = g_new (WaRankResult, n);
  WaRankParams params;
  gsize left_behind = 0;

  /* Two unrelated permutations of 1 .. n. */
  for (gsize i = 0; i < n; i++)
    inputs[i] = (WaRankInput) { (guint) ((i * 7919) % n) + 1, (guint) n,
                                (guint) ((i * 104729) % n) + 1, (guint) n, -1 };

  wa_rank_params_init (&params);
  for (guint m = WA_RANK_METHOD_BOTH_DECILE; m <= WA_RANK_METHOD_RANK_SUM; m++)
    {
      g_autoptr(GError) error = NULL;

      /* How fast is the benchmark's to say (ward-atlas-bench), not a test's:
       * a timed assertion fails on any busy machine. */
      params.method = m;
      g_assert_true (wa_rank_method_compute (&params, inputs, n, results, &error));
      g_assert_no_error (error);
    }

  /* Rank sum: exactly 10 % of 7,500 unless ties straddle the cut. */
  for (gsize i = 0; i < n; i++)
    left_behind += results[i].left_behind;
  g_assert_cmpuint (left_behind, >=, 750);
  g_assert_cmpuint (left_behind, <=, 760);
}

/* The neighbourhoods method: share of residents in published left-behind
 * LSOAs, largest first, ties by the worse rank; at least half is left
 * behind; 2025 only. */
static void
test_neighbourhoods (void)
{
  WaRankInput in[] = {
    { 10, 100, 90, 100, -1, "A", 0.25 },
    { 50, 100, 50, 100, -1, "B", 1.0 },
    { 20, 100, 30, 100, -1, "C", 1.0 },
    { 1, 100, 1, 100, -1, "D", 0.0 },
    { 5, 100, 5, 100, -1, "E", 0.5 },
  };
  WaRankResult out[G_N_ELEMENTS (in)];
  WaRankParams params;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL, *why_not = NULL;

  wa_rank_params_init (&params);
  params.method = WA_RANK_METHOD_NEIGHBOURHOODS;
  g_assert_false (wa_rank_method_available (WA_RANK_METHOD_NEIGHBOURHOODS, WA_EDITION_2019));
  g_assert_true (wa_rank_method_available (WA_RANK_METHOD_NEIGHBOURHOODS, WA_EDITION_2025));
  g_assert_false (wa_rank_method_uses_threshold (WA_RANK_METHOD_NEIGHBOURHOODS));
  g_assert_false (wa_rank_params_validate (&params, WA_EDITION_2019, NULL));
  g_assert_true (wa_rank_method_compute (&params, in, G_N_ELEMENTS (in), out, &error));
  g_assert_no_error (error);
  /* C and B share 100 %: C's worse rank (30) beats B's (50). */
  g_assert_cmpuint (out[2].combined_rank, ==, 1);
  g_assert_cmpuint (out[1].combined_rank, ==, 2);
  g_assert_cmpuint (out[4].combined_rank, ==, 3);
  g_assert_cmpuint (out[0].combined_rank, ==, 4);
  g_assert_cmpuint (out[3].combined_rank, ==, 5);
  g_assert_true (out[1].left_behind && out[2].left_behind && out[4].left_behind);
  g_assert_false (out[0].left_behind || out[3].left_behind);

  why = wa_rank_explain (&params, &in[4], &out[4], 5);
  why_not = wa_rank_explain (&params, &in[0], &out[0], 5);
  g_assert_nonnull (strstr (why, "at least half"));
  g_assert_nonnull (strstr (why_not, "fewer than half"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rank-method/params-init", test_params_init);
  g_test_add_func ("/rank-method/ids", test_ids);
  g_test_add_func ("/rank-method/official", test_official);
  g_test_add_func ("/rank-method/both-decile", test_both_decile);
  g_test_add_func ("/rank-method/both-decile-boundary", test_both_decile_boundary);
  g_test_add_func ("/rank-method/worst-rank", test_worst_rank);
  g_test_add_func ("/rank-method/mean-rank", test_mean_rank);
  g_test_add_func ("/rank-method/rank-sum", test_rank_sum);
  g_test_add_func ("/rank-method/missing-data", test_missing_data);
  g_test_add_func ("/rank-method/invalid-params", test_invalid_params);
  g_test_add_func ("/rank-method/bad-input", test_bad_input);
  g_test_add_func ("/rank-method/official-availability", test_official_availability);
  g_test_add_func ("/rank-method/all-wards", test_all_wards);

  g_test_add_func ("/rank-method/neighbourhoods", test_neighbourhoods);
  return g_test_run ();
}
