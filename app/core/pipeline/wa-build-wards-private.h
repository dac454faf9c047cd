/* wa-build-wards-private.h: the state of the wards step, shared by its
 * files: wa-build-wards.c (ward tables, the per-edition recipes, the step),
 * wa-build-lsoa.c (LSOA tables, aggregation and ranking) and
 * wa-build-wards-output.c (the "wards" layer, the "indicators" table and
 * the ward list handed to later steps). */
#pragma once

#include "wa-build-source.h"
#include "wa-indicator.h"
#include "wa-stats.h"

G_BEGIN_DECLS

typedef struct {
  char *code;
  char *name;
  char *lad_code;
  char *lad_name;
  char *region_code;
  char *region_name;
  char *geom_source;
  OGRGeometryH geometry;   /* MULTIPOLYGON in EPSG:4326, or NULL */
  WaGeometry *shape;       /* the same, for point-in-polygon */
  double population;       /* sum over the ward's LSOAs with a known population */
  guint n_lsoa;
  int official;            /* 0/1, -1 = not in the flag's universe */
  WaFigure figures[WA_N_INDICATORS];
} Ward;

typedef WaBuildLsoa Lsoa;

typedef struct {
  WaBuildContext *ctx;
  GPtrArray *wards;        /* Ward* */
  GHashTable *by_code;     /* code (borrowed from Ward) -> index + 1 */
  GPtrArray *lsoa_list;    /* Lsoa*, in lookup order */
  GHashTable *lsoas;       /* code -> Lsoa* (borrowed) */
  gsize n_lsoa_ranked[WA_N_INDICATORS];  /* rank denominators of the LSOA tables */
  guint n_ranked[WA_N_INDICATORS];
  char *notes[WA_N_INDICATORS];
  const struct _WardRecipe *recipe;
} WardBuild;

/* One recipe per edition: what it reads and how it turns LSOA figures
 * into ward figures; the notes of the "indicators" table follow from it. */
typedef struct _WardRecipe {
  gboolean (*read) (WardBuild *b, GError **error);
  const char *imd_score_role;      /* the LSOA table of IMD scores */
  gboolean cni_published;          /* CNI figures published per ward ("cni-ward") */
  gboolean imd_domains_third_party; /* IMD domain scores from "imd-ward-aggregated" */
} WardRecipe;

typedef struct {
  int score;
  int rank;
} FigureColumns;

static inline int
find_ward (WardBuild *b, const char *code)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (b->by_code, code)) - 1;
}

static inline Ward *
ward_at (WardBuild *b, int index)
{
  return g_ptr_array_index (b->wards, index);
}

static inline WaIndicator
first_indicator (WaIndex index)
{
  return index == WA_INDEX_IMD ? WA_INDICATOR_IMD : WA_INDICATOR_CNI;
}

static inline WaIndicator
end_indicator (WaIndex index)
{
  return index == WA_INDEX_IMD ? WA_INDICATOR_CNI : WA_N_INDICATORS;
}

static inline void
geometry_unref_nullable (gpointer geometry)
{
  if (geometry != NULL)
    wa_geometry_unref (geometry);
}

/* wa-build-wards.c */
void     wa_ward_build_set_string   (char **field, const char *value);
gboolean wa_ward_build_source_open  (WaBuildSource *t, WaBuildContext *ctx, const char *role,
                                     GError **error);
void     wa_ward_build_source_close (WaBuildSource *t);
gboolean wa_ward_build_read_score   (WaBuildSource *t, OGRFeatureH feature, int column,
                                     WaIndicator indicator, double *out_value, GError **error);
gboolean wa_ward_build_figure_columns (WaBuildSource *t, WaIndex index, gboolean need_score,
                                       gboolean need_rank, FigureColumns *columns, GError **error);
/* TRUE/FALSE or 1/0; empty gives -1. */
gboolean wa_ward_build_read_flag    (WaBuildSource *t, OGRFeatureH feature, int column,
                                     int *out_flag, GError **error);
/* After a table's last row: reports rows naming codes unknown to the
 * edition (unknown: what they name), and fails when the layer started
 * over or no row names one that is known (matched: what a row should name). */
gboolean wa_ward_build_check_matched (WardBuild *b, WaBuildSource *t, gint64 n_unknown,
                                      const char *unknown, const char *matched, GError **error);

/* wa-build-lsoa.c */
gboolean wa_lsoa_read_lookup       (WardBuild *b, GError **error);
gboolean wa_lsoa_read_population   (WardBuild *b, GError **error);
/* Reads LSOA scores and/or ranks of one index. count_lsoas: this is the
 * table that defines the LSOA universe of the pack's metadata. */
gboolean wa_lsoa_read_indicators   (WardBuild *b, const char *role, WaIndex index,
                                    gboolean need_score, gboolean need_rank,
                                    gboolean count_lsoas, GError **error);
/* OCSI's published "Left Behind Area?" per LSOA (column "left_behind" of
 * the role's source); nothing when the manifest names no such column. */
gboolean wa_lsoa_read_published_flag (WardBuild *b, const char *role, GError **error);
void     wa_lsoa_sum_populations   (WardBuild *b);
void     wa_lsoa_aggregate_indicator (WardBuild *b, WaIndicator indicator);
void     wa_ward_build_rank_indicator (WardBuild *b, WaIndicator indicator);
void     wa_ward_build_set_deciles  (WardBuild *b, WaIndicator indicator);

/* wa-build-wards-output.c */
void     wa_ward_build_write_notes  (WardBuild *b);
gboolean wa_ward_build_write_wards  (WardBuild *b, GError **error);
gboolean wa_ward_build_write_indicators (WardBuild *b, GError **error);
void     wa_ward_build_fill_context (WardBuild *b);

G_END_DECLS
