/* wa-stats.h: ranks, deciles and population-weighted aggregation.
 * Pure functions over arrays; used by the pack builder and the rank methods. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Competition ranking ("1224"), highest value = rank 1 (most deprived).
 * NAN values get rank 0 and do not count. Returns the number ranked. */
gsize wa_stats_rank_descending (const double *values, gsize n, guint *out_ranks);

/* Same, lowest value = rank 1; with an optional secondary key (lower first)
 * to break ties before they are shared. secondary may be NULL. */
gsize wa_stats_rank_ascending  (const double *values, const double *secondary,
                                gsize n, guint *out_ranks);

/* Decile 1..10 of a rank among n_ranked (1 = ranks 1..n/10); 0 if rank is 0. */
guint wa_stats_decile (guint rank, gsize n_ranked);

/* MHCLG "extent" weight of an LSOA with this national rank among n_lsoas:
 * 1 in the most deprived 10 %, sliding 0.95 .. 0.05 across percentiles
 * 11 .. 30, 0 beyond. */
double wa_stats_extent_weight (guint rank, gsize n_lsoas);

/* Accumulates a population-weighted mean, extent and proportion over the
 * LSOAs of one ward. */
typedef struct {
  double weighted_sum;
  double weight_total;
  double extent_sum;    /* sum of weight * extent_weight */
  double rank_weight_total;  /* weight of the LSOAs with a known rank */
  guint n_lsoas;        /* every LSOA added */
  guint n_ranked;       /* LSOAs with a known rank */
  guint n_top_decile;
} WaAggregate;

void   wa_aggregate_init       (WaAggregate *agg);
/* score may be NAN (skipped for the mean); rank 0 = unknown (skipped for extent/proportion). */
void   wa_aggregate_add        (WaAggregate *agg, double score, double weight,
                                guint rank, gsize n_lsoas_ranked);
double wa_aggregate_mean       (const WaAggregate *agg);        /* NAN if no weight */
/* Weighted over the LSOAs with a known rank only. */
double wa_aggregate_extent     (const WaAggregate *agg);        /* NAN if no weight */
double wa_aggregate_proportion (const WaAggregate *agg);        /* NAN if no ranked LSOAs */

/* Median of the non-NAN values (the array is copied, not reordered). NAN if none. */
double wa_stats_median (const double *values, gsize n);
/* The value that would be values[k] were the n values (no NAN) sorted;
 * reorders them so that every value before k is no greater and every
 * value after it no smaller. Linear time on average: a median or a
 * percentile of 74,000 wards without sorting them. */
double wa_stats_select (double *values, gsize n, gsize k);

G_END_DECLS
