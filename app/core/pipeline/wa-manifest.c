/* wa-manifest.c: loads and validates data/sources.manifest (GKeyFile). */
#include "wa-edition.h"
#include "wa-error.h"
#include "wa-file-check.h"
#include "wa-manifest.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#define EDITION_PREFIX "edition "
#define SOURCE_PREFIX  "source "
#define COLUMN_PREFIX  "column."
#define OPTION_PREFIX  "option."

struct _WaManifest {
  char *path;
  GPtrArray *sources;                        /* WaManifestSource*, owned */
  GPtrArray *by_edition[WA_N_EDITIONS];      /* borrowed from sources */
  GHashTable *edition_keys[WA_N_EDITIONS];   /* key -> value */
};

static const char *const required_keys[] = {
  "role", "title", "file", "editions", "publisher", "url", "licence", "attribution", NULL
};
static const char *const plain_keys[] = {
  "role", "title", "file", "layer", "format", "editions", "publisher", "url",
  "repository", "licence", "attribution", "sha256", "records", NULL
};
static const char *const formats[] = {
  "csv", "tsv", "csv-noheader", "gpkg", "geojson", "osm", NULL
};
/* Roles that many sources may serve in one edition. */
static const char *const multi_roles[] = {
  "assets", NULL
};

static void
source_free (WaManifestSource *source)
{
  g_free (source->id);
  g_free (source->role);
  g_free (source->title);
  g_free (source->file);
  g_free (source->layer);
  g_free (source->publisher);
  g_free (source->url);
  g_free (source->licence);
  g_free (source->attribution);
  g_free (source->format);
  g_free (source->sha256);
  g_free (source->manifest_path);
  g_strfreev (source->editions);
  g_clear_pointer (&source->columns, g_hash_table_unref);
  g_clear_pointer (&source->options, g_hash_table_unref);
  g_free (source);
}

void
wa_manifest_free (WaManifest *manifest)
{
  if (manifest == NULL)
    return;
  for (int i = 0; i < WA_N_EDITIONS; i++)
    {
      g_clear_pointer (&manifest->by_edition[i], g_ptr_array_unref);
      g_clear_pointer (&manifest->edition_keys[i], g_hash_table_unref);
    }
  g_clear_pointer (&manifest->sources, g_ptr_array_unref);
  g_free (manifest->path);
  g_free (manifest);
}

const char *
wa_manifest_get_path (WaManifest *manifest)
{
  return manifest->path;
}

/* GLib 2.74 sets its error twice (a warning on stderr) when a value ends
 * in an escape character after an unknown escape, so such values are
 * refused before GLib unescapes them. */
static gboolean
ends_in_lone_backslash (const char *raw)
{
  gsize length = strlen (raw);
  gsize run = 0;

  while (run < length && raw[length - 1 - run] == '\\')
    run++;
  return run % 2 == 1;
}

/* A required non-empty string; error names manifest, section and key. */
static char *
get_string (GKeyFile *file, const char *path, const char *group, const char *key,
            gboolean required, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = NULL;

  if (!g_key_file_has_key (file, group, key, NULL))
    {
      if (required)
        g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                     _("%s: section [%s] lacks the required key “%s”"), path, group, key);
      return NULL;
    }
  value = g_key_file_get_value (file, group, key, NULL);
  if (value != NULL && ends_in_lone_backslash (value))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: section [%s], key “%s” ends in a lone backslash"), path, group, key);
      return NULL;
    }
  g_clear_pointer (&value, g_free);
  value = g_key_file_get_string (file, group, key, &local_error);
  /* GLib 2.74 returns an unknown escape ("\\q") as it stands and sets
   * the error as well: the value is refused, not taken as written. */
  if (value == NULL || local_error != NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: section [%s], key “%s”: %s"), path, group, key, local_error->message);
      return NULL;
    }
  g_strstrip (value);
  if (*value == '\0')
    {
      if (required)
        g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                     _("%s: section [%s], key “%s” is empty"), path, group, key);
      return NULL;
    }
  return g_steal_pointer (&value);
}

