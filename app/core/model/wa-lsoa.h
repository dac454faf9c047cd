/* wa-lsoa.h: the neighbourhoods inside wards: the pack's LSOAs (Lower
 * layer Super Output Areas, about 1,500 residents each) with their figures,
 * and the left-behind neighbourhoods:
 *
 *   published   OCSI's own "Left Behind Area?" flag for 2023 (2025 edition);
 *   reproduced  the same rule recomputed from the data: CNI 2023 rank in the
 *               most deprived 10 % of LSOAs and every 2011 predecessor in
 *               IMD 2019 decile 1 (it gives exactly the 1,305 published);
 *   current     CNI 2023 in the most deprived 10 % and IMD 2025 decile 1.
 *
 * Packs built before the "lsoas" layer have none: the list is empty. No
 * GTK, no GDAL. */
#pragma once

#include <glib.h>
#include "wa-geometry.h"
#include "wa-indicator.h"

G_BEGIN_DECLS

typedef enum {
  WA_LSOA_FLAG_PUBLISHED,
  WA_LSOA_FLAG_REPRODUCED,
  WA_LSOA_FLAG_CURRENT,
  WA_N_LSOA_FLAGS
} WaLsoaFlag;

typedef struct {
  char *code;
  char *name;
  guint ward_index;
  gint64 population;             /* -1 unknown */
  double score[WA_N_INDICATORS]; /* NAN when the pack has none */
  guint rank[WA_N_INDICATORS];   /* 1 = most deprived; 0 none */
  int published;                 /* OCSI's flag: -1 not published, 0, 1 */
  int before_decile1;            /* every predecessor in the previous IMD's decile 1: -1 unknown, 0, 1 */
  gint64 fid;                    /* its row in the pack, for reading its boundary on demand */
} WaLsoa;

typedef struct _WaLsoas WaLsoas;

WaLsoas      *wa_lsoas_new  (guint n_wards);
void          wa_lsoas_free (WaLsoas *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaLsoas, wa_lsoas_free)
/* Takes ownership of lsoa's strings; lsoa->ward_index < n_wards. */
void          wa_lsoas_add  (WaLsoas *self, const WaLsoa *lsoa);
void          wa_lsoas_set_n_ranked (WaLsoas *self, WaIndicator indicator, guint n);

guint         wa_lsoas_get_n (WaLsoas *self);
const WaLsoa *wa_lsoas_get   (WaLsoas *self, guint index);
const WaLsoa *wa_lsoas_lookup (WaLsoas *self, const char *code);   /* NULL if unknown */
/* The index of the LSOA with that code (for wa_lsoas_get), or -1. */
int           wa_lsoas_lookup_index (WaLsoas *self, const char *code);
/* LSOAs ranked on the indicator in England (the rank denominator), 0 if none. */
guint         wa_lsoas_get_n_ranked (WaLsoas *self, WaIndicator indicator);
/* 1..10 (1 = most deprived), as MHCLG cuts them; 0 without a rank. */
guint         wa_lsoas_decile (WaLsoas *self, const WaLsoa *lsoa, WaIndicator indicator);
/* Whether the LSOA is a left-behind neighbourhood by that flag: -1 when
 * the pack cannot tell (no CNI at LSOA level, no published flag). */
int           wa_lsoas_flag  (WaLsoas *self, const WaLsoa *lsoa, WaLsoaFlag flag);
/* Whether any LSOA can be told apart by that flag. */
gboolean      wa_lsoas_has_flag (WaLsoas *self, WaLsoaFlag flag);
/* Indices of the ward's LSOAs, by code; *out_n entries. */
const guint  *wa_lsoas_get_ward_lsoas (WaLsoas *self, guint ward_index, guint *out_n);
/* Wards turned into their neighbourhoods (a selection of wards becoming
 * an LSOA set, issue 20): appends to indices (a GArray of guint, LSOA
 * indices) every LSOA of each ward not already in it, ward by ward, each
 * ward's by code. Ward indices out of range are skipped. */
void          wa_lsoas_expand_wards (WaLsoas *self, const guint *ward_indices, guint n_wards,
                                     GArray *indices);

