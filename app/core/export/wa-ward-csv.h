/* wa-ward-csv.h: a ranking table as CSV, shared by the app's export and
 * `ward-atlas-cli rank --format csv / --output`.
 *
 * An export file opens with lines starting with "# " that record what the
 * table is (edition, method, threshold, filters, sort, row count, date,
 * pack, sources and every attribution the licences require); the first
 * line without "#" is the column header, then one row per ward in the
 * shown order. Ranks are integers, empty where a ward has none; flags are
 * "true"/"false" (the official flag empty where it does not apply). */
#pragma once

#include "wa-atlas.h"
#include "wa-change.h"
#include "wa-user-list.h"
#include "wa-ward-filter.h"

G_BEGIN_DECLS

typedef struct {
  const WaWardFilter *filter;   /* NULL = none, for the description only */
  WaWardColumn sort;
  gboolean descending;
  /* TRUE: the CSV holds only the header and rows (clean for a
   * spreadsheet), and the "#" description goes to a sidecar file named
   * after it (wa_ward_csv_sidecar_path). */
  gboolean provenance_sidecar;
  /* The change since the oldest edition, or NULL: an export of the
   * newest edition then gains the change columns (wa_ward_csv_table). */
  WaChange *change;
  /* TRUE: the rows are sorted by the change column sort_change (one of
   * the table's "Since 2019" columns) instead of sort. */
  gboolean sort_by_change;
  guint sort_change;            /* a WaChangeField */
  /* The user's own lists (WaUserList *, loaded against this atlas), or
   * NULL: each adds a column "list_ID_count", the number of the list's
   * places in the ward, after every other column. */
  GPtrArray *user_lists;
} WaWardCsvContext;

/* "PATH.provenance.txt": where a clean export's description goes. */
char  *wa_ward_csv_sidecar_path (const char *path);

/* The columns written for the atlas's edition, in file order. */
guint  wa_ward_csv_get_columns (WaAtlas *atlas, WaWardColumn *out_columns);

/* The table (header row and rows), without the "#" description.
 * Quoted by wa-csv.h, as GDAL and spreadsheets read it. With a change
 * (may be NULL) and the atlas of the newest edition, the rows end with
 * the change columns of wa-change-export.h (both editions' combined
 * percentiles, the category and the share on a changed boundary), empty
 * for a ward the crosswalk lacks; an older edition's wards are the
 * change's predecessors, so their export has none. */
char  *wa_ward_csv_table (WaAtlas *atlas, GPtrArray *wards, WaChange *change, GError **error);
/* The same with the context's change and user lists (context may be NULL). */
char  *wa_ward_csv_table_full (WaAtlas *atlas, GPtrArray *wards, const WaWardCsvContext *context,
                               GError **error);
/* A user list's column name, "list_ID_count". */
char  *wa_ward_csv_list_column (WaUserList *list);
/* Whether wa_ward_csv_table writes the change columns for this atlas. */
gboolean wa_ward_csv_has_change (WaAtlas *atlas, WaChange *change);
/* The "#" lines describing the export, each ending in "\n". */
char  *wa_ward_csv_description (WaAtlas *atlas, GPtrArray *wards, const WaWardCsvContext *context);

/* Writes description and table (or with context->provenance_sidecar,
 * the table to path and the description to its sidecar) atomically: a temporary file in
 * the same folder, flushed to disk, then renamed over path. On failure the
 * error names path and the reason, and nothing is left behind (an existing
 * file at path is untouched). Confirming an overwrite is the caller's job. */
gboolean wa_ward_csv_write (WaAtlas *atlas, GPtrArray *wards, const WaWardCsvContext *context,
                            const char *path, GError **error);

G_END_DECLS