static void
set_unknown_edition_error (GError **error, const char *path, const char *group,
                           const char *name)
{
  g_autofree char *choices = wa_edition_list_choices ();

  /* Translators: the manifest file, its section, the edition named there,
   * then the editions this version knows, e.g. "2019 or 2025". */
  g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
               _("%s: section [%s]: unknown edition “%s” (expected %s)"),
               path, group, name, choices);
}

static gboolean
parse_editions (WaManifestSource *source, const char *path, const char *group,
                const char *text, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);
  g_autoptr(GStrvBuilder) editions = g_strv_builder_new ();

  for (char **part = parts; *part != NULL; part++)
    {
      WaEdition edition;

      g_strstrip (*part);
      if (**part == '\0')
        continue;
      if (!wa_edition_from_string (*part, &edition))
        {
          set_unknown_edition_error (error, path, group, *part);
          return FALSE;
        }
      g_strv_builder_add (editions, *part);
    }
  source->editions = g_strv_builder_end (editions);
  if (source->editions[0] == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: section [%s] names no edition"), path, group);
      return FALSE;
    }
  return TRUE;
}

/* column.* and option.* keys, and a check that no other key is misspelt. */
static gboolean
parse_extra_keys (WaManifestSource *source, GKeyFile *file, const char *path,
                  const char *group, GError **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (file, group, NULL, NULL);

  for (char **key = keys; key != NULL && *key != NULL; key++)
    {
      GHashTable *table = NULL;
      const char *name = NULL;
      char *value;

      if (g_str_has_prefix (*key, COLUMN_PREFIX))
        table = source->columns, name = *key + strlen (COLUMN_PREFIX);
      else if (g_str_has_prefix (*key, OPTION_PREFIX))
        table = source->options, name = *key + strlen (OPTION_PREFIX);
      else if (g_strv_contains (plain_keys, *key))
        continue;
      else
        {
          g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                       _("%s: section [%s]: unknown key “%s”"), path, group, *key);
          return FALSE;
        }
      value = get_string (file, path, group, *key, TRUE, error);
      if (value == NULL || *name == '\0')
        {
          if (value != NULL)
            g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                         _("%s: section [%s]: key “%s” lacks a name"), path, group, *key);
          g_free (value);
          return FALSE;
        }
      g_hash_table_replace (table, g_strdup (name), value);
    }
  return TRUE;
}

static gboolean
is_sha256 (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isxdigit (*c) || g_ascii_isupper (*c))
      return FALSE;
  return TRUE;
}

/* "sha256" and "records": what the file held when the manifest was
 * written, so a build can tell a changed or half-saved source. */
static gboolean
parse_fingerprint (WaManifestSource *source, GKeyFile *file, const char *path,
                   const char *group, GError **error)
{
  g_autofree char *records = get_string (file, path, group, "records", FALSE, NULL);
  guint64 count = 0;

  source->records = -1;
  source->sha256 = get_string (file, path, group, "sha256", FALSE, NULL);
  if (source->sha256 != NULL && !is_sha256 (source->sha256))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: section [%s]: sha256 “%s” is not 64 lowercase hexadecimal digits"),
                   path, group, source->sha256);
      return FALSE;
    }
  if (records == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (records, 10, 0, G_MAXINT64, &count, NULL))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: section [%s]: records “%s” is not a whole number"), path, group, records);
      return FALSE;
    }
  source->records = (gint64) count;
  return TRUE;
}

static WaManifestSource *
parse_source (GKeyFile *file, const char *path, const char *group, GError **error)
{
  WaManifestSource *source = g_new0 (WaManifestSource, 1);
  g_autofree char *editions = NULL;

  source->id = g_strstrip (g_strdup (group + strlen (SOURCE_PREFIX)));
  source->manifest_path = g_strdup (path);
  source->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  source->options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (*source->id == '\0')
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: section [%s] has no source id"), path, group);
      goto fail;
    }
  for (const char *const *key = required_keys; *key != NULL; key++)
    if (!g_key_file_has_key (file, group, *key, NULL))
      {
        g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                     _("%s: section [%s] lacks the required key “%s”"), path, group, *key);
        goto fail;
      }

