/* wa-output-path.h: may this command write to that path?
 *
 * Every output is checked before anything is written, because the safe
 * write renames a temporary file over whatever the path names: a device
 * node would be replaced by a regular file, an input CSV by a pack.
 *   - only a regular file or a path that does not exist yet;
 *   - never a file that is an input of the same command (same device and
 *     inode, whatever the spelling of the path);
 *   - an existing file whose contents are not of the kind being written
 *     (a CSV where a pack goes) is replaced only with force, and the
 *     message says what it would replace. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  WA_OUTPUT_PACK,   /* a GeoPackage */
  WA_OUTPUT_PDF,
  WA_OUTPUT_PNG,
  WA_OUTPUT_TEXT,   /* CSV, JSON or plain text */
} WaOutputKind;

/* What the file at PATH looks like, in words ("a GeoPackage", "a PDF
 * document", "a PNG image", "a text file", "an empty file", "a binary
 * file"): for messages. Free with g_free. */
char     *wa_output_path_describe (const char *path);

/* TRUE when PATH may be written as KIND. INPUTS (NULL-terminated, may be
 * NULL) are the files the command reads. FORCE allows replacing a regular
 * file of another kind, never a special file or an input. */
gboolean  wa_output_path_check    (const char         *path,
                                   WaOutputKind        kind,
                                   const char *const  *inputs,
                                   gboolean            force,
                                   GError            **error);

G_END_DECLS