/* A ward's neighbourhoods in figures. */
typedef struct {
  guint n_lsoas;
  guint n_imd_decile1;            /* in IMD decile 1 */
  guint n_cni_top10;              /* CNI rank in the most deprived 10 % */
  gint64 population;              /* of LSOAs with a known population */
  guint n_flagged[WA_N_LSOA_FLAGS];
  gint64 population_flagged[WA_N_LSOA_FLAGS];
  double share_flagged[WA_N_LSOA_FLAGS];   /* of population, 0..1; NAN when unknown */
} WaLsoaWardSummary;

void          wa_lsoas_summarise_ward (WaLsoas *self, guint ward_index, WaLsoaWardSummary *out);
/* The index the map shades neighbourhoods by: CNI 2023 where the pack
 * ranks LSOAs on it (2025 edition), else the IMD. */
WaIndicator   wa_lsoas_map_indicator (WaLsoas *self);
/* TRUE when every LSOA has a rank on the map's index, so a key needs no
 * "not ranked" row. */
gboolean      wa_lsoas_all_ranked_on_map (WaLsoas *self);
/* The map key's wording for shading band b, decile b + 1 of the LSOAs
 * ("Decile 1 (most deprived 10 %)"), the same on screen and in images. */
char         *wa_lsoa_decile_key_text (guint band);
/* The one-line key's two ends, "Most deprived" (decile 1) and "least". */
const char   *wa_lsoa_key_most_text (void);
const char   *wa_lsoa_key_least_text (void);
/* The key's title ("LSOA deciles, CNI 2023"; imd_vintage names the IMD
 * when the pack has no CNI for LSOAs) and its one-line caption. */
char         *wa_lsoas_dup_key_title (WaLsoas *self, const char *imd_vintage);
const char   *wa_lsoas_key_caption (WaLsoas *self);
/* The flag the map and the panel mark neighbourhoods with: OCSI's
 * published list, the one the neighbourhoods-2023 rank method counts
 * (only -1 in a 2019 pack). */
#define WA_LSOA_MAP_FLAG WA_LSOA_FLAG_PUBLISHED

/* One neighbourhood as the panel shows it: its deciles on both indices,
 * its residents' share of its ward's, and whether it is left behind by
 * each flag (-1 unknown). Everything the card says, computed here. */
typedef struct {
  guint imd_decile;              /* 0 without a rank */
  guint cni_decile;
  double ward_share;             /* of the ward's residents, 0..1; NAN when unknown */
  int flag[WA_N_LSOA_FLAGS];
} WaLsoaFacts;

void          wa_lsoas_get_facts (WaLsoas *self, guint index, WaLsoaFacts *out);

/* ---- boundaries, read on demand ----------------------------------------
 * Boundaries are not read when a pack opens (they would cost its open
 * time and memory for a layer drawn only close in): the pack reader gives
 * a function that reads them, run once, by whichever thread first asks.
 * Everything below is thread-safe: tiles render in worker threads. */

/* Fills geometries (as many slots as LSOAs, NULL-filled) with the
 * boundary of each LSOA by index; FALSE with error (naming the file) on
 * failure. Runs at most once per WaLsoas, in any thread. */
typedef gboolean (*WaLsoaGeometryReader) (WaLsoas *lsoas, GPtrArray *geometries,
                                          gpointer data, GError **error);

void          wa_lsoas_set_geometry_reader (WaLsoas *self, WaLsoaGeometryReader reader,
                                            gpointer data, GDestroyNotify destroy);
/* Reads the boundaries the first time (blocking other callers until
 * done); TRUE when they are there, FALSE with the reader's error (every
 * time) when it failed or there is no reader. */
gboolean      wa_lsoas_ensure_geometry (WaLsoas *self, GError **error);
/* Whether the boundaries have been read (for tests and memory checks). */
gboolean      wa_lsoas_has_geometry (WaLsoas *self);
/* The LSOA's boundary (borrowed; NULL when it has none or they cannot be
 * read). */
WaGeometry   *wa_lsoas_get_geometry (WaLsoas *self, guint index);
/* Appends the index of each LSOA whose boundary's box meets box. */
void          wa_lsoas_query_box (WaLsoas *self, const WaBBox *box, GArray *out_indices);
/* The LSOA whose boundary contains the point, or -1. */
int           wa_lsoas_locate (WaLsoas *self, double lon, double lat);

/* "published", "reproduced", "current"; and in words (translated). */
const char   *wa_lsoa_flag_id   (WaLsoaFlag flag);
const char   *wa_lsoa_flag_describe (WaLsoaFlag flag);

G_END_DECLS
