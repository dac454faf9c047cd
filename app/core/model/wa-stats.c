/* wa-stats.c: ranks, deciles and population-weighted aggregation. */
#include "wa-stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  double key;
  double secondary;
  gsize index;
} RankItem;

/* NAN secondaries sort after every number so missing data never wins a tie. */
static int
compare_secondary (double a, double b)
{
  gboolean a_nan = isnan (a), b_nan = isnan (b);

  if (a_nan || b_nan)
    return a_nan - b_nan;
  return (a > b) - (a < b);
}

static int
compare_items (const void *pa,
               const void *pb)
{
  const RankItem *a = pa, *b = pb;
  int cmp = (a->key > b->key) - (a->key < b->key);

  if (cmp != 0)
    return cmp;
  cmp = compare_secondary (a->secondary, b->secondary);
  if (cmp != 0)
    return cmp;
  /* Index last keeps the sort deterministic; it never affects ranks. */
  return (a->index > b->index) - (a->index < b->index);
}

static gboolean
items_tie (const RankItem *a,
           const RankItem *b)
{
  return a->key == b->key && compare_secondary (a->secondary, b->secondary) == 0;
}

/* Ranks by key ascending; sign flips the key so one sort serves both directions. */
static gsize
rank_items (const double *values,
            const double *secondary,
            double        sign,
            gsize         n,
            guint        *out_ranks)
{
  g_autofree RankItem *items = g_new (RankItem, MAX (n, 1));
  gsize n_ranked = 0;

  for (gsize i = 0; i < n; i++)
    {
      out_ranks[i] = 0;
      if (isnan (values[i]))
        continue;
      items[n_ranked].key = sign * values[i];
      items[n_ranked].secondary = secondary != NULL ? secondary[i] : 0.0;
      items[n_ranked].index = i;
      n_ranked++;
    }

  qsort (items, n_ranked, sizeof (RankItem), compare_items);

  for (gsize i = 0; i < n_ranked; i++)
    {
      if (i > 0 && items_tie (&items[i], &items[i - 1]))
        out_ranks[items[i].index] = out_ranks[items[i - 1].index];
      else
        out_ranks[items[i].index] = (guint) (i + 1);
    }

  return n_ranked;
}

gsize
wa_stats_rank_descending (const double *values,
                          gsize         n,
                          guint        *out_ranks)
{
  g_return_val_if_fail (n == 0 || (values != NULL && out_ranks != NULL), 0);

  return rank_items (values, NULL, -1.0, n, out_ranks);
}

gsize
wa_stats_rank_ascending (const double *values,
                         const double *secondary,
                         gsize         n,
                         guint        *out_ranks)
{
  g_return_val_if_fail (n == 0 || (values != NULL && out_ranks != NULL), 0);

  return rank_items (values, secondary, 1.0, n, out_ranks);
}

guint
wa_stats_decile (guint rank,
                 gsize n_ranked)
{
  guint64 decile;

  if (rank == 0 || n_ranked == 0)
    return 0;

  /* Integer ceil (10 * rank / n): decile 1 is ranks 1 .. floor (n / 10). */
  decile = ((guint64) rank * 10 + n_ranked - 1) / n_ranked;
  return (guint) CLAMP (decile, 1, 10);
}

double
wa_stats_extent_weight (guint rank,
                        gsize n_lsoas)
{
  guint64 scaled, bucket;

  if (rank == 0 || n_lsoas == 0)
    return 0.0;

  /* Integer arithmetic so a percentile of exactly 10 or 30 is not nudged
   * into the next bucket by rounding. */
  scaled = (guint64) rank * 100;
  if (scaled <= (guint64) n_lsoas * 10)
    return 1.0;
  if (scaled > (guint64) n_lsoas * 30)
    return 0.0;

  bucket = (scaled + n_lsoas - 1) / n_lsoas;   /* ceil (percentile), 11 .. 30 */
  return 0.95 - (double) (bucket - 11) * 0.9 / 19.0;
}

void
wa_aggregate_init (WaAggregate *agg)
{
  g_return_if_fail (agg != NULL);

  memset (agg, 0, sizeof *agg);
}

