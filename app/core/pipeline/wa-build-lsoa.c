/* wa-build-lsoa.c: the wards step's LSOA tables (the LSOA to ward lookup,
 * populations, IMD and CNI scores and ranks) and how their figures become
 * ward figures: population-weighted mean score, MHCLG extent and the
 * proportion in the most deprived decile, then ranks and deciles across
 * the wards. */
#include "wa-build-wards-private.h"
#include "wa-error.h"

#include <math.h>
#include <glib/gi18n-lib.h>

/* ---- LSOA tables -------------------------------------------------------- */

void
wa_build_lsoa_free (gpointer data)
{
  WaBuildLsoa *lsoa = data;

  g_free (lsoa->code);
  g_free (lsoa);
}

static Lsoa *
lsoa_new (WardBuild *b, const char *code, int ward)
{
  Lsoa *lsoa = g_new0 (Lsoa, 1);

  lsoa->code = g_strdup (code);
  lsoa->ward = ward;
  lsoa->population = NAN;
  lsoa->left_behind_published = -1;
  lsoa->before_imd_decile1 = -1;
  for (int i = 0; i < WA_N_INDICATORS; i++)
    lsoa->score[i] = NAN;
  g_ptr_array_add (b->lsoa_list, lsoa);
  g_hash_table_insert (b->lsoas, lsoa->code, lsoa);
  return lsoa;
}

gboolean
wa_lsoa_read_lookup (WardBuild *b, GError **error)
{
  gint64 n_unknown = 0;
  int lsoa_col, ward_col;
  OGRFeatureH feature;
  gboolean ok = FALSE;
  WaBuildSource t;

  if (!wa_ward_build_source_open (&t, b->ctx, "lsoa-ward-lookup", error)
      || (lsoa_col = wa_build_source_column (&t, "lsoa", TRUE, error)) < 0
      || (ward_col = wa_build_source_column (&t, "ward", TRUE, error)) < 0)
    goto out;

  while ((feature = wa_build_source_next (&t)) != NULL)
    {
      const char *lsoa = wa_build_source_code (&t, feature, lsoa_col, error);
      const char *ward = lsoa != NULL ? wa_build_source_code (&t, feature, ward_col, error) : NULL;
      int index;

      if (lsoa != NULL && ward != NULL && g_hash_table_contains (b->lsoas, lsoa))
        wa_build_source_row_error (&t, error, WA_ERROR_DUPLICATE, lsoa_col,
                                   _("LSOA %s appears twice"), lsoa);
      if (ward == NULL || *error != NULL)
        {
          OGR_F_Destroy (feature);
          goto out;
        }
      index = find_ward (b, ward);
      if (index < 0)
        n_unknown++;
      else
        ward_at (b, index)->n_lsoa++;
      lsoa_new (b, lsoa, index);
      OGR_F_Destroy (feature);
    }
  ok = wa_ward_build_check_matched (b, &t, n_unknown, _("wards"), _("a ward"), error);

out:
  wa_ward_build_source_close (&t);
  return ok;
}

gboolean
wa_lsoa_read_published_flag (WardBuild *b, const char *role, GError **error)
{
  int lsoa_col, flag_col;
  OGRFeatureH feature;
  gboolean ok = FALSE;
  WaBuildSource t;

  if (!wa_ward_build_source_open (&t, b->ctx, role, error)
      || (lsoa_col = wa_build_source_column (&t, "lsoa", TRUE, error)) < 0
      || ((flag_col = wa_build_source_column (&t, "left_behind", FALSE, error)) < 0 && *error != NULL))
    goto out;
  /* Read once already for the figures. */
  t.uncounted = TRUE;
  if (flag_col < 0)
    {
      ok = TRUE;
      goto out;
    }
  while ((feature = wa_build_source_next (&t)) != NULL)
    {
      const char *code = wa_build_source_code (&t, feature, lsoa_col, error);
      Lsoa *lsoa = code != NULL ? g_hash_table_lookup (b->lsoas, code) : NULL;
      int flag = -1;
      gboolean row_ok = code != NULL && wa_ward_build_read_flag (&t, feature, flag_col, &flag, error);

      if (lsoa != NULL)
        lsoa->left_behind_published = flag;
      OGR_F_Destroy (feature);
      if (!row_ok)
        goto out;
    }
  ok = wa_build_source_check_end (&t, error);

out:
  wa_ward_build_source_close (&t);
  return ok;
}

