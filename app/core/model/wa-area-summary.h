/* wa-area-summary.h: the wards of a council (LAD), a region or all of
 * England, and the figures a briefing compares a ward against: how many
 * are left behind and how many people live in them, and the median ranks
 * and scores. Under the atlas's current rank method. */
#pragma once

#include "wa-atlas.h"

G_BEGIN_DECLS

typedef struct {
  guint n_wards;
  guint n_ranked;                  /* with a combined rank */
  guint n_left_behind;
  gint64 population;               /* sum over wards with a known population */
  gint64 left_behind_population;
  double median_combined_rank;     /* NAN when no ward has one */
  double median_imd_rank, median_cni_rank;
  double median_imd_score, median_cni_score;
} WaAreaSummary;

/* kind WA_AREA_LAD or WA_AREA_REGION with its code, or WA_AREA_LAND (code
 * ignored) for every ward of the edition. Borrowed WaWard*, sorted by
 * combined rank (unranked last, then by name). Empty for an unknown code. */
GPtrArray *wa_area_dup_wards (WaAtlas *atlas, WaAreaKind kind, const char *code);
void       wa_area_summarize (GPtrArray *wards, WaAreaSummary *out);
/* The same as summarising wa_area_dup_wards, without ordering the wards
 * (most of the work for England: on the 10x pack, whose LSOAs share
 * their ward's rank, the ties are ordered by collating names, 0.4 s). */
void       wa_area_summarize_area (WaAtlas *atlas, WaAreaKind kind, const char *code,
                                   WaAreaSummary *out);
/* The counts (n_wards to left_behind_population) of England's summary
 * and of each region's (out_regions: one for each of the atlas's
 * WA_AREA_REGION areas, in their order), in one pass over the wards; the
 * medians are NAN. The same counts as wa_area_summarize_area, a tenth of
 * the work for the overview's ten (on the 10x pack, 40 ms of the launch's
 * main thread before the first map frame). */
void       wa_area_count_regions (WaAtlas *atlas, WaAreaSummary *out_land, WaAreaSummary *out_regions);
/* Compares by combined rank, unranked last, then by name (for g_ptr_array_sort). */
int        wa_ward_compare_by_combined_rank (gconstpointer a, gconstpointer b);

G_END_DECLS
