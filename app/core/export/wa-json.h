/* wa-json.h: JSON written for people's tools, through json-glib.
 *
 * Every JSON file and every JSON the CLI prints is built with a
 * JsonBuilder and these helpers, so that missing values are null the same
 * way everywhere, numbers keep the precision the other formats print, and
 * the same figure has the same key in every file: an asset category's
 * figures are always written by wa_json_add_asset_stat. */
#pragma once

#include <json-glib/json-glib.h>

#include "wa-asset.h"

G_BEGIN_DECLS

/* In each helper, key is the member name inside an object, or NULL for an
 * element of an array. */
void    wa_json_add_string (JsonBuilder *builder, const char *key, const char *value); /* NULL: null */
void    wa_json_add_int    (JsonBuilder *builder, const char *key, gint64 value);
void    wa_json_add_count  (JsonBuilder *builder, const char *key, guint value);       /* 0: null */
/* For figures where -1 means unknown (population): negative is null. */
void    wa_json_add_known  (JsonBuilder *builder, const char *key, gint64 value);
void    wa_json_add_bool   (JsonBuilder *builder, const char *key, gboolean value);
void    wa_json_add_null   (JsonBuilder *builder, const char *key);
/* An array of strings under key, e.g. the sources' attributions. */
void    wa_json_add_strv   (JsonBuilder *builder, const char *key, const char *const *values);
/* NAN is null; the value is rounded as printf_format (e.g. "%.4f") would
 * print it, so JSON readers get the figure the CSV and the table show. */
void    wa_json_add_number (JsonBuilder *builder, const char *key, double value,
                            const char *printf_format);

/* An asset category's figures for a ward (rates per 1,000 residents, with
 * four decimals) as an object: category, domain, covered, count,
 * rate_per_1000, england_median, left_behind_median, similar_median,
 * n_similar, coverage. */
void    wa_json_add_asset_stat (JsonBuilder *builder, const char *key, WaAssets *assets,
                                const WaAssetStat *stat);

/* The builder's document, indented by two spaces, ending in "\n". */
char   *wa_json_to_string (JsonBuilder *builder);
GBytes *wa_json_to_bytes  (JsonBuilder *builder);

G_END_DECLS