#define REQUIRED(field, key) \
  if ((source->field = get_string (file, path, group, key, TRUE, error)) == NULL) goto fail
  REQUIRED (role, "role");
  REQUIRED (title, "title");
  REQUIRED (file, "file");
  REQUIRED (publisher, "publisher");
  REQUIRED (url, "url");
  REQUIRED (licence, "licence");
  REQUIRED (attribution, "attribution");
#undef REQUIRED
  editions = get_string (file, path, group, "editions", TRUE, error);
  if (editions == NULL || !parse_editions (source, path, group, editions, error))
    goto fail;
  source->layer = get_string (file, path, group, "layer", FALSE, NULL);
  source->format = get_string (file, path, group, "format", FALSE, NULL);
  if (source->format != NULL && !g_strv_contains (formats, source->format))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: section [%s]: unknown format “%s”"), path, group, source->format);
      goto fail;
    }
  if (g_path_is_absolute (source->file))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: section [%s]: file “%s” must be relative to the sources folder"),
                   path, group, source->file);
      goto fail;
    }
  if (!parse_fingerprint (source, file, path, group, error)
      || !parse_extra_keys (source, file, path, group, error))
    goto fail;
  return source;

fail:
  source_free (source);
  return NULL;
}

static gboolean
parse_edition_group (WaManifest *manifest, GKeyFile *file, const char *group, GError **error)
{
  const char *name = group + strlen (EDITION_PREFIX);
  g_auto(GStrv) keys = NULL;
  WaEdition edition;

  if (!wa_edition_from_string (name, &edition))
    {
      set_unknown_edition_error (error, manifest->path, group, name);
      return FALSE;
    }
  keys = g_key_file_get_keys (file, group, NULL, NULL);
  for (char **key = keys; key != NULL && *key != NULL; key++)
    {
      char *value = get_string (file, manifest->path, group, *key, FALSE, error);

      if (value == NULL && error != NULL && *error != NULL)
        return FALSE;
      if (value != NULL)
        g_hash_table_replace (manifest->edition_keys[edition], g_strdup (*key), value);
    }
  return TRUE;
}

gboolean
wa_manifest_role_is_multi (const char *role)
{
  return g_strv_contains (multi_roles, role);
}

static gboolean
add_source (WaManifest *manifest, WaManifestSource *source, GError **error)
{
  g_ptr_array_add (manifest->sources, source);
  for (char **name = source->editions; *name != NULL; name++)
    {
      GPtrArray *list;
      WaEdition edition;

      wa_edition_from_string (*name, &edition);
      list = manifest->by_edition[edition];
      if (g_ptr_array_find (list, source, NULL))
        continue;
      for (guint i = 0; !wa_manifest_role_is_multi (source->role) && i < list->len; i++)
        {
          const WaManifestSource *other = g_ptr_array_index (list, i);

          if (g_strcmp0 (other->role, source->role) == 0)
            {
              g_set_error (error, WA_ERROR, WA_ERROR_DUPLICATE,
                           _("%s: section [source %s]: role “%s” is already served in edition %s by [source %s]"),
                           manifest->path, source->id, source->role, *name, other->id);
              return FALSE;
            }
        }
      g_ptr_array_add (list, source);
    }
  return TRUE;
}

static WaManifest *
manifest_new (const char *path)
{
  WaManifest *manifest = g_new0 (WaManifest, 1);

  manifest->path = g_strdup (path);
  manifest->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  for (int i = 0; i < WA_N_EDITIONS; i++)
    {
      manifest->by_edition[i] = g_ptr_array_new ();
      manifest->edition_keys[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }
  return manifest;
}

/* The manifest is UTF-8 text: names the first line that is not. */
static gboolean
check_utf8 (const char *data, gsize length, const char *name, GError **error)
{
  const char *end = NULL;
  guint line = 1;

  if (g_utf8_validate_len (data, length, &end))
    return TRUE;
  for (const char *p = data; p < end; p++)
    line += *p == '\n';
  g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
               _("%s: line %u is not UTF-8 text (%s); save the manifest as UTF-8"),
               name, line, *end == '\0' ? _("a NUL byte") : _("an invalid byte sequence"));
  return FALSE;
}

