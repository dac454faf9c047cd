/* wa-export-format.h: the formats a ward's figures are exported in.
 *
 * One table, read by the app's Export Ward Profile menus (their items, the
 * file name, the file chooser filter) and by `ward-atlas-cli profile` (--format values, the
 * format guessed from --output, help and error text), so that a format
 * added here appears in both. */
#pragma once

#include "wa-atlas.h"

G_BEGIN_DECLS

typedef GBytes *(*WaExportProduceFunc) (WaAtlas *atlas, WaWard *ward, GError **error);

typedef struct {
  const char *id;            /* --format value and action parameter: "csv" */
  const char *extension;     /* without the dot: "csv" */
  const char *mime_type;     /* "text/csv" */
  const char *filter_name;   /* the file chooser's filter, untranslated (N_) */
  const char *menu_name;     /* the format's name in menus, with its mnemonic: "_CSV" */
  WaExportProduceFunc produce;  /* the ward's full profile in this format */
} WaExportFormat;

guint                 wa_export_format_get_n  (void);
/* The first is the default. */
const WaExportFormat *wa_export_format_get    (guint index);
/* NULL if no format has this id. */
const WaExportFormat *wa_export_format_lookup (const char *id);
/* The format whose extension ends path, or NULL. */
const WaExportFormat *wa_export_format_for_path (const char *path);
/* The ids joined by separator, in table order: "csv, json". */
char                 *wa_export_format_join_ids (const char *separator);

G_END_DECLS
