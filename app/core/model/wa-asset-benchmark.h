/* wa-asset-benchmark.h: the APPG's three-way benchmark of social
 * infrastructure ("left-behind areas have 1.1 charities per 100,000
 * residents against 2.0 in other deprived areas and 2.8 across England"):
 * for each category whose data covers all of England, the rate per 100,000
 * residents in left-behind wards, in other deprived wards and in England,
 * and the share of left-behind wards whose own rate is below England's.
 *
 * Rates are pooled (all places of the group over all its residents), as
 * the APPG's are, not a mean of ward rates. Wards without a known
 * population take no part; their places are counted apart so that the
 * groups' places plus those add up to the national count. */
#pragma once

#include <glib.h>
#include "wa-asset.h"

G_BEGIN_DECLS

/* The groups partition the wards taking part. */
typedef enum {
  WA_BENCHMARK_LEFT_BEHIND,      /* left behind under the current rank method */
  WA_BENCHMARK_OTHER_DEPRIVED,   /* IMD most deprived 10 % of wards, not left behind */
  WA_BENCHMARK_REST,             /* every other ward */
  WA_N_BENCHMARK_GROUPS
} WaBenchmarkGroup;

typedef struct {
  guint n_wards;
  gint64 residents;
  guint64 count;
  double rate;                   /* per 100,000 residents; NAN without residents */
} WaBenchmarkFigures;

typedef struct {
  WaAssetCategory category;
  WaBenchmarkFigures groups[WA_N_BENCHMARK_GROUPS];
  WaBenchmarkFigures england;    /* the three groups together */
  guint n_left_behind_below;     /* left-behind wards with a rate below England's */
  double share_left_behind_below; /* of the left-behind wards, 0..1; NAN if none */
  guint n_wards_no_population;   /* covered wards left out: population unknown */
  guint64 count_no_population;   /* their places */
} WaBenchmarkRow;

/* One ward's part in the benchmark, for wa_asset_benchmark_compute. */
typedef struct {
  gint64 population;             /* <= 0: unknown, the ward takes no part */
  gboolean left_behind;
  gboolean most_deprived;        /* among the IMD most deprived 10 % of wards */
  guint count;                   /* places of the category in the ward */
} WaBenchmarkWard;

/* The arithmetic on plain figures (one category). */
void        wa_asset_benchmark_compute (const WaBenchmarkWard *wards, guint n_wards,
                                        WaAssetCategory category, WaBenchmarkRow *out);
/* Rate per 100,000 residents; NAN when residents <= 0. */
double      wa_asset_benchmark_rate (guint64 count, gint64 residents);

/* Whether the category's data covers all of England (a dataset with
 * coverage "england"): only those take part in the benchmark. */
gboolean    wa_assets_category_is_national (WaAssets *assets, WaAssetCategory category);
/* Whether the ward is among the IMD most deprived 10 %: IMD rank at most a
 * tenth of the wards ranked. */
gboolean    wa_asset_benchmark_most_deprived (WaAtlas *atlas, WaWard *ward);
/* Each ward's population, group and place under the current rank method,
 * count 0: out has wa_atlas_get_n_wards entries (the caller sets counts). */
void        wa_asset_benchmark_fill_wards (WaAtlas *atlas, WaBenchmarkWard *out);
/* One row per national category, in category order, under the atlas's
 * current rank method. Array of WaBenchmarkRow. */
GArray     *wa_asset_benchmark_dup_rows (WaAtlas *atlas);
/* The groups in words (translated): "Left-behind wards", "Other deprived
 * wards", "Other wards". */
const char *wa_asset_benchmark_group_name (WaBenchmarkGroup group);
/* How the groups are defined, in one translated sentence. */
const char *wa_asset_benchmark_definition (void);

G_END_DECLS
