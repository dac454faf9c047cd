/* wa-file-check.h: is this path a file we may open?
 *
 * open() on a FIFO blocks until a writer comes, so every path a user gives
 * (a pack, a manifest, a source, a list) is checked with stat() first. */
#pragma once

#include <sys/types.h>
#include <glib.h>

G_BEGIN_DECLS

/* "a folder", "a named pipe (FIFO)", "a socket", "a device": for messages. */
const char *wa_file_type_describe (mode_t mode);

/* Refuses anything but a regular file, naming PATH and what it is instead
 * (WA_ERROR_IO). Follows symbolic links. */
gboolean    wa_check_regular_file (const char *path, GError **error);

G_END_DECLS
