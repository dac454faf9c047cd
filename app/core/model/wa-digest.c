/* wa-digest.c: buffered SHA-256 (see wa-digest.h). */
#include "wa-digest.h"

#include <string.h>
#include <openssl/evp.h>

/* Big enough that OpenSSL's per-call cost vanishes, small enough for L1. */
#define BUFFER_SIZE (16 * 1024)

struct _WaDigest {
  EVP_MD_CTX *context;   /* NULL when OpenSSL refused SHA-256: then ... */
  GChecksum  *fallback;  /* ... GLib's, which gives the same digest */
  gboolean    failed;    /* OpenSSL failed part-way: no digest at all */
  gsize       used;
  guchar      buffer[BUFFER_SIZE];
};

WaDigest *
wa_digest_new (void)
{
  WaDigest *digest = g_new (WaDigest, 1);

  digest->used = 0;
  digest->failed = FALSE;
  digest->fallback = NULL;
  digest->context = EVP_MD_CTX_new ();
  if (digest->context == NULL || EVP_DigestInit_ex (digest->context, EVP_sha256 (), NULL) != 1)
    {
      g_clear_pointer (&digest->context, EVP_MD_CTX_free);
      digest->fallback = g_checksum_new (G_CHECKSUM_SHA256);
    }
  return digest;
}

static void
hash (WaDigest *digest, const void *data, gsize length)
{
  if (length == 0 || digest->failed)
    return;
  if (digest->context != NULL)
    digest->failed = EVP_DigestUpdate (digest->context, data, length) != 1;
  else
    g_checksum_update (digest->fallback, data, length);
}

static void
flush (WaDigest *digest)
{
  hash (digest, digest->buffer, digest->used);
  digest->used = 0;
}

void
wa_digest_update (WaDigest *digest, const void *data, gsize length)
{
  g_return_if_fail (digest != NULL);

  if (digest->used + length > BUFFER_SIZE)
    flush (digest);
  if (length >= BUFFER_SIZE)
    hash (digest, data, length);
  else if (length > 0)
    {
      memcpy (digest->buffer + digest->used, data, length);
      digest->used += length;
    }
}

char *
wa_digest_finish (WaDigest *digest)
{
  unsigned char bytes[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  GString *hex;

  g_return_val_if_fail (digest != NULL, NULL);

  flush (digest);
  if (digest->fallback != NULL)
    return g_strdup (g_checksum_get_string (digest->fallback));
  if (digest->failed || EVP_DigestFinal_ex (digest->context, bytes, &size) != 1)
    return NULL;
  hex = g_string_sized_new (2 * size + 1);
  for (unsigned int i = 0; i < size; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  return g_string_free (hex, FALSE);
}

void
wa_digest_free (WaDigest *digest)
{
  if (digest == NULL)
    return;
  g_clear_pointer (&digest->context, EVP_MD_CTX_free);
  g_clear_pointer (&digest->fallback, g_checksum_free);
  g_free (digest);
}
