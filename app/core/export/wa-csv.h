/* wa-csv.h: the one CSV quoter, shared by every CSV the app and the CLI
 * write (ranking tables, ward profiles, asset figures).
 *
 * Fields are separated by commas and rows end in "\n". A field is put in
 * double quotes, with its quotes doubled, when it holds a comma, a quote,
 * a semicolon, a tab or a line break: the same rule as GDAL's CSV driver
 * (which reads the files back in the tests) and as spreadsheets expect.
 * A missing value (NULL) is an empty field. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean wa_csv_needs_quoting (const char *text);
/* Appends text, quoted if it needs to be. */
void     wa_csv_append_field  (GString *out, const char *text);
/* Appends the fields separated by commas, then "\n". */
void     wa_csv_append_row    (GString *out, const char * const *fields, gsize n_fields);

G_END_DECLS
