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

/* Whether a new ward's change passes the options' filters. */
gboolean wa_change_export_wanted (const WaWardChange *change, const WaChangeExportOptions *options);
/* The caveats every output showing change carries, translated, NULL-terminated. */
const char *const *wa_change_export_caveats (void);
GBytes *wa_change_export_csv  (WaChange *change, const WaChangeExportOptions *options);
/* An object: caveats, totals per category, and the wards. */
GBytes *wa_change_export_json (WaChange *change, const WaChangeExportOptions *options);

G_END_DECLS
