/* wa-build-assets-private.h: the state of the assets step, shared by its
 * files: wa-build-assets.c (the manifest's rules, writing, the step),
 * wa-build-assets-read.c (records from the source files),
 * wa-build-assets-geocode.c (postcode positions, wards and coverage) and
 * wa-build-assets-merge.c (duplicates). */
#pragma once

#include "wa-build-source.h"
#include "wa-asset.h"

G_BEGIN_DECLS

#define ASSET_ROLE "assets"
#define MAX_REPORTED_ROWS 5
#define MERGE_METRES 50.0
#define MERGE_POSTCODE_METRES 150.0
/* Duplicate search cell: wider than MERGE_POSTCODE_METRES in both axes. */
#define MERGE_CELL_DEGREES 0.003
#define CATEGORY_SKIP WA_N_ASSET_CATEGORIES   /* "-": not an asset */
#define GEOCODE_CHUNK 500

typedef struct {
  char *key;
  char *value;
  int category;
} OsmRule;

typedef struct {
  char *column;                /* header */
  GStrv values;
} Require;

/* One asset source and what the import did with it. */
typedef struct {
  const WaManifestSource *source;
  char *path;
  gboolean osm;

  int fixed_category;          /* -1 when not fixed */
  GHashTable *value_map;       /* casefolded value -> GINT_TO_POINTER (category + 1) */
  int default_category;        /* "*": -1 when absent */
  GPtrArray *osm_rules;        /* OsmRule* */
  guint32 categories;          /* bits of categories the source supplies */

  gboolean england;
  GHashTable *lads;            /* LAD code set, NULL for England */
  char *coverage_text;         /* "england" or "E08000001;..." */
  const char *coverage_name;

  GPtrArray *requires;         /* Require* */
  GStrv exclude_if_set;        /* headers */
  GStrv null_names;            /* names meaning "no name" ("Unknown") */
  gboolean title_case;         /* option.title_case: "THE SURGERY" -> "The Surgery" */

  WaAssetDataset stats;        /* counts only */
  gint64 problems;             /* rows reported */
} Spec;

typedef struct {
  char *name, *key, *address, *postcode, *ref;   /* postcode normalised */
  GString *merged_from;
  int category;
  double lon, lat;
  gboolean from_postcode;
  gboolean located;
  gboolean dropped;
  guint spec;
  int ward;
  gint64 row;
} Record;

/* Column indices of one opened source layer; -1 when absent. */
typedef struct {
  int name, postcode, lon, lat, x, y, category, ref;
  int address[8];
  guint n_address;
} Columns;

typedef struct {
  WaBuildContext *ctx;
  GPtrArray *specs;            /* Spec* */
  GArray *records;             /* Record */
  GPtrArray *ward_lads;        /* char* LAD code per ward index (borrowed strings) */
  GHashTable *lad_strings;     /* owns the LAD codes */
} Import;

void     wa_assets_spec_free     (gpointer data);
void     wa_assets_record_clear  (gpointer data);
/* Splits a ";"-separated manifest list; never NULL. */
GStrv    wa_assets_split_list    (const char *text);

/* wa-build-assets-read.c */
/* Reports a problem with one row, up to MAX_REPORTED_ROWS per source. */
void     wa_assets_report_row    (Import *import, Spec *spec, gint64 row,
                                  const char *format, ...) G_GNUC_PRINTF (4, 5);
/* Appends the records of one source to import->records. */
gboolean wa_assets_read_source   (Import *import, guint spec_index, GError **error);

/* wa-build-assets-geocode.c */
gboolean wa_assets_read_ward_lads (Import *import, GError **error);
gboolean wa_assets_geocode       (Import *import, GError **error);
void     wa_assets_place_records (Import *import);
gboolean wa_assets_ward_covered  (Import *import, const Spec *spec, int ward);

/* wa-build-assets-merge.c */
void     wa_assets_merge_duplicates (Import *import);

G_END_DECLS
