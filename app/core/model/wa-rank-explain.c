/* wa-rank-explain.c
 *
 * The words follow the classification in wa-rank-method.c step by step
 * (the same threshold count), so the sentence cannot say "in" where the
 * badge says "not left behind".
 */
#include <glib/gi18n.h>

#include "wa-format.h"
#include "wa-rank-explain.h"
#include "wa-stats.h"

/* "IMD in the most deprived 10 % (decile 1)" or "IMD decile 5". */
static char *
index_phrase (const char *index, guint rank, guint n, double threshold, gboolean *in)
{
  guint decile = wa_stats_decile (rank, n);

  *in = rank > 0 && rank <= wa_rank_threshold_count (threshold, n);
  if (rank == 0)
    /* Translators: an index has no rank for this ward, e.g. "no CNI rank". */
    return g_strdup_printf (_("no %s rank"), index);
  if (*in)
    /* Translators: e.g. "IMD in the most deprived 10 % (decile 1)". */
    {
      g_autofree char *share = wa_format_percent (threshold);

      return g_strdup_printf (_("%s in the most deprived %s (decile %u)"), index, share, decile);
    }
  /* Translators: e.g. "CNI decile 5". */
  return g_strdup_printf (_("%s decile %u"), index, decile);
}

static char *
explain_both (const WaRankParams *params, const WaRankInput *in)
{
  gboolean imd_in, cni_in;
  double t = params->threshold_percent;
  g_autofree char *share = wa_format_percent (t);
  g_autofree char *imd = index_phrase ("IMD", in->imd_rank, in->imd_n, t, &imd_in);
  g_autofree char *cni = index_phrase ("CNI", in->cni_rank, in->cni_n, t, &cni_in);

  if (in->imd_rank == 0 || in->cni_rank == 0)
    /* Translators: e.g. "IMD decile 2 and no CNI rank: a ward needs both indices". */
    return g_strdup_printf (_("%s and %s: a ward needs both indices to be left behind"), imd, cni);
  if (imd_in && cni_in)
    return g_strdup_printf (_("%s and %s: left behind on both"), imd, cni);
  if (imd_in || cni_in)
    return g_strdup_printf (_("%s but %s: not in the most deprived %s on both"),
                            imd_in ? imd : cni, imd_in ? cni : imd, share);
  return g_strdup_printf (_("%s and %s: in the most deprived %s on neither"), imd, cni, share);
}

static char *
explain_official (const WaRankInput *in)
{
  if (in->official == 1)
    return g_strdup (_("On the published 2019 left-behind list (OCSI for Local Trust)"));
  if (in->official == 0)
    return g_strdup (_("Not on the published 2019 left-behind list (OCSI for Local Trust)"));
  return g_strdup (_("Not in the published 2019 left-behind list’s data"));
}

/* The combined-rank methods: the rank against the cut. */
static char *
explain_combined (const WaRankParams *params, const WaRankResult *result, guint n_combined)
{
  guint cut = wa_rank_threshold_count (params->threshold_percent, n_combined);
  g_autofree char *rank = NULL;
  g_autofree char *cut_text = wa_format_count (cut);
  g_autofree char *share = wa_format_percent (params->threshold_percent);

  if (result->combined_rank == 0)
    return g_strdup (_("Not ranked: a ward needs both IMD and CNI ranks"));
  rank = wa_format_rank_of (result->combined_rank, n_combined);
  if (result->combined_rank <= cut)
    /* Translators: e.g. "Combined rank 612 of 7,421: within the top 742 (the most deprived 10 %)". */
    return g_strdup_printf (_("Combined rank %s: within the top %s (the most deprived %s)"),
                            rank, cut_text, share);
  return g_strdup_printf (_("Combined rank %s: outside the top %s (the most deprived %s)"),
                          rank, cut_text, share);
}

static char *
explain_neighbourhoods (const WaRankInput *in)
{
  g_autofree char *share = wa_format_percent_beside (100 * in->neighbourhood_share, 0,
                                                     100 * WA_RANK_NEIGHBOURHOOD_MAJORITY);

  if (in->neighbourhood_share >= WA_RANK_NEIGHBOURHOOD_MAJORITY)
    /* Translators: e.g. "100 % of residents in published 2023 left-behind neighbourhoods: at least half". */
    return g_strdup_printf (_("%s of residents in published 2023 left-behind neighbourhoods: at least half"),
                            share);
  return g_strdup_printf (_("%s of residents in published 2023 left-behind neighbourhoods: fewer than half"),
                          share);
}

char *
wa_rank_explain (const WaRankParams *params, const WaRankInput *input,
                 const WaRankResult *result, guint n_combined)
{
  g_return_val_if_fail (params != NULL && input != NULL && result != NULL, NULL);

  switch (params->method)
    {
    case WA_RANK_METHOD_OFFICIAL:
      return explain_official (input);
    case WA_RANK_METHOD_NEIGHBOURHOODS:
      return explain_neighbourhoods (input);
    case WA_RANK_METHOD_BOTH_DECILE:
      return explain_both (params, input);
    case WA_RANK_METHOD_WORST_RANK:
    case WA_RANK_METHOD_MEAN_RANK:
    case WA_RANK_METHOD_RANK_SUM:
      return explain_combined (params, result, n_combined);
    case WA_N_RANK_METHODS:
    default:
      break;
    }
  return g_strdup (_("Unknown ranking method"));
}