gboolean
wa_lsoa_read_population (WardBuild *b, GError **error)
{
  GHashTable *seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  gint64 n_unknown = 0;
  int lsoa_col, population_col;
  OGRFeatureH feature;
  gboolean ok = FALSE;
  WaBuildSource t;

  if (!wa_ward_build_source_open (&t, b->ctx, "lsoa-population", error)
      || (lsoa_col = wa_build_source_column (&t, "lsoa", TRUE, error)) < 0
      || (population_col = wa_build_source_column (&t, "population", TRUE, error)) < 0)
    goto out;

  while ((feature = wa_build_source_next (&t)) != NULL)
    {
      const char *code = wa_build_source_code (&t, feature, lsoa_col, error);
      Lsoa *lsoa = code != NULL ? g_hash_table_lookup (b->lsoas, code) : NULL;
      double population;

      if (code == NULL
          || !wa_build_source_double (&t, feature, population_col, &population, error))
        {
          OGR_F_Destroy (feature);
          goto out;
        }
      if (isnan (population) || population < 0)
        {
          wa_build_source_row_error (&t, error, WA_ERROR_PARSE, population_col,
                                     isnan (population) ? _("LSOA %s has no population")
                                                        : _("LSOA %s has a negative population"),
                                     code);
          OGR_F_Destroy (feature);
          goto out;
        }
      if (lsoa != NULL && g_hash_table_contains (seen, lsoa))
        {
          wa_build_source_row_error (&t, error, WA_ERROR_DUPLICATE, lsoa_col, _("LSOA %s appears twice"), code);
          OGR_F_Destroy (feature);
          goto out;
        }
      if (lsoa == NULL)
        n_unknown++;
      else
        {
          g_hash_table_add (seen, lsoa);
          lsoa->population = population;
        }
      OGR_F_Destroy (feature);
    }
  ok = wa_ward_build_check_matched (b, &t, n_unknown, _("LSOAs"), _("an LSOA of the lookup"),
                                    error);

out:
  g_hash_table_unref (seen);
  wa_ward_build_source_close (&t);
  return ok;
}

/* Ranks run from 1 to the number of LSOAs ranked in the table; a larger
 * one (a rank column from another vintage, a truncated table) would make
 * extents and deciles meaningless. */
