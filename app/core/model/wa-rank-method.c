/* wa-rank-method.c: combined IMD/CNI rank and "left behind" classification. */
#include "wa-rank-method.h"
#include "wa-edition.h"
#include "wa-error.h"
#include "wa-format.h"
#include "wa-stats.h"

#include <math.h>
#include <glib/gi18n-lib.h>

typedef struct {
  const char *id;
  const char *label;
  const char *description;
  gboolean uses_threshold;
  gboolean uses_weights;
} MethodInfo;

static const MethodInfo methods[WA_N_RANK_METHODS] = {
  [WA_RANK_METHOD_OFFICIAL] = {
    "official", N_("Published flag"),
    /* xgettext:no-c-format */
    N_("The “Left Behind Area?” flag published by OCSI for Local Trust with the "
       "Community Needs Index 2019: wards in the most deprived 10 % on both the "
       "IMD and the CNI. Available for the 2019 edition only. Wards are ordered "
       "by the worse of their two percentile ranks."),
    FALSE, FALSE },
  [WA_RANK_METHOD_BOTH_DECILE] = {
    "both-decile", N_("Both indices"),
    /* xgettext:no-c-format */
    N_("A ward is left behind when it is in the most deprived share of ranked "
       "wards on both the IMD and the CNI; at 10 % this is the APPG definition. "
       "Wards are ordered by the worse of their two percentile ranks."),
    TRUE, FALSE },
  [WA_RANK_METHOD_WORST_RANK] = {
    "worst-rank", N_("Worse rank"),
    N_("Wards are ordered by the worse of their IMD and CNI percentile ranks, "
       "ties broken by the better one. The wards at the top of that order, up to "
       "the threshold share of all ranked wards, are left behind."),
    TRUE, FALSE },
  [WA_RANK_METHOD_MEAN_RANK] = {
    "mean-rank", N_("Mean rank"),
    N_("Wards are ordered by the mean of their IMD and CNI percentile ranks, so a "
       "very high need on one index can offset a lower need on the other. The wards "
       "at the top, up to the threshold share, are left behind."),
    TRUE, FALSE },
  [WA_RANK_METHOD_RANK_SUM] = {
    "rank-sum", N_("Weighted rank sum"),
    N_("Wards are ordered by a weighted sum of their IMD and CNI percentile ranks; "
       "the weights say how much each index counts. The wards at the top, up to "
       "the threshold share, are left behind."),
    TRUE, TRUE },
  [WA_RANK_METHOD_NEIGHBOURHOODS] = {
    "neighbourhoods-2023", N_("Published 2023 neighbourhoods"),
    /* xgettext:no-c-format */
    N_("OCSI's published 2023 left-behind neighbourhoods: LSOAs with the Community "
       "Needs Index 2023 in the most deprived 10 % of LSOAs and the IMD 2019 in its "
       "most deprived decile. A ward's measure is the share of its residents who live "
       "in one; a ward is left behind when at least half do. Wards are ordered by "
       "that share. Available for the 2025 edition only."),
    FALSE, FALSE },
};

static const MethodInfo *
lookup (WaRankMethod method)
{
  g_return_val_if_fail ((guint) method < WA_N_RANK_METHODS, &methods[WA_RANK_METHOD_BOTH_DECILE]);
  return &methods[method];
}

void
wa_rank_params_init (WaRankParams *params)
{
  g_return_if_fail (params != NULL);

  params->method = WA_RANK_METHOD_BOTH_DECILE;
  params->threshold_percent = 10.0;
  params->weight_imd = 1.0;
  params->weight_cni = 1.0;
}

gboolean
wa_rank_params_equal (const WaRankParams *a, const WaRankParams *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->method == b->method && a->threshold_percent == b->threshold_percent
         && a->weight_imd == b->weight_imd && a->weight_cni == b->weight_cni;
}

const char *
wa_rank_method_to_id (WaRankMethod method)
{
  return lookup (method)->id;
}

