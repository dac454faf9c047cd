/* wa-pack-stamp.c: the cache of verified packs (see wa-pack-stamp.h).
 *
 * The file holds one line per pack, tab-separated:
 *   canonical path, size, mtime (ns), device, inode, fingerprint
 * It is replaced atomically (g_file_set_contents writes a temporary file
 * and renames it), so a reader never sees half a line; two commands
 * stamping at once can lose one entry, which only costs a check. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wa-error.h"
#include "wa-pack-check.h"
#include "wa-pack-stamp.h"

#define STAMP_FIELDS 6
/* File systems stamp times from a coarse clock (a few milliseconds): a
 * file changed in place just after it was checked can keep its mtime. As
 * git does for its index, a file modified this recently is never stamped,
 * so a later change cannot hide behind an unchanged mtime. */
#define SETTLED_SECONDS 2
/* Old packs' entries are dropped beyond this many, oldest first. */
#define MAX_STAMPS 64

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
wa_pack_stamp_fingerprint (GHashTable *metadata)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, metadata);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, WA_PACK_META_LAYER_ROWS_PREFIX)
        || g_str_has_prefix (key, WA_PACK_META_LAYER_SHA256_PREFIX)
        || g_str_has_prefix (key, WA_PACK_META_LAYER_READ_SHA256_PREFIX))
      g_ptr_array_add (keys, key);
  if (keys->len == 0)
    return NULL;   /* a pack without fingerprints is never stamped */
  g_ptr_array_sort (keys, compare_strings);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *value = g_hash_table_lookup (metadata, g_ptr_array_index (keys, i));

      g_checksum_update (sum, g_ptr_array_index (keys, i), -1);
      g_checksum_update (sum, (const guchar *) "=", 1);
      g_checksum_update (sum, (const guchar *) (value != NULL ? value : ""), -1);
      g_checksum_update (sum, (const guchar *) "\n", 1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static char *
stamp_file (void)
{
  return g_build_filename (g_get_user_cache_dir (), "ward-atlas", "verified-packs", NULL);
}

/* The line that would describe PATH as it is now, without the
 * fingerprint; NULL if it cannot be stat'ed or is not a regular file.
 * *settled: whether it was last modified long enough ago to be stamped. */
static char *
identity (const char *path, gboolean *settled)
{
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  g_autofree char *real = realpath (canonical, NULL);
  struct stat st;

  if (real == NULL || stat (real, &st) != 0 || !S_ISREG (st.st_mode) || strchr (real, '\n') != NULL
      || strchr (real, '\t') != NULL)
    return NULL;
  if (settled != NULL)
    *settled = g_get_real_time () / G_USEC_PER_SEC - (gint64) st.st_mtim.tv_sec >= SETTLED_SECONDS;
  return g_strdup_printf ("%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "%09ld\t%" G_GUINT64_FORMAT
                          "\t%" G_GUINT64_FORMAT, real, (gint64) st.st_size,
                          (gint64) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec,
                          (guint64) st.st_dev, (guint64) st.st_ino);
}

static char **
read_lines (void)
{
  g_autofree char *file = stamp_file ();
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (file, &contents, NULL, NULL))
    return g_new0 (char *, 1);
  return g_strsplit (contents, "\n", -1);
}

gboolean
wa_pack_stamp_matches (const char *path, const char *fingerprint)
{
  g_autofree char *id = NULL;
  g_autofree char *wanted = NULL;
  g_auto(GStrv) lines = NULL;

  if (fingerprint == NULL || (id = identity (path, NULL)) == NULL)
    return FALSE;
  wanted = g_strdup_printf ("%s\t%s", id, fingerprint);
  lines = read_lines ();
  for (guint i = 0; lines[i] != NULL; i++)
    if (strcmp (lines[i], wanted) == 0)
      return TRUE;
  return FALSE;
}

/* The path field of a line (up to the first tab). */
static gboolean
same_path (const char *line, const char *id)
{
  const char *tab = strchr (id, '\t');

  return strncmp (line, id, tab - id + 1) == 0;
}

gboolean
wa_pack_stamp_record (const char *path, const char *fingerprint, GError **error)
{
  gboolean settled = FALSE;
  g_autofree char *id = identity (path, &settled);
  g_autofree char *file = stamp_file ();
  g_autofree char *dir = g_path_get_dirname (file);
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  guint n = 0, kept = 0;

  if (id == NULL || fingerprint == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot record as verified"), path);
      return FALSE;
    }
  if (!settled)
    return TRUE;   /* checked again next time: see SETTLED_SECONDS */
  lines = read_lines ();
  for (guint i = 0; lines[i] != NULL; i++)
    n += *lines[i] != '\0' && !same_path (lines[i], id);
  /* Keep the newest MAX_STAMPS - 1 other entries, in order. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (*lines[i] == '\0' || same_path (lines[i], id))
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (fields) == STAMP_FIELDS && n - kept++ < MAX_STAMPS)
        g_string_append_printf (out, "%s\n", lines[i]);
    }
  g_string_append_printf (out, "%s\t%s\n", id, fingerprint);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot create the folder"), dir);
      return FALSE;
    }
  return g_file_set_contents (file, out->str, out->len, error);
}
