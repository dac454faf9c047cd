/* wa-postcode-row.h: one row of a pack's postcodes table, and the checks
 * that keep a damaged table from answering a lookup wrongly.
 *
 * The postcodes table (1.5 million rows) is read one row at a time and is
 * not digested when a pack opens (that would cost seconds); only
 * `ward-atlas-cli verify` reads it whole. So every lookup checks what it
 * reads, on both the full model (wa-atlas-postcodes.c) and the lazy one
 * (wa-pack-query.c):
 *
 * - the row's check value (a hash of its other columns, stored by the
 *   builder) and that its postcode is the one asked for: a damaged row,
 *   or an index entry leading to another row, refuses the pack;
 * - a postcode the index does not find is looked for again by a binary
 *   search on the rowid (the rows are in postcode order with rowids 1..n),
 *   which does not use the index: finding it there, a missing rowid or a
 *   row failing its check on the way refuses the pack. About 21 row reads,
 *   so a "not found" stays cheap even in a batch. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *postcode;   /* normalised; NULL = NULL in the table */
  const char *display;
  double      lon, lat;
  const char *ward_code;
  gint64      quality;    /* -1 = NULL */
  gint64      check;      /* as stored; G_MININT64 = NULL or not an integer */
} WaPostcodeRow;

#define WA_POSTCODE_ROW_NO_CHECK G_MININT64

/* The check value of a row (its "check" member ignored). */
guint32  wa_postcode_row_check (const WaPostcodeRow *row);

/* The value the builder stores in the column: the check as a signed
 * 32-bit integer (GDAL's OFTInteger). */
gint32   wa_postcode_row_stored_check (const WaPostcodeRow *row);

/* TRUE if ROW is intact and holds KEY (normalised); else FALSE with
 * WA_ERROR_DAMAGED naming PATH and the postcode. */
gboolean wa_postcode_row_verify (const WaPostcodeRow *row, const char *path,
                                 const char *key, GError **error);

typedef enum {
  WA_POSTCODE_ROW_READ,
  WA_POSTCODE_ROW_MISSING,   /* no row with that rowid */
  WA_POSTCODE_ROW_FAILED,    /* cannot be read; the error is set */
} WaPostcodeRowResult;

/* Reads the row with ROWID into *ROW, its strings valid until the next
 * call. */
typedef WaPostcodeRowResult (*WaPostcodeRowReader) (gpointer data, gint64 rowid, WaPostcodeRow *row,
                                                    GError **error);

/* After the index did not find KEY: TRUE if the binary search over rowids
 * 1..N_ROWS confirms it is absent; FALSE with WA_ERROR_DAMAGED (naming
 * PATH and the postcode) if the table disagrees with its index or is
 * damaged on the way, or with the reader's error. */
gboolean wa_postcode_row_confirm_absent (const char *path, const char *key, gint64 n_rows,
                                         WaPostcodeRowReader read, gpointer data,
                                         GError **error);

/* N_ROWS for the above from the pack's metadata value
 * "layer_rows:postcodes" (verified at open); FALSE with WA_ERROR_DAMAGED
 * if it is missing or not a count. */
gboolean wa_postcode_row_count (const char *path, const char *value, gint64 *out,
                                GError **error);

G_END_DECLS
