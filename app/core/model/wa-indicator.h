/* wa-indicator.h: the registry of deprivation and need indicators.
 * This is the one place that says which indicators exist, what they are
 * called and to which index (IMD or CNI) they belong. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  WA_INDICATOR_IMD,                  /* Index of Multiple Deprivation, overall */
  WA_INDICATOR_IMD_INCOME,
  WA_INDICATOR_IMD_EMPLOYMENT,
  WA_INDICATOR_IMD_EDUCATION,        /* Education, Skills and Training */
  WA_INDICATOR_IMD_HEALTH,           /* Health Deprivation and Disability */
  WA_INDICATOR_IMD_CRIME,
  WA_INDICATOR_IMD_HOUSING,          /* Barriers to Housing and Services */
  WA_INDICATOR_IMD_ENVIRONMENT,      /* Living Environment */
  WA_INDICATOR_CNI,                  /* Community Needs Index, overall */
  WA_INDICATOR_CNI_CIVIC_ASSETS,
  WA_INDICATOR_CNI_CONNECTEDNESS,
  WA_INDICATOR_CNI_ENGAGED,          /* Active and Engaged Community */
  WA_N_INDICATORS
} WaIndicator;

typedef enum {
  WA_INDEX_IMD,
  WA_INDEX_CNI,
} WaIndex;

/* Where a ward's figure came from; stored in the pack per ward and indicator. */
typedef enum {
  WA_FIGURE_NONE = 0,          /* no data for this ward */
  WA_FIGURE_PUBLISHED,         /* published at ward level by the index's author */
  WA_FIGURE_COMPUTED,          /* computed by the pack builder from LSOA data */
  WA_FIGURE_THIRD_PARTY,       /* from a third-party ward aggregation (labelled as such) */
} WaFigureSource;

/* Stable id used in pack column names and the CLI, e.g. "imd_income". */
const char *wa_indicator_id        (WaIndicator indicator);
gboolean    wa_indicator_from_id   (const char *id, WaIndicator *out_indicator);
/* Translatable label, e.g. "Barriers to Housing and Services". */
const char *wa_indicator_label     (WaIndicator indicator);
WaIndex     wa_indicator_index     (WaIndicator indicator);
/* TRUE for the overall IMD and CNI, FALSE for domains. */
gboolean    wa_indicator_is_overall (WaIndicator indicator);
const char *wa_figure_source_describe (WaFigureSource source);

/* One ward's figures for one indicator. Ranks: 1 = most deprived/greatest
 * need, 0 = not ranked. Deciles: 1 = most deprived 10 %, 0 = none. extent and
 * proportion are NAN where not defined (CNI, or no LSOA data). */
typedef struct {
  double score;
  double extent;       /* MHCLG "extent": share of population in the most deprived 30 %, sliding weight */
  double proportion;   /* share of the ward's LSOAs in the most deprived national decile */
  guint rank;
  /* Bit-fields: a ward holds twelve figures, and 74,000 wards (the 10x
   * pack) held 7 MB more as 40-byte figures than as these 32 bytes. */
  guint decile : 8;
  WaFigureSource source : 8;
} WaFigure;

void wa_figure_init (WaFigure *figure);  /* score/extent/proportion NAN, rank/decile 0 */

G_END_DECLS