void
wa_aggregate_add (WaAggregate *agg,
                  double       score,
                  double       weight,
                  guint        rank,
                  gsize        n_lsoas_ranked)
{
  g_return_if_fail (agg != NULL);

  agg->n_lsoas++;

  /* A missing or negative population cannot weight anything. */
  if (!isfinite (weight) || weight < 0)
    weight = 0.0;

  if (!isnan (score))
    {
      agg->weighted_sum += weight * score;
      agg->weight_total += weight;
    }

  if (rank == 0 || n_lsoas_ranked == 0)
    return;

  agg->n_ranked++;
  agg->rank_weight_total += weight;
  agg->extent_sum += weight * wa_stats_extent_weight (rank, n_lsoas_ranked);
  if (wa_stats_decile (rank, n_lsoas_ranked) == 1)
    agg->n_top_decile++;
}

double
wa_aggregate_mean (const WaAggregate *agg)
{
  g_return_val_if_fail (agg != NULL, NAN);

  if (agg->weight_total <= 0)
    return NAN;
  return agg->weighted_sum / agg->weight_total;
}

double
wa_aggregate_extent (const WaAggregate *agg)
{
  g_return_val_if_fail (agg != NULL, NAN);

  if (agg->rank_weight_total <= 0)
    return NAN;
  return agg->extent_sum / agg->rank_weight_total;
}

double
wa_aggregate_proportion (const WaAggregate *agg)
{
  g_return_val_if_fail (agg != NULL, NAN);

  if (agg->n_ranked == 0)
    return NAN;
  return (double) agg->n_top_decile / agg->n_ranked;
}

static int
compare_doubles (const void *pa,
                 const void *pb)
{
  double a = *(const double *) pa, b = *(const double *) pb;

  return (a > b) - (a < b);
}

static void
swap_doubles (double *values, gsize i, gsize j)
{
  double t = values[i];

  values[i] = values[j];
  values[j] = t;
}

/* Hoare's partition of values[lo..hi] about the median of its first,
 * middle and last values; returns j such that values[lo..j] <= pivot <=
 * values[j+1..hi]. Runs of equal values (the many wards with no asset of
 * a kind) split evenly, so they cost no more than distinct ones. */
static gsize
partition (double *values, gsize lo, gsize hi)
{
  gsize mid = lo + (hi - lo) / 2, i = lo, j = hi;
  double pivot;

  if (values[mid] < values[lo])
    swap_doubles (values, mid, lo);
  if (values[hi] < values[lo])
    swap_doubles (values, hi, lo);
  if (values[hi] < values[mid])
    swap_doubles (values, hi, mid);
  pivot = values[mid];
  for (;;)
    {
      while (values[i] < pivot)
        i++;
      while (values[j] > pivot)
        j--;
      if (i >= j)
        return j;
      swap_doubles (values, i++, j--);
    }
}

double
wa_stats_select (double *values, gsize n, gsize k)
{
  gsize lo = 0, hi = n - 1;
  /* Past this many rounds the pivots are going badly: sort what is left. */
  guint budget = 2 * g_bit_storage (n) + 8;

  g_return_val_if_fail (values != NULL && k < n, NAN);

  while (lo < hi)
    {
      gsize j;

      if (budget-- == 0)
        {
          qsort (values + lo, hi - lo + 1, sizeof (double), compare_doubles);
          break;
        }
      j = partition (values, lo, hi);
      if (k <= j)
        hi = j;
      else
        lo = j + 1;
    }
  return values[k];
}

double
wa_stats_median (const double *values,
                 gsize         n)
{
  g_autofree double *copy = g_new (double, MAX (n, 1));
  double upper, lower;
  gsize m = 0;

  g_return_val_if_fail (n == 0 || values != NULL, NAN);

  for (gsize i = 0; i < n; i++)
    if (!isnan (values[i]))
      copy[m++] = values[i];

  if (m == 0)
    return NAN;

  upper = wa_stats_select (copy, m, m / 2);
  if (m % 2 == 1)
    return upper;
  /* Selection leaves the m / 2 smaller values first. */
  lower = copy[0];
  for (gsize i = 1; i < m / 2; i++)
    lower = MAX (lower, copy[i]);
  return (lower + upper) / 2.0;
}
