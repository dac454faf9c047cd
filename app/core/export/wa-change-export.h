/* wa-change-export.h: the change between two editions (wa-change.h) as
 * CSV or JSON, one row or object per new ward, through wa-csv and
 * wa-json. Used by `ward-atlas-cli change`. */
#pragma once

#include <glib.h>
#include "wa-change.h"

G_BEGIN_DECLS

typedef struct {
  const char *then_id;          /* edition ids in column names: "2019" */
  const char *now_id;           /* "2025" */
  const char *ward_code;        /* only this new ward; NULL for all */
  int category;                 /* only this WaChangeCategory; -1 for all */
} WaChangeExportOptions;

/* The change's columns, in the order `ward-atlas-cli change` writes them
 * after the ward's code, name and council. Other exports (the ranking
 * table's CSV, wa-ward-csv.c) take a subset: one definition of each
 * column's name and cell for every file that carries it. */
typedef enum {
  WA_CHANGE_COLUMN_CATEGORY,
  WA_CHANGE_COLUMN_PARTLY,
  WA_CHANGE_COLUMN_LEFT_BEHIND_SHARE_THEN,
  WA_CHANGE_COLUMN_LEFT_BEHIND_NOW,
  WA_CHANGE_COLUMN_COMBINED_THEN,   /* percentile of rank, 0 to 100 */
  WA_CHANGE_COLUMN_COMBINED_NOW,
  WA_CHANGE_COLUMN_IMD_THEN,
  WA_CHANGE_COLUMN_IMD_NOW,
  WA_CHANGE_COLUMN_CNI_THEN,
  WA_CHANGE_COLUMN_CNI_NOW,
  WA_CHANGE_COLUMN_CHANGED_BOUNDARY,
  WA_CHANGE_COLUMN_CHANGED_LSOA,
  WA_CHANGE_COLUMN_DECILE1_THEN,
  WA_CHANGE_COLUMN_DECILE1_NOW,
  WA_CHANGE_COLUMN_PREDECESSORS,
  WA_N_CHANGE_COLUMNS
} WaChangeColumn;

/* "combined_percentile_2019": edition ids from the options. */
char *wa_change_column_name (WaChangeColumn column, const WaChangeExportOptions *options);
/* The cell for a new ward's change; NULL for an empty one. */
char *wa_change_column_cell (WaChangeColumn column, const WaWardChange *change);

/* Whether a new ward's change passes the options' filters. */
gboolean wa_change_export_wanted (const WaWardChange *change, const WaChangeExportOptions *options);
/* The caveats every output showing change carries, translated, NULL-terminated. */
const char *const *wa_change_export_caveats (void);
GBytes *wa_change_export_csv  (WaChange *change, const WaChangeExportOptions *options);
/* An object: caveats, totals per category, and the wards. */
GBytes *wa_change_export_json (WaChange *change, const WaChangeExportOptions *options);

G_END_DECLS
