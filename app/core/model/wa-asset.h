/* wa-asset.h: social-infrastructure assets. The one place that defines the
 * asset categories (grouped under the CNI's three domains, each with a
 * translatable name and a map symbol), and the per-ward summary an opened
 * pack answers: counts, rates per 1,000 residents, medians for comparison
 * and which categories a ward's datasets cover.
 *
 * Which source value or OSM tag becomes which category, and which area each
 * dataset covers, lives in data/sources.manifest, never here. */
#pragma once

#include <glib.h>
#include "wa-atlas.h"

G_BEGIN_DECLS

typedef enum {
  WA_ASSET_DOMAIN_CIVIC,        /* civic assets: places to meet */
  WA_ASSET_DOMAIN_ENGAGED,      /* engaged community: active organisations */
  WA_ASSET_DOMAIN_CONNECTED,    /* connectedness: services within reach */
  WA_N_ASSET_DOMAINS
} WaAssetDomain;

/* Ordered by domain; ids (wa_asset_category_id) are what the manifest uses. */
typedef enum {
  WA_ASSET_COMMUNITY_HALL,      /* "community_halls" */
  WA_ASSET_LIBRARY,             /* "libraries" */
  WA_ASSET_PUB,                 /* "pubs" */
  WA_ASSET_PLACE_OF_WORSHIP,    /* "places_of_worship" */
  WA_ASSET_GREEN_SPACE,         /* "green_space" */
  WA_ASSET_SPORTS,              /* "sports" */
  WA_ASSET_CHARITY,             /* "charities" */
  WA_ASSET_FOOD_BANK,           /* "food_banks" */
  WA_ASSET_COMMUNITY_HUB,       /* "community_hubs" */
  WA_ASSET_GP,                  /* "gp_surgeries" */
  WA_ASSET_PHARMACY,            /* "pharmacies" */
  WA_ASSET_POST_OFFICE,         /* "post_offices" */
  WA_ASSET_SCHOOL,              /* "schools" */
  WA_N_ASSET_CATEGORIES
} WaAssetCategory;

/* Map symbols: every category has its own shape, so colour is never the
 * only cue. */
typedef enum {
  WA_ASSET_SHAPE_CIRCLE,
  WA_ASSET_SHAPE_SQUARE,
  WA_ASSET_SHAPE_TRIANGLE,
  WA_ASSET_SHAPE_TRIANGLE_DOWN,
  WA_ASSET_SHAPE_DIAMOND,
  WA_ASSET_SHAPE_PENTAGON,
  WA_ASSET_SHAPE_HEXAGON,
  WA_ASSET_SHAPE_STAR,
  WA_ASSET_SHAPE_PLUS,
  WA_ASSET_SHAPE_CROSS,
  WA_ASSET_SHAPE_RING,
  WA_ASSET_SHAPE_HOLLOW_SQUARE,
  WA_ASSET_SHAPE_HOLLOW_DIAMOND,
} WaAssetShape;

const char     *wa_asset_domain_id   (WaAssetDomain domain);     /* "civic", "engaged", "connected" */
const char     *wa_asset_domain_name (WaAssetDomain domain);     /* translated */
gboolean        wa_asset_domain_from_id (const char *id, WaAssetDomain *out_domain);

const char     *wa_asset_category_id     (WaAssetCategory category);
const char     *wa_asset_category_name   (WaAssetCategory category);   /* translated, plural */
gboolean        wa_asset_category_from_id (const char *id, WaAssetCategory *out_category);
WaAssetDomain   wa_asset_category_domain (WaAssetCategory category);
WaAssetShape    wa_asset_category_shape  (WaAssetCategory category);
/* Fill colour, sRGB 0..1. */
void            wa_asset_category_colour (WaAssetCategory category, double *r, double *g, double *b);

/* One asset point of the pack. */
typedef struct {
  char *name;              /* NULL when the source gives none */
  WaAssetCategory category;
  char *address;           /* NULL when unknown */
  char *postcode;          /* display form "M32 0TH", NULL when unknown */
  char *source_id;         /* manifest source id of the kept record */
  char *merged_from;       /* other sources' ids merged into it ("a;b"), or NULL */
  char *ref;               /* the source's own id (ODS code, OSM id), or NULL */
  double lon, lat;
  int ward_index;          /* -1 when outside every ward (never for an imported asset) */
} WaAsset;

/* One asset dataset: coverage and what the import did with its records. */
typedef struct {
  char *id;                /* manifest source id */
  char *title;
  char *coverage_name;     /* "England", "Greater Manchester", "Trafford", ... */
  GStrv coverage_lads;     /* NULL = all of England; else LAD codes */
  guint32 categories;      /* bit per WaAssetCategory the dataset supplies */
  gint64 read;             /* records read */
  gint64 excluded;         /* closed or inactive (by the manifest's status rules) */
  gint64 skipped;          /* not a social-infrastructure asset (category "-") */
  gint64 geocoded;         /* located through their postcode */
  gint64 unmatched;        /* with a postcode that the postcode table lacks */
  gint64 no_location;      /* with neither a usable position nor a postcode */
  gint64 outside;          /* located outside the dataset's coverage or every ward, or with a postcode outside Great Britain */
  gint64 merged;           /* duplicates merged into another record */
  gint64 imported;         /* asset points in the pack */
} WaAssetDataset;

