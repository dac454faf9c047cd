/* wa-export-format.c: the table of profile formats and its lookups. */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "wa-export-format.h"
#include "wa-ward-profile.h"

static GBytes *
produce_json (WaAtlas *atlas, WaWard *ward, GError **error)
{
  return wa_ward_profile_to_json (atlas, ward);
}

static const WaExportFormat formats[] = {
  { "csv", "csv", "text/csv", N_("CSV files"), "_CSV", wa_ward_profile_to_csv },
  { "json", "json", "application/json", N_("JSON files"), "_JSON", produce_json },
};

guint
wa_export_format_get_n (void)
{
  return G_N_ELEMENTS (formats);
}

const WaExportFormat *
wa_export_format_get (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (formats), NULL);

  return &formats[index];
}

const WaExportFormat *
wa_export_format_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (formats[i].id, id))
      return &formats[i];
  return NULL;
}

const WaExportFormat *
wa_export_format_for_path (const char *path)
{
  const char *dot = path != NULL ? strrchr (path, '.') : NULL;

  for (guint i = 0; dot != NULL && i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (dot + 1, formats[i].extension))
      return &formats[i];
  return NULL;
}

char *
wa_export_format_join_ids (const char *separator)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? separator : "", formats[i].id);
  return g_string_free (ids, FALSE);
}
