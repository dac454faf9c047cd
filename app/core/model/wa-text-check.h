/* wa-text-check.h: a quick pass over a delimited text file before GDAL
 * reads it, so files people edit in spreadsheets fail with a message that
 * says what is wrong (empty, binary, a runaway line, an unknown separator)
 * instead of a GDAL error or a huge allocation. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longest line accepted in a table: real tables stay under 2 KB a line; a
 * longer line is a damaged file or a missing closing quote. */
#define WA_TEXT_MAX_LINE (1024 * 1024)

/* Reads path (gzip-compressed when it ends in ".gz") in small blocks.
 * Fails with WA_ERROR_PARSE naming the file (and line) when it is empty,
 * holds NUL bytes, or has a line longer than WA_TEXT_MAX_LINE. */
gboolean wa_text_check_table (const char *path, GError **error);

/* Why a table whose first line is header may have failed to open: a
 * sentence naming the separator it seems to use, or NULL. */
char    *wa_text_describe_separator (const char *path);

G_END_DECLS