gboolean
wa_rank_method_from_id (const char   *id,
                        WaRankMethod *out_method)
{
  g_return_val_if_fail (out_method != NULL, FALSE);

  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < WA_N_RANK_METHODS; i++)
    {
      if (g_str_equal (id, methods[i].id))
        {
          *out_method = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
wa_rank_method_label (WaRankMethod method)
{
  return _(lookup (method)->label);
}

const char *
wa_rank_method_describe (WaRankMethod method)
{
  return _(lookup (method)->description);
}

gboolean
wa_rank_method_uses_threshold (WaRankMethod method)
{
  return lookup (method)->uses_threshold;
}

gboolean
wa_rank_method_uses_weights (WaRankMethod method)
{
  return lookup (method)->uses_weights;
}

gboolean
wa_rank_method_available (WaRankMethod method,
                          WaEdition    edition)
{
  if ((guint) method >= WA_N_RANK_METHODS || (guint) edition >= WA_N_EDITIONS)
    return FALSE;
  if (method == WA_RANK_METHOD_OFFICIAL)
    return wa_edition_has_official_flag (edition);
  if (method == WA_RANK_METHOD_NEIGHBOURHOODS)
    return wa_edition_has_neighbourhood_flag (edition);
  return TRUE;
}

WaRankMethod
wa_rank_method_default_for (WaEdition edition)
{
  WaRankMethod method;

  g_return_val_if_fail ((guint) edition < WA_N_EDITIONS, WA_RANK_METHOD_BOTH_DECILE);

  /* tests/test-edition.c checks every row; a bad one still opens its
   * pack, with the method every edition has. */
  if (!wa_rank_method_from_id (wa_edition_get_info (edition)->default_method, &method)
      || !wa_rank_method_available (method, edition))
    {
      g_critical ("Edition %s: default rank method “%s” is unknown or unavailable",
                  wa_edition_to_string (edition), wa_edition_get_info (edition)->default_method);
      return WA_RANK_METHOD_BOTH_DECILE;
    }
  return method;
}

char *
wa_rank_params_describe (const WaRankParams *params)
{
  g_autofree char *share = NULL;

  g_return_val_if_fail (params != NULL, NULL);
  share = wa_format_percent (params->threshold_percent);

  switch (params->method)
    {
    case WA_RANK_METHOD_OFFICIAL:
      return g_strdup (_("Published “left behind” flag (OCSI for Local Trust, 2019)"));
    case WA_RANK_METHOD_BOTH_DECILE:
      return g_strdup_printf (_("Both IMD and CNI in the most deprived %s"), share);
    case WA_RANK_METHOD_WORST_RANK:
      return g_strdup_printf (_("Worse of IMD and CNI rank; top %s left behind"), share);
    case WA_RANK_METHOD_MEAN_RANK:
      return g_strdup_printf (_("Mean of IMD and CNI rank; top %s left behind"), share);
    case WA_RANK_METHOD_NEIGHBOURHOODS:
      return g_strdup (_("Most residents in the published 2023 left-behind neighbourhoods (OCSI)"));
    case WA_RANK_METHOD_RANK_SUM:
      return g_strdup_printf (_("IMD rank × %g + CNI rank × %g; top %s left behind"),
                              params->weight_imd, params->weight_cni, share);
    case WA_N_RANK_METHODS:
    default:
      break;
    }
  return g_strdup (_("Unknown ranking method"));
}

/* The checks that do not depend on the edition. */
static gboolean
validate_params (const WaRankParams *params,
                 GError            **error)
{
  const MethodInfo *info;

  if ((guint) params->method >= WA_N_RANK_METHODS)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                   _("Unknown ranking method %d"), (int) params->method);
      return FALSE;
    }
  info = &methods[params->method];

  if (info->uses_threshold
      && !(params->threshold_percent > 0 && params->threshold_percent <= 100))
    {
      g_autofree char *share = wa_format_percent (params->threshold_percent);

      g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                   _("Threshold %s is out of range: it must be above 0 and at most 100"), share);
      return FALSE;
    }

  if (info->uses_weights)
    {
      double wi = params->weight_imd, wc = params->weight_cni;

      if (!isfinite (wi) || !isfinite (wc) || wi < 0 || wc < 0)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                       _("Weights IMD %g and CNI %g are invalid: each must be a finite number, 0 or more"),
                       wi, wc);
          return FALSE;
        }
      if (wi > WA_RANK_WEIGHT_MAX || wc > WA_RANK_WEIGHT_MAX)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                       _("Weights IMD %g and CNI %g are invalid: each must be at most %g"),
                       wi, wc, WA_RANK_WEIGHT_MAX);
          return FALSE;
        }
      if (wi == 0 && wc == 0)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                       _("Weights IMD and CNI are both 0: at least one must be positive"));
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
wa_rank_params_validate (const WaRankParams *params,
                         WaEdition           edition,
                         GError            **error)
{
  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_params (params, error))
    return FALSE;

  if ((guint) edition >= WA_N_EDITIONS)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                   _("Unknown edition %d"), (int) edition);
      return FALSE;
    }

  if (!wa_rank_method_available (params->method, edition))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                   _("Ranking method “%s” is not available for the %s edition"),
                   wa_rank_method_to_id (params->method), wa_edition_to_string (edition));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_rank (const WaRankInput *input,
            gsize              i,
            const char        *index_name,
            guint              rank,
            guint              n,
            GError           **error)
{
  g_autofree char *label = NULL;

  if (rank <= n)
    return TRUE;
  label = input->code != NULL ? g_strdup (input->code) : g_strdup_printf ("%zu", i);
  /* TRANSLATORS: "Ward E05000002: CNI rank 5 is above the number of wards ranked (4)" */
  g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
               _("Ward %s: %s rank %u is above the number of wards ranked (%u)"),
               label, index_name, rank, n);
  return FALSE;
}

