/* wa-build-verify.c: a pack is built only from the sources its figures
 * were checked against, and replaces the old pack only once it has been
 * opened and checked the way the app opens it.
 *
 * A spreadsheet saved half-way still parses: the IMD table cut at 60 %
 * built a pack with 199 left-behind wards instead of 225 and exit 0. So
 * before any step reads a file, its SHA-256 is compared with the one the
 * manifest records; after the steps, the records each source gave are
 * compared with the manifest's count. --accept-changed-sources builds
 * anyway (a new release of a source), reporting every difference in the
 * build log and in the pack's metadata ("changed_sources"). */
#include "wa-build-private.h"
#include "wa-atlas.h"
#include "wa-digest.h"
#include "wa-error.h"
#include "wa-file-check.h"
#include "wa-pack-check.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#define HASH_BLOCK (1 << 16)

static char *
file_sha256 (const char *path, GError **error)
{
  g_autoptr(WaDigest) sum = wa_digest_new ();
  g_autofree guchar *block = g_malloc (HASH_BLOCK);
  char *hex;
  gssize n;
  int fd;

  if (!wa_check_regular_file (path, error))
    return NULL;
  fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, WA_ERROR, WA_ERROR_IO, "%s: %s", path, g_strerror (saved));
      return NULL;
    }
  while ((n = read (fd, block, HASH_BLOCK)) > 0)
    wa_digest_update (sum, block, n);
  if (n < 0)
    {
      int saved = errno;
      close (fd);
      g_set_error (error, WA_ERROR, WA_ERROR_IO, "%s: %s", path, g_strerror (saved));
      return NULL;
    }
  close (fd);
  if ((hex = wa_digest_finish (sum)) == NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: OpenSSL failed to compute its SHA-256"), path);
  return hex;
}

static void
note_change (WaBuildContext *ctx, char *message)
{
  wa_build_report (ctx, "%s", message);
  g_ptr_array_add (ctx->changed_sources, message);
}

static gboolean
check_source_file (WaBuildContext *ctx, const WaManifestSource *source, GError **error)
{
  g_autofree char *path = wa_build_source_path (ctx, source);
  g_autofree char *sha256 = NULL;

  if (source->sha256 == NULL)
    return TRUE;
  sha256 = file_sha256 (path, error);
  if (sha256 == NULL)
    return FALSE;
  if (g_strcmp0 (sha256, source->sha256) == 0)
    {
      /* The very file the figures were checked against: its format quirks
       * (two published tables end without a line break) are known. */
      if (ctx->verified_sources == NULL)
        ctx->verified_sources = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_add (ctx->verified_sources, source->id);
      return TRUE;
    }
  if (ctx->accept_changed_sources)
    {
      note_change (ctx, g_strdup_printf (_("%s (source %s) has changed: SHA-256 %s, the manifest records %s"),
                                         path, source->id, sha256, source->sha256));
      return TRUE;
    }
  g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
               _("%s (source %s) is not the file the manifest records (SHA-256 %s, expected %s): "
                 "it may be a new release, or a copy cut short or edited; check it, or build "
                 "from it anyway with --accept-changed-sources"),
               path, source->id, sha256, source->sha256);
  return FALSE;
}

gboolean
wa_build_check_sources (WaBuildContext *ctx,
                        GError        **error)
{
  GPtrArray *sources = wa_manifest_get_sources (ctx->manifest, ctx->edition);

  for (guint i = 0; i < sources->len; i++)
    {
      const WaManifestSource *source = sources->pdata[i];

      if (ctx->skip_postcodes && g_strcmp0 (source->role, "postcodes") == 0)
        continue;
      if (!check_source_file (ctx, source, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
wa_build_check_records (WaBuildContext *ctx,
                        GError        **error)
{
  GPtrArray *sources = wa_manifest_get_sources (ctx->manifest, ctx->edition);

  for (guint i = 0; i < sources->len; i++)
    {
      const WaManifestSource *source = sources->pdata[i];
      const gint64 *read = g_hash_table_lookup (ctx->records, source->id);
      g_autofree char *got = NULL;
      g_autofree char *want = NULL;

      /* Not read by this build (postcodes skipped), or nothing recorded. */
      if (read == NULL || source->records < 0 || *read == source->records)
        continue;
      /* Counts as text: G_GINT64_FORMAT inside _() would split the msgid. */
      got = g_strdup_printf ("%" G_GINT64_FORMAT, *read);
      want = g_strdup_printf ("%" G_GINT64_FORMAT, source->records);
      if (ctx->accept_changed_sources)
        {
          note_change (ctx, g_strdup_printf (_("Source %s gave %s records; the manifest records %s"),
                                             source->id, got, want));
          continue;
        }
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("Source %s gave %s records where the manifest records %s: the file is "
                     "cut short or has changed; check it, or build from it anyway with "
                     "--accept-changed-sources"),
                   source->id, got, want);
      return FALSE;
    }
  return TRUE;
}

char *
wa_build_describe_changes (WaBuildContext *ctx)
{
  GString *text;

  if (ctx->changed_sources->len == 0)
    return NULL;
  text = g_string_new (ctx->changed_sources->pdata[0]);
  for (guint i = 1; i < ctx->changed_sources->len; i++)
    g_string_append_printf (text, "\n%s", (const char *) ctx->changed_sources->pdata[i]);
  return g_string_free (text, FALSE);
}

gboolean
wa_build_seal_pack (WaBuildContext *ctx,
                    GError        **error)
{
  g_autoptr(GPtrArray) fingerprints = wa_pack_fingerprint (ctx->tmp_path, error);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;

  if (fingerprints == NULL || !wa_pack_store_fingerprint (ctx->tmp_path, fingerprints, error))
    return FALSE;
  /* The app's own reader, checks and all: a pack it would refuse never
   * replaces one it can open. Its ranks are then stored for one-off
   * answers (wa-build-ward-ranks.c), the pack fingerprinted again and
   * opened again, which checks the stored ranks against its own. */
  atlas = wa_atlas_open (ctx->tmp_path, &local_error);
  if (atlas != NULL)
    {
      g_clear_pointer (&fingerprints, g_ptr_array_unref);
      if (!wa_build_store_ward_ranks (ctx->tmp_path, atlas, error)
          || (fingerprints = wa_pack_fingerprint (ctx->tmp_path, error)) == NULL
          || !wa_pack_store_fingerprint (ctx->tmp_path, fingerprints, error))
        return FALSE;
      g_clear_object (&atlas);
      atlas = wa_atlas_open (ctx->tmp_path, &local_error);
    }
  if (atlas == NULL)
    {
      g_set_error (error, WA_ERROR, local_error->code,
                   _("The new pack failed its check, so %s was left as it was: %s"),
                   ctx->output_path, local_error->message);
      return FALSE;
    }
  return TRUE;
}