void wa_asset_dataset_free (gpointer dataset);   /* a GDestroyNotify */

/* A ward's figures for one category. Medians are of the rate per 1,000
 * residents over wards covered by the category's datasets (and with a known
 * population); NAN when there is no such ward. */
typedef struct {
  WaAssetCategory category;
  gboolean covered;        /* FALSE: "not covered", which is not 0 */
  guint count;
  double rate;             /* per 1,000 residents; NAN if not covered or population unknown */
  double england_median;   /* over every covered ward */
  double left_behind_median; /* over covered wards left behind under the current method */
  double similar_median;   /* over the ward's similar wards (wa_assets_similar_definition) */
  guint n_covered;         /* wards in the first median */
  guint n_left_behind;     /* wards in the second */
  guint n_similar;         /* wards in the third */
  /* Figures that stay meaningful for rare assets, where the median ward
   * has none (the panel shows these, never a median of 0): */
  double england_rate;     /* all places over all residents of the covered wards, per 1,000 */
  double similar_rate;     /* the same over the similar wards */
  double mean_rate;        /* mean of the covered wards' rates */
  double share_with_any;   /* of the covered wards, the share with at least one, 0..1 */
  gboolean rare;           /* at least half the covered wards have none */
  /* The category's common axis, the same for every ward: the 95th
   * percentile of the covered wards' rates, and at least the England rate
   * and the similar wards' rate. A ward above it is drawn at its end. */
  double scale_max;
} WaAssetStat;

#define WA_ASSETS_N_SIMILAR 20

typedef struct _WaAssets WaAssets;

/* The pack's assets, owned by the atlas (never NULL for an open atlas).
 * After a progressive open, waits until they have been read; an empty set
 * if their read failed (wa_atlas_open_progressive_async). */
WaAssets             *wa_atlas_get_assets (WaAtlas *atlas);
/* Whether wa_atlas_get_assets would return at once: FALSE only while a
 * progressive open is still reading them ("assets-ready" follows, or
 * "load-failed"). For what can be shown first and completed after. */
gboolean              wa_atlas_assets_ready (WaAtlas *atlas);

guint                 wa_assets_get_n_assets (WaAssets *self);
const WaAsset        *wa_assets_get_asset    (WaAssets *self, guint index);
GPtrArray            *wa_assets_get_datasets (WaAssets *self);   /* of WaAssetDataset*, owned */
/* Whether any dataset supplies the category, and the names of the areas
 * they cover ("England", "Greater Manchester and Rutland"), NULL if none. */
const char           *wa_assets_get_coverage_name (WaAssets *self, WaAssetCategory category);
/* Indices of the ward's assets, by category then name; *out_n entries. */
const guint          *wa_assets_get_ward_assets (WaAssets *self, guint ward_index, guint *out_n);
/* Indices of assets inside box (degrees), appended to out. Thread-safe. */
void                  wa_assets_query (WaAssets *self, const WaBBox *box, GArray *out_indices);
gboolean              wa_assets_is_covered (WaAssets *self, guint ward_index, WaAssetCategory category);
guint                 wa_assets_get_count  (WaAssets *self, guint ward_index, WaAssetCategory category);
/* Fills out[c] for every category c. Cheap: England medians are computed at
 * open, left-behind medians once per rank method, similar wards per call
 * (one pass over the wards). */
void                  wa_assets_summarise (WaAssets *self, guint ward_index,
                                           WaAssetStat out[WA_N_ASSET_CATEGORIES]);
/* Indices of the ward's similar wards among those covered for category,
 * nearest first (at most WA_ASSETS_N_SIMILAR). category
 * WA_N_ASSET_CATEGORIES chooses among every ward (a user's list, which
 * covers all of England). */
GArray               *wa_assets_dup_similar_wards (WaAssets *self, guint ward_index,
                                                   WaAssetCategory category);
/* How "similar wards" are chosen, in words (translated): per category, the
 * WA_ASSETS_N_SIMILAR other wards covered by the category's data that lie
 * nearest to the ward in (IMD rank / wards ranked, CNI rank / wards ranked),
 * by straight-line distance; wards without both ranks take no part. */
const char           *wa_assets_similar_definition (void);

/* Count per 1,000 residents; NAN when the population is unknown or zero.
 * (Medians use wa_stats_median.) */
double                wa_asset_rate   (guint count, gint64 population);
/* Name key used to match duplicates: lower case, "&" as "and", letters and
 * digits only, a leading "the" and trailing words that only name the kind
 * of place ("Library", "Surgery", "Medical Centre", "Church"...) dropped;
 * NULL when nothing is left. */
char                 *wa_asset_name_key (const char *name);

G_END_DECLS