static gboolean
validate_input (const WaRankInput *input,
                gsize              i,
                GError           **error)
{
  return check_rank (input, i, "IMD", input->imd_rank, input->imd_n, error)
         && check_rank (input, i, "CNI", input->cni_rank, input->cni_n, error);
}

static gboolean
has_both (const WaRankInput *input)
{
  return input->imd_rank > 0 && input->cni_rank > 0;
}

/* Each key is one exact integer (as a double) divided by another, so IEEE
 * rounding gives equal rationals equal doubles and true ties stay ties. */
static void
ordering_keys (const WaRankParams *params,
               const WaRankInput  *in,
               double             *key,
               double             *secondary)
{
  double ri = in->imd_rank, ni = in->imd_n;
  double rc = in->cni_rank, nc = in->cni_n;
  double pi = ri / ni, pc = rc / nc;

  switch (params->method)
    {
    case WA_RANK_METHOD_MEAN_RANK:
      *key = (ri * nc + rc * ni) / (2 * ni * nc);
      *secondary = 0;
      break;
    case WA_RANK_METHOD_RANK_SUM:
      *key = (params->weight_imd * ri * nc + params->weight_cni * rc * ni) / (ni * nc);
      *secondary = 0;
      break;
    case WA_RANK_METHOD_NEIGHBOURHOODS:
      /* Exact ties (0 and 1 are common) fall back to the worse rank. */
      *key = -in->neighbourhood_share;
      *secondary = MAX (pi, pc);
      break;
    case WA_RANK_METHOD_OFFICIAL:
    case WA_RANK_METHOD_BOTH_DECILE:
    case WA_RANK_METHOD_WORST_RANK:
    case WA_N_RANK_METHODS:
    default:
      *key = MAX (pi, pc);
      *secondary = MIN (pi, pc);
      break;
    }
}

/* floor (threshold % of n), computed so 10 % of 7430 is exactly 743. */
guint
wa_rank_threshold_count (double threshold_percent,
                         guint  n)
{
  return (guint) floor (threshold_percent * n / 100.0);
}

static gboolean
classify (const WaRankParams *params,
          const WaRankInput  *in,
          guint               combined_rank,
          gsize               n_combined)
{
  switch (params->method)
    {
    case WA_RANK_METHOD_OFFICIAL:
      return in->official == 1;
    case WA_RANK_METHOD_NEIGHBOURHOODS:
      return in->neighbourhood_share >= WA_RANK_NEIGHBOURHOOD_MAJORITY;
    case WA_RANK_METHOD_BOTH_DECILE:
      return has_both (in)
             && in->imd_rank <= wa_rank_threshold_count (params->threshold_percent, in->imd_n)
             && in->cni_rank <= wa_rank_threshold_count (params->threshold_percent, in->cni_n);
    case WA_RANK_METHOD_WORST_RANK:
    case WA_RANK_METHOD_MEAN_RANK:
    case WA_RANK_METHOD_RANK_SUM:
    case WA_N_RANK_METHODS:
    default:
      return combined_rank > 0
             && combined_rank <= wa_rank_threshold_count (params->threshold_percent, (guint) n_combined);
    }
}

gboolean
wa_rank_method_compute (const WaRankParams *params,
                        const WaRankInput  *inputs,
                        gsize               n,
                        WaRankResult       *out_results,
                        GError            **error)
{
  g_autofree double *keys = NULL;
  g_autofree double *secondary = NULL;
  g_autofree guint *ranks = NULL;
  gsize n_combined;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (n == 0 || (inputs != NULL && out_results != NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_params (params, error))
    return FALSE;

  for (gsize i = 0; i < n; i++)
    if (!validate_input (&inputs[i], i, error))
      return FALSE;

  keys = g_new (double, MAX (n, 1));
  secondary = g_new (double, MAX (n, 1));
  ranks = g_new (guint, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    {
      if (has_both (&inputs[i]))
        ordering_keys (params, &inputs[i], &keys[i], &secondary[i]);
      else
        keys[i] = secondary[i] = NAN;
    }

  n_combined = wa_stats_rank_ascending (keys, secondary, n, ranks);

  for (gsize i = 0; i < n; i++)
    {
      out_results[i].combined_rank = ranks[i];
      out_results[i].left_behind = classify (params, &inputs[i], ranks[i], n_combined);
    }

  return TRUE;
}
