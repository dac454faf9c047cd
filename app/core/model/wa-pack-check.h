/* wa-pack-check.h: is this file the pack the builder wrote?
 *
 * GDAL reads past a damaged SQLite page as if the table simply ended, so a
 * pack with 8 KB of garbage inside its wards table opens with a third of
 * England missing and every rank shifted. The builder therefore records,
 * in the pack's metadata table, each layer's row count and a SHA-256 of
 * its rows (every column, in rowid order; see wa-pack-check.c for the exact
 * encoding), and every reader checks them before trusting a figure.
 *
 * The metadata rows are "layer_rows:<layer>" and "layer_sha256:<layer>",
 * and "layer_read_sha256:<layer>" for a layer the reader takes in part;
 * the metadata layer's own digest leaves those rows out. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WA_PACK_META_LAYER_ROWS_PREFIX   "layer_rows:"
#define WA_PACK_META_LAYER_SHA256_PREFIX "layer_sha256:"
/* For a layer the reader takes only in part (the wards: their figure
 * columns are for QGIS, the reader takes the figures blob), a digest of
 * the columns it takes too: what the quick check compares. */
#define WA_PACK_META_LAYER_READ_SHA256_PREFIX "layer_read_sha256:"

typedef enum {
  /* Every layer's row count, and the digests of every layer except those
   * read only on demand (postcodes): of the columns the reader takes,
   * where it records them apart. What opening a pack costs. */
  WA_PACK_CHECK_QUICK,
  /* Every layer's count and digest, and SQLite's own integrity check. */
  WA_PACK_CHECK_FULL,
} WaPackCheckLevel;

typedef struct {
  char   *layer;
  gint64  rows;
  char   *sha256;       /* lowercase hex */
  char   *read_sha256;  /* the columns the reader takes; NULL: it takes them all */
} WaLayerFingerprint;

void wa_layer_fingerprint_free (WaLayerFingerprint *fingerprint);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaLayerFingerprint, wa_layer_fingerprint_free)

/* Fingerprints of every data layer of the GeoPackage at PATH (tables listed
 * in gpkg_contents, sorted by name), then of the GeoPackage tables GDAL
 * finds them by (gpkg_contents, gpkg_geometry_columns): the values the
 * builder stores.
 * Fails, naming the file and the table, on any SQLite error (a damaged
 * page is an error here, not an early end). */
GPtrArray *wa_pack_fingerprint (const char *path, GError **error);

/* Writes FINGERPRINTS into the metadata table of the GeoPackage at PATH
 * (opened read-write through SQLite; GDAL must have closed it). */
gboolean   wa_pack_store_fingerprint (const char *path, GPtrArray *fingerprints,
                                      GError **error);

/* Compares the pack at PATH with the fingerprints its metadata records.
 * Fails with WA_ERROR_PACK_DAMAGED naming the file and the first layer that
 * differs (rows missing or extra, contents changed, a layer missing), or
 * WA_ERROR_PACK_DAMAGED if the pack records no fingerprint at all. */
gboolean   wa_pack_check (const char *path, WaPackCheckLevel level, GError **error);

/* The full check, layer by layer, for `ward-atlas-cli verify` and the
 * app's "Verify" button: it goes on past the first problem so that every
 * damaged layer is named. */
typedef struct {
  char   *layer;
  gint64  rows;      /* rows read; -1 when the layer cannot be read or is missing */
  char   *problem;   /* NULL when intact, else what is wrong (no file name) */
} WaLayerReport;

typedef struct {
  char      *path;
  char      *integrity;  /* NULL when SQLite's integrity_check says "ok", else its complaint */
  GPtrArray *layers;     /* of WaLayerReport: the pack's layers by name, then missing ones */
  GError    *error;      /* the first problem, as wa_pack_check (FULL) words it; NULL = intact */
} WaPackReport;

void          wa_pack_report_free (WaPackReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaPackReport, wa_pack_report_free)

/* NULL, with the error, only when nothing can be checked: the file cannot
 * be opened, is not a GeoPackage, or records no fingerprints. */
WaPackReport *wa_pack_verify (const char *path, GError **error);

/* The report as `ward-atlas-cli verify` prints it and the app shows it:
 * SQLite's answer, then one line per layer (name, rows, "ok" or what is
 * wrong), each ending in a newline. */
char         *wa_pack_report_format (const WaPackReport *report);

G_END_DECLS
