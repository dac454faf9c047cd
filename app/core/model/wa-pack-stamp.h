/* wa-pack-stamp.h: "this exact file already passed the integrity check".
 *
 * Checking a pack's layer digests costs a tenth of a second of two cores
 * (the 10x pack: 0.4 s), more than a one-off command's whole budget. After a pack passes, its identity is
 * recorded in the user's cache (g_get_user_cache_dir ()/ward-atlas/
 * verified-packs): canonical path, size, modification time in nanoseconds,
 * device, inode and a digest of the fingerprints its metadata records. A
 * later open that finds the same file unchanged may skip the check; any
 * change to the file (a copy, a rewrite, a touch, damage in place that
 * changes its mtime) no longer matches, and the check runs again. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A digest of the "layer_rows:" and "layer_sha256:" entries of a pack's
 * metadata (key -> value): what the builder recorded for this pack. */
char     *wa_pack_stamp_fingerprint (GHashTable *metadata);

/* TRUE if PATH, as it is on disk now, was recorded as verified with
 * FINGERPRINT. Never fails: anything unreadable is "not verified". */
gboolean  wa_pack_stamp_matches     (const char *path, const char *fingerprint);

/* Records PATH, as it is on disk now, as verified with FINGERPRINT; a file
 * modified in the last two seconds is not recorded (its next change could
 * keep the same mtime on a coarse file-system clock) and is simply checked
 * again next time. A
 * cache that cannot be written only costs the next open a check, so the
 * failure is returned for the caller to ignore or report. */
gboolean  wa_pack_stamp_record      (const char *path, const char *fingerprint, GError **error);

G_END_DECLS