static gboolean
check_rank_range (WardBuild *b, WaBuildSource *t, WaIndex index, const FigureColumns *columns,
                  const guint *max_rank, const gint64 *max_rank_row, GError **error)
{
  for (WaIndicator i = first_indicator (index); i < end_indicator (index); i++)
    if (columns[i].rank >= 0 && max_rank[i] > b->n_lsoa_ranked[i])
      {
        gint64 rows = t->row;

        t->row = max_rank_row[i];   /* the error names the offending line */
        wa_build_source_row_error (t, error, WA_ERROR_PARSE, columns[i].rank,
                                   _("rank %u is out of range: the table ranks %zu LSOAs"),
                                   max_rank[i], b->n_lsoa_ranked[i]);
        t->row = rows;
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_ranks (WaBuildSource *t, WaIndex index, WaBuildRanks **ranks, GError **error)
{
  for (WaIndicator i = first_indicator (index); i < end_indicator (index); i++)
    if (ranks[i] != NULL && !wa_build_ranks_check (ranks[i], t, error))
      return FALSE;
  return TRUE;
}

gboolean
wa_lsoa_read_indicators (WardBuild *b, const char *role, WaIndex index, gboolean need_score,
                         gboolean need_rank, gboolean count_lsoas, GError **error)
{
  FigureColumns columns[WA_N_INDICATORS];
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint max_rank[WA_N_INDICATORS] = { 0 };
  gint64 max_rank_row[WA_N_INDICATORS] = { 0 };
  WaBuildRanks *ranks[WA_N_INDICATORS] = { NULL };
  gint64 n_unknown = 0, n_decile1 = 0;
  int lsoa_col, decile_col = -1;
  OGRFeatureH feature;
  gboolean ok = FALSE;
  WaBuildSource t;

  if (!wa_ward_build_source_open (&t, b->ctx, role, error)
      || (lsoa_col = wa_build_source_column (&t, "lsoa", TRUE, error)) < 0
      || !wa_ward_build_figure_columns (&t, index, need_score, need_rank, columns, error))
    goto out;
  if (count_lsoas)
    {
      decile_col = wa_build_source_column (&t, "imd.decile", FALSE, error);
      if (decile_col < 0 && *error != NULL)
        goto out;
    }
  for (WaIndicator i = first_indicator (index); i < end_indicator (index); i++)
    if (columns[i].rank >= 0)
      ranks[i] = wa_build_ranks_new (columns[i].rank);

  while ((feature = wa_build_source_next (&t)) != NULL)
    {
      const char *code = wa_build_source_code (&t, feature, lsoa_col, error);
      Lsoa *lsoa, scratch;
      double decile;

      if (code != NULL && g_hash_table_contains (seen, code))
        wa_build_source_row_error (&t, error, WA_ERROR_DUPLICATE, lsoa_col, _("LSOA %s appears twice"), code);
      if (code == NULL || *error != NULL)
        {
          OGR_F_Destroy (feature);
          goto out;
        }
      g_hash_table_add (seen, g_strdup (code));
      /* An LSOA the lookup lacks still counts in the national ranking. */
      lsoa = g_hash_table_lookup (b->lsoas, code);
      if (lsoa == NULL)
        {
          n_unknown++;
          lsoa = &scratch;
        }
      for (WaIndicator i = first_indicator (index); i < end_indicator (index); i++)
        {
          if ((columns[i].score >= 0
               && !wa_ward_build_read_score (&t, feature, columns[i].score, i, &lsoa->score[i], error))
              || (columns[i].rank >= 0
                  && !wa_build_source_rank (&t, feature, columns[i].rank, &lsoa->rank[i], error)))
            {
              OGR_F_Destroy (feature);
              goto out;
            }
          if (columns[i].rank >= 0 && lsoa->rank[i] > 0)
            {
              b->n_lsoa_ranked[i]++;
              wa_build_ranks_add (ranks[i], lsoa->rank[i],
                                  columns[i].score >= 0 ? lsoa->score[i] : NAN, code, t.row);
              if (lsoa->rank[i] > max_rank[i])
                max_rank[i] = lsoa->rank[i], max_rank_row[i] = t.row;
            }
        }
      if (!wa_build_source_double (&t, feature, decile_col, &decile, error))
        {
          OGR_F_Destroy (feature);
          goto out;
        }
      if (decile == 1)
        n_decile1++;
      OGR_F_Destroy (feature);
    }
  ok = wa_ward_build_check_matched (b, &t, n_unknown, _("LSOAs absent from the LSOA to ward lookup"),
                                    _("an LSOA of the lookup"), error)
       && check_rank_range (b, &t, index, columns, max_rank, max_rank_row, error)
       && check_ranks (&t, index, ranks, error);
  if (ok && count_lsoas)
    {
      b->ctx->lsoa_count = t.row;
      b->ctx->lsoa_decile1_count = n_decile1;
    }

out:
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    wa_build_ranks_free (ranks[i]);
  g_hash_table_unref (seen);
  wa_ward_build_source_close (&t);
  return ok;
}

/* ---- aggregation and ranking ------------------------------------------ */

void
wa_lsoa_sum_populations (WardBuild *b)
{
  for (guint l = 0; l < b->lsoa_list->len; l++)
    {
      const Lsoa *lsoa = g_ptr_array_index (b->lsoa_list, l);
      Ward *ward;

      if (lsoa->ward < 0 || isnan (lsoa->population))
        continue;
      ward = ward_at (b, lsoa->ward);
      ward->population = isnan (ward->population) ? lsoa->population
                                                  : ward->population + lsoa->population;
    }
}

/* Population-weighted mean score, extent and proportion of one indicator
 * over each ward's LSOAs. Keeps a ward-level score already set (third
 * party) and adds extent and proportion to it. */
void
wa_lsoa_aggregate_indicator (WardBuild *b, WaIndicator indicator)
{
  g_autofree WaAggregate *aggs = g_new (WaAggregate, b->wards->len);
  gboolean imd_family = wa_indicator_index (indicator) == WA_INDEX_IMD;

  for (guint w = 0; w < b->wards->len; w++)
    wa_aggregate_init (&aggs[w]);
  for (guint l = 0; l < b->lsoa_list->len; l++)
    {
      const Lsoa *lsoa = g_ptr_array_index (b->lsoa_list, l);

      if (lsoa->ward >= 0)
        wa_aggregate_add (&aggs[lsoa->ward], lsoa->score[indicator], lsoa->population,
                          lsoa->rank[indicator], b->n_lsoa_ranked[indicator]);
    }
  for (guint w = 0; w < b->wards->len; w++)
    {
      WaFigure *figure = &ward_at (b, w)->figures[indicator];
      double mean = wa_aggregate_mean (&aggs[w]);

      if (figure->source == WA_FIGURE_NONE && !isnan (mean))
        {
          figure->score = mean;
          figure->source = WA_FIGURE_COMPUTED;
        }
      if (imd_family && aggs[w].n_lsoas > 0)
        {
          figure->extent = wa_aggregate_extent (&aggs[w]);
          figure->proportion = wa_aggregate_proportion (&aggs[w]);
          if (figure->source == WA_FIGURE_NONE && !isnan (figure->extent))
            figure->source = WA_FIGURE_COMPUTED;
        }
    }
}

/* Ranks the ward scores of one indicator, 1 = highest score. */
void
wa_ward_build_rank_indicator (WardBuild *b, WaIndicator indicator)
{
  g_autofree double *scores = g_new (double, b->wards->len);
  g_autofree guint *ranks = g_new0 (guint, b->wards->len);
  gsize n_ranked;

  for (guint w = 0; w < b->wards->len; w++)
    scores[w] = ward_at (b, w)->figures[indicator].score;
  n_ranked = wa_stats_rank_descending (scores, b->wards->len, ranks);
  b->n_ranked[indicator] = n_ranked;
  for (guint w = 0; w < b->wards->len; w++)
    ward_at (b, w)->figures[indicator].rank = ranks[w];
}

void
wa_ward_build_set_deciles (WardBuild *b, WaIndicator indicator)
{
  for (guint w = 0; w < b->wards->len; w++)
    {
      WaFigure *figure = &ward_at (b, w)->figures[indicator];

      figure->decile = wa_stats_decile (figure->rank, b->n_ranked[indicator]);
    }
}

