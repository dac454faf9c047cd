/* wa-rank-method.h: combined IMD/CNI rank and "left behind" classification.
 * Each method is named and documented here; the model applies them to
 * every ward at once. */
#pragma once

#include <glib.h>
#include "wa-edition.h"

G_BEGIN_DECLS

typedef enum {
  /* The published OCSI/Local Trust "Left Behind Area?" flag (2019 only).
   * left_behind = (official == 1), reported as published even for a ward
   * whose computed ranks are missing. Order: as worst-rank. */
  WA_RANK_METHOD_OFFICIAL,
  /* Left behind = in the most deprived threshold % of ranked wards on both
   * IMD and CNI. Order: as worst-rank (the quantity the threshold applies to). */
  WA_RANK_METHOD_BOTH_DECILE,
  /* Order by the worse (larger) of the two percentile ranks, ties broken by
   * the better one; left behind = combined rank in the top threshold %. */
  WA_RANK_METHOD_WORST_RANK,
  /* Order by the mean of the two percentile ranks; left behind = combined
   * rank in the top threshold %. */
  WA_RANK_METHOD_MEAN_RANK,
  /* Order by weight_imd * IMD percentile rank + weight_cni * CNI percentile
   * rank; left behind = combined rank in the top threshold %. */
  WA_RANK_METHOD_RANK_SUM,
  /* OCSI's published 2023 left-behind neighbourhoods (LSOAs; 2025 only):
   * a ward's measure is the share of its residents living in them.
   * Order: that share, largest first, ties as worst-rank; left behind =
   * at least WA_RANK_NEIGHBOURHOOD_MAJORITY of its residents. */
  WA_RANK_METHOD_NEIGHBOURHOODS,
  WA_N_RANK_METHODS
} WaRankMethod;

typedef struct {
  WaRankMethod method;
  double threshold_percent;   /* (0, 100]; default 10 */
  double weight_imd;          /* rank-sum only; >= 0, not both 0; default 1 */
  double weight_cni;
} WaRankParams;

/* Percentile rank = rank / number ranked, so indices ranked over slightly
 * different ward counts are comparable. */
typedef struct {
  guint imd_rank;   guint imd_n;   /* 0 rank = no IMD data */
  guint cni_rank;   guint cni_n;   /* 0 rank = no CNI data */
  int official;                     /* -1 unknown, 0 no, 1 yes */
  const char *code;                 /* the ward's, for messages; NULL = its index */
  /* Share of residents in OCSI's published 2023 left-behind neighbourhoods,
   * 0..1 (neighbourhoods method; wa-lsoa.h). 0 also when unknown. */
  double neighbourhood_share;
} WaRankInput;

/* The neighbourhoods method's cut: half the ward's residents. */
#define WA_RANK_NEIGHBOURHOOD_MAJORITY 0.5

typedef struct {
  guint combined_rank;   /* 1 = greatest need; 0 = not ranked (missing an index) */
  gboolean left_behind;
} WaRankResult;

/* The largest rank-sum weight: far beyond any sensible ratio, and small
 * enough that weighted rank sums stay exact in a double. */
#define WA_RANK_WEIGHT_MAX 100.0

void        wa_rank_params_init (WaRankParams *params);   /* both-decile, 10 %, 1:1 */
gboolean    wa_rank_params_equal (const WaRankParams *a, const WaRankParams *b);
/* "official", "both-decile", "worst-rank", "mean-rank", "rank-sum",
 * "neighbourhoods-2023" */
const char *wa_rank_method_to_id   (WaRankMethod method);
gboolean    wa_rank_method_from_id (const char *id, WaRankMethod *out_method);
const char *wa_rank_method_label   (WaRankMethod method);      /* translatable, short */
const char *wa_rank_method_describe (WaRankMethod method);    /* translatable, one paragraph */
gboolean    wa_rank_method_uses_threshold (WaRankMethod method);
gboolean    wa_rank_method_uses_weights   (WaRankMethod method);
gboolean    wa_rank_method_available (WaRankMethod method, WaEdition edition);
/* The method a pack of EDITION opens with (the table's default_method). */
WaRankMethod wa_rank_method_default_for (WaEdition edition);
/* Words for the legend/briefing: "Both indices in the most deprived 10 %". Free with g_free. */
char       *wa_rank_params_describe (const WaRankParams *params);

gboolean    wa_rank_params_validate (const WaRankParams *params, WaEdition edition, GError **error);

/* Computes every ward's result. Returns FALSE with error (WA_ERROR_INVALID)
 * on invalid params or a rank above its count; edition availability is
 * checked by wa_rank_params_validate, not here. Wards missing either index
 * get combined_rank 0 and, except for the official flag, left_behind FALSE.
 * Ties on the ordering key share a rank ("1224"), so a tie at the cut can
 * make slightly more than threshold % left behind. */
/* How many of n ranked wards are in the most deprived threshold %:
 * floor (threshold % of n). */
guint       wa_rank_threshold_count (double threshold_percent, guint n);
gboolean    wa_rank_method_compute (const WaRankParams *params,
                                    const WaRankInput *inputs, gsize n,
                                    WaRankResult *out_results, GError **error);

G_END_DECLS
