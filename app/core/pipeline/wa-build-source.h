/* wa-build-source.h: how a build step reads one of its input files.
 *
 * A source is opened by its manifest role (or entry), its columns are found
 * by their logical names in the manifest, and its fields are read with
 * errors that name the file, the line (or feature) and the column, so a
 * user can open the file at the faulty cell. Reading stops at a feature id
 * seen before, and the rows read are counted for the pack's "sources"
 * table when the source is closed. */
#pragma once

#include <glib.h>
#include <gdal.h>
#include <ogr_api.h>

#include "wa-build-private.h"

G_BEGIN_DECLS

/* How the file is opened: by its manifest format or name (GeoPackage and
 * GeoJSON as vector files, anything else as a delimited table), or always
 * as one or the other. A multi-layer vector file whose driver wants its
 * layers read interleaved (OpenStreetMap) is opened without picking a
 * layer: the step reads its dataset. */
typedef enum {
  WA_BUILD_SOURCE_BY_NAME,
  WA_BUILD_SOURCE_TABLE,
  WA_BUILD_SOURCE_VECTOR,
  WA_BUILD_SOURCE_VECTOR_LAYERS,
} WaBuildSourceKind;

typedef struct {
  WaBuildContext *ctx;
  const WaManifestSource *source;
  char *path;
  GDALDatasetH dataset;
  OGRLayerH layer;
  gboolean is_table;       /* delimited text: rows are reported as lines */
  gboolean uncounted;      /* read again for a detail, or counted by the step */
  gint64 row;              /* 1-based data row of the current feature */
  WaFeatureGuard *seen;    /* feature ids read so far (the loop guard) */
  gboolean repeated;       /* a feature id came again: the layer started over */
  GError *cut;             /* a row cut short: ends the reading, given by check_end */
} WaBuildSource;

/* Opens the edition's source with that role; on failure the source still
 * needs wa_build_source_close. */
gboolean     wa_build_source_open_role (WaBuildSource *s, WaBuildContext *ctx, const char *role,
                                        WaBuildSourceKind kind, GError **error);
gboolean     wa_build_source_open      (WaBuildSource *s, WaBuildContext *ctx,
                                        const WaManifestSource *source,
                                        WaBuildSourceKind kind, GError **error);
/* Counts the rows read (unless uncounted) and closes the file. */
void         wa_build_source_close     (WaBuildSource *s);

/* The next feature, or NULL at the end, when the layer starts over (a
 * damaged file) or at a table row with fewer fields than the header (a
 * file cut mid-row); then wa_build_source_check_end gives the error. */
OGRFeatureH  wa_build_source_next      (WaBuildSource *s);
gboolean     wa_build_source_check_end (WaBuildSource *s, GError **error);

/* Index of a logical column: -1 without error when the manifest does not
 * name it and it is optional; an error when required or named but absent. */
int          wa_build_source_column    (WaBuildSource *s, const char *logical, gboolean required,
                                        GError **error);
/* A column a step reads, by its logical name in the manifest (column.NAME). */
typedef struct {
  const char *name;
  int *index;              /* out: field index in the layer, or -1 */
  gboolean required;
} WaBuildColumn;
gboolean     wa_build_source_columns   (WaBuildSource *s, const WaBuildColumn *columns,
                                        guint n_columns, GError **error);

/* Sets an error about the current row; column -1 for the row as a whole. */
void         wa_build_source_row_error (WaBuildSource *s, GError **error, int code, int column,
                                        const char *format, ...) G_GNUC_PRINTF (5, 6);

/* Field readers: an error names the file, row and column. */
/* A required code: non-empty text. */
const char  *wa_build_source_code      (WaBuildSource *s, OGRFeatureH feature, int column,
                                        GError **error);
/* A number; empty (or column -1) gives NAN, malformed text an error. */
gboolean     wa_build_source_double    (WaBuildSource *s, OGRFeatureH feature, int column,
                                        double *out_value, GError **error);
/* A rank: empty gives 0, anything but a positive whole number an error. */
gboolean     wa_build_source_rank      (WaBuildSource *s, OGRFeatureH feature, int column,
                                        guint *out_rank, GError **error);

/* Published ranks of one column, checked once the table is read: ranks
 * run from 1 with no gap, and only rows with equal scores may share one
 * (a tie of k rows skips the next k - 1 ranks). Every published table we
 * use ranks so; a repeated or missing rank means a row was edited, lost
 * or cut, and would shift every rank computed from it. */
typedef struct _WaBuildRanks WaBuildRanks;

WaBuildRanks *wa_build_ranks_new   (int column);
void          wa_build_ranks_free  (WaBuildRanks *ranks);
/* SCORE: the row's score for the same figure, or NAN if the table has none. */
void          wa_build_ranks_add   (WaBuildRanks *ranks, guint rank, double score,
                                    const char *code, gint64 row);
/* An error names the file, the line and column, and the codes involved. */
gboolean      wa_build_ranks_check (WaBuildRanks *ranks, WaBuildSource *s, GError **error);

G_END_DECLS
