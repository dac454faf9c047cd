/* wa-digest.h: SHA-256 of a stream written in many small pieces.
 *
 * The pack's layer fingerprints hash every column of every row: millions
 * of writes of a byte or eight. GLib's GChecksum is plain C (about 360 MB/s
 * here) and pays its call on each piece; the pack check of the 10x pack
 * spent 60 % of its 1.5 s in it. WaDigest gathers small pieces into a
 * buffer and hashes with OpenSSL, which uses the CPU's SHA instructions
 * where it has them (1.7 GB/s here). The digest is the same SHA-256. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _WaDigest WaDigest;

WaDigest *wa_digest_new    (void);
void      wa_digest_update (WaDigest *digest, const void *data, gsize length);
/* The digest of everything written, as lowercase hex; after it, DIGEST
 * can only be freed.
 * NULL only if OpenSSL failed part-way (callers report it as an error). */
char     *wa_digest_finish (WaDigest *digest);
void      wa_digest_free   (WaDigest *digest);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaDigest, wa_digest_free)

G_END_DECLS