WaManifest *
wa_manifest_load_data (const char *data, gssize length, const char *name, GError **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(WaManifest) manifest = manifest_new (name);
  g_auto(GStrv) groups = NULL;

  if (length < 0)
    length = strlen (data);
  /* GKeyFile checks values but not key names; every message quotes them. */
  if (!check_utf8 (data, length, name, error))
    return NULL;
  if (!g_key_file_load_from_data (file, data, length, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: not a valid manifest: %s"), name, local_error->message);
      return NULL;
    }

  groups = g_key_file_get_groups (file, NULL);
  for (char **group = groups; *group != NULL; group++)
    {
      if (g_str_has_prefix (*group, EDITION_PREFIX))
        {
          if (!parse_edition_group (manifest, file, *group, error))
            return NULL;
        }
      else if (g_str_has_prefix (*group, SOURCE_PREFIX))
        {
          WaManifestSource *source = parse_source (file, name, *group, error);

          if (source == NULL || !add_source (manifest, source, error))
            return NULL;
        }
      else
        {
          g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                       _("%s: unknown section [%s] (expected [edition …] or [source …])"),
                       name, *group);
          return NULL;
        }
    }
  if (manifest->sources->len == 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: the manifest lists no sources"), name);
      return NULL;
    }
  return g_steal_pointer (&manifest);
}

WaManifest *
wa_manifest_load (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  /* Reading a FIFO would wait for a writer that never comes. */
  if (!wa_check_regular_file (path, error))
    return NULL;
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: cannot read the manifest: %s"), path, local_error->message);
      return NULL;
    }
  return wa_manifest_load_data (contents, length, path, error);
}

GPtrArray *
wa_manifest_get_sources (WaManifest *manifest, WaEdition edition)
{
  g_return_val_if_fail (edition < WA_N_EDITIONS, NULL);
  return manifest->by_edition[edition];
}

static const WaManifestSource *
find_role (WaManifest *manifest, WaEdition edition, const char *role, guint *out_count)
{
  const WaManifestSource *found = NULL;
  GPtrArray *list = manifest->by_edition[edition];

  *out_count = 0;
  for (guint i = 0; i < list->len; i++)
    {
      const WaManifestSource *source = g_ptr_array_index (list, i);

      if (g_strcmp0 (source->role, role) == 0)
        {
          found = source;
          (*out_count)++;
        }
    }
  return found;
}

const WaManifestSource *
wa_manifest_find_role (WaManifest *manifest, WaEdition edition, const char *role, GError **error)
{
  guint count;
  const WaManifestSource *source;

  g_return_val_if_fail (edition < WA_N_EDITIONS, NULL);
  source = find_role (manifest, edition, role, &count);
  if (count == 1)
    return source;
  if (count == 0)
    g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                 _("%s: no source with role “%s” for edition %s"),
                 manifest->path, role, wa_edition_to_string (edition));
  else
    g_set_error (error, WA_ERROR, WA_ERROR_DUPLICATE,
                 _("%s: %u sources with role “%s” for edition %s"),
                 manifest->path, count, role, wa_edition_to_string (edition));
  return NULL;
}

const WaManifestSource *
wa_manifest_find_optional_role (WaManifest *manifest, WaEdition edition, const char *role)
{
  guint count;
  const WaManifestSource *source;

  g_return_val_if_fail (edition < WA_N_EDITIONS, NULL);
  source = find_role (manifest, edition, role, &count);
  return count == 1 ? source : NULL;
}

const char *
wa_manifest_get_edition_key (WaManifest *manifest, WaEdition edition, const char *key)
{
  g_return_val_if_fail (edition < WA_N_EDITIONS, NULL);
  return g_hash_table_lookup (manifest->edition_keys[edition], key);
}

const char *
wa_manifest_source_column (const WaManifestSource *source, const char *name, GError **error)
{
  const char *header = g_hash_table_lookup (source->columns, name);

  if (header == NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                 _("%s: section [source %s] (%s) has no “column.%s” key"),
                 source->manifest_path, source->id, source->file, name);
  return header;
}

const char *
wa_manifest_source_optional_column (const WaManifestSource *source, const char *name)
{
  return g_hash_table_lookup (source->columns, name);
}

const char *
wa_manifest_source_option (const WaManifestSource *source, const char *name)
{
  return g_hash_table_lookup (source->options, name);
}
