/* test-rank-explain.c: the words that say why a ward is or is not left
 * behind, and that they agree with the classification itself. */
#include <string.h>
#include <locale.h>

#include "wa-rank-explain.h"

static char *
explain_one (const WaRankParams *params, const WaRankInput *input, gboolean *left_behind)
{
  WaRankResult result;
  g_autoptr(GError) error = NULL;

  g_assert_true (wa_rank_method_compute (params, input, 1, &result, &error));
  g_assert_no_error (error);
  *left_behind = result.left_behind;
  return wa_rank_explain (params, input, &result, 1);
}

/* Burn Valley's case: IMD decile 1, CNI decile 5. */
static void
test_both_decile_one_index (void)
{
  WaRankParams params;
  WaRankInput imd_only = { 50, 6784, 3000, 6784, -1, NULL };
  WaRankInput cni_only = { 2000, 6784, 10, 6784, -1, NULL };
  gboolean left_behind;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  wa_rank_params_init (&params);
  a = explain_one (&params, &imd_only, &left_behind);
  g_assert_false (left_behind);
  g_assert_cmpstr (a, ==, "IMD in the most deprived 10 % (decile 1) but CNI decile 5: "
                          "not in the most deprived 10 % on both");
  b = explain_one (&params, &cni_only, &left_behind);
  g_assert_false (left_behind);
  g_assert_cmpstr (b, ==, "CNI in the most deprived 10 % (decile 1) but IMD decile 3: "
                          "not in the most deprived 10 % on both");
}

/* At the cut: 10 % of 6,784 is 678 wards; rank 678 is in, 679 is not, and
 * the words say so exactly when the classification does. */
static void
test_both_decile_at_the_cut (void)
{
  WaRankParams params;
  const guint ranks[] = { 1, 677, 678, 679, 700, 6784 };

  wa_rank_params_init (&params);
  for (guint i = 0; i < G_N_ELEMENTS (ranks); i++)
    for (guint j = 0; j < G_N_ELEMENTS (ranks); j++)
      {
        WaRankInput input = { ranks[i], 6784, ranks[j], 6784, -1, NULL };
        gboolean left_behind;
        g_autofree char *text = explain_one (&params, &input, &left_behind);

        g_test_message ("%u, %u: %s", ranks[i], ranks[j], text);
        g_assert_cmpint (left_behind, ==, strstr (text, "left behind on both") != NULL);
        g_assert_cmpint (ranks[i] <= 678 && ranks[j] <= 678, ==, left_behind);
      }
}

static void
test_both_decile_neither_and_missing (void)
{
  WaRankParams params;
  WaRankInput neither = { 2000, 6784, 3000, 6784, -1, NULL };
  WaRankInput missing = { 20, 6784, 0, 6784, -1, NULL };
  gboolean left_behind;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  wa_rank_params_init (&params);
  params.threshold_percent = 20;
  a = explain_one (&params, &neither, &left_behind);
  g_assert_cmpstr (a, ==, "IMD decile 3 and CNI decile 5: in the most deprived 20 % on neither");
  b = explain_one (&params, &missing, &left_behind);
  g_assert_false (left_behind);
  g_assert_cmpstr (b, ==, "IMD in the most deprived 20 % (decile 1) and no CNI rank: "
                          "a ward needs both indices to be left behind");
}

/* The combined-rank methods compare the combined rank with the cut. */
static void
test_combined_methods (void)
{
  WaRankParams params;
  WaRankResult in = { 612, TRUE }, out = { 1094, FALSE }, unranked = { 0, FALSE };
  WaRankInput input = { 1, 7421, 1, 7421, -1, NULL };
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  wa_rank_params_init (&params);
  params.method = WA_RANK_METHOD_MEAN_RANK;
  a = wa_rank_explain (&params, &input, &in, 7421);
  b = wa_rank_explain (&params, &input, &out, 7421);
  c = wa_rank_explain (&params, &input, &unranked, 7421);
  g_assert_cmpstr (a, ==, "Combined rank 612 of 7,421: within the top 742 (the most deprived 10 %)");
  g_assert_cmpstr (b, ==, "Combined rank 1,094 of 7,421: outside the top 742 (the most deprived 10 %)");
  g_assert_nonnull (strstr (c, "Not ranked"));
}

static void
test_official (void)
{
  WaRankParams params;
  WaRankInput yes = { 1, 7421, 1, 7421, 1, NULL }, no = { 1, 7421, 1, 7421, 0, NULL };
  WaRankResult result = { 1, TRUE };
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  wa_rank_params_init (&params);
  params.method = WA_RANK_METHOD_OFFICIAL;
  a = wa_rank_explain (&params, &yes, &result, 7421);
  b = wa_rank_explain (&params, &no, &result, 7421);
  g_assert_true (g_str_has_prefix (a, "On the published 2019 left-behind list"));
  g_assert_true (g_str_has_prefix (b, "Not on the published 2019 left-behind list"));
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rank-explain/both-decile-one-index", test_both_decile_one_index);
  g_test_add_func ("/rank-explain/both-decile-at-the-cut", test_both_decile_at_the_cut);
  g_test_add_func ("/rank-explain/both-decile-neither-and-missing", test_both_decile_neither_and_missing);
  g_test_add_func ("/rank-explain/combined-methods", test_combined_methods);
  g_test_add_func ("/rank-explain/official", test_official);
  return g_test_run ();
}
