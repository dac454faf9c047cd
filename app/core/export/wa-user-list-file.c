/* wa-user-list-file.c: the user's lists on disk (wa-user-list.h, "stored
 * lists"). One GeoJSON FeatureCollection per list, DIR/ID.geojson:
 *
 *   { "type": "FeatureCollection",
 *     "ward_atlas_list": { "version": 1, "id", "name", "shape", "rgb"
 *                          ("#rrggbb"), "source", "created" (ISO 8601),
 *                          "report": { "rows", "located", "not_found",
 *                                      "outside", "no_position",
 *                                      "not_found_postcodes": [...] } },
 *     "features": [ { "type": "Feature",
 *                     "geometry": { "type": "Point", "coordinates": [lon, lat] },
 *                     "properties": { "name", "postcode" } }, ... ] }
 *
 * Any GIS reads it as points; only the points are stored, never wards,
 * so a list is assigned again to the wards of whichever pack is open.
 * Written whole through wa-safe-write; read with json-glib, and a file
 * that fails any check is skipped whole and named. */
#include "wa-user-list.h"
#include "wa-error.h"
#include "wa-json.h"
#include "wa-safe-write.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#define LIST_MEMBER "ward_atlas_list"
#define LIST_VERSION 1
#define LIST_SUFFIX ".geojson"

char *
wa_user_lists_default_dir (void)
{
  const char *dir = g_getenv ("WARD_ATLAS_LISTS_DIR");

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);
  return g_build_filename (g_get_user_data_dir (), "ward-atlas", "lists", NULL);
}

static char *
list_path (const char *dir, const char *id)
{
  g_autofree char *file = g_strconcat (id, LIST_SUFFIX, NULL);

  return g_build_filename (dir, file, NULL);
}

/* A stored list keeps its id (a rename or a re-save replaces its file); a
 * new one takes the first of "id", "id-2", "id-3"... whose file is free. */
static char *
unique_id (WaUserList *list, const char *dir)
{
  g_autofree char *base = wa_user_list_slug (wa_user_list_get_id (list));

  if (wa_user_list_get_stored (list))
    return g_strdup (wa_user_list_get_id (list));
  for (guint n = 1; n < 10000; n++)
    {
      g_autofree char *id = n == 1 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);
      g_autofree char *path = list_path (dir, id);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&id);
    }
  return g_strdup_printf ("%s-%" G_GINT64_FORMAT, base, g_get_real_time ());
}

static GBytes *
list_to_geojson (WaUserList *list)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const WaUserListReport *report = wa_user_list_get_report (list);
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_utc (wa_user_list_get_created (list));
  g_autofree char *iso = created != NULL ? g_date_time_format_iso8601 (created) : NULL;
  g_autofree char *rgb = g_strdup_printf ("#%06x", wa_user_list_get_rgb (list));

  json_builder_begin_object (builder);
  wa_json_add_string (builder, "type", "FeatureCollection");
  json_builder_set_member_name (builder, LIST_MEMBER);
  json_builder_begin_object (builder);
  wa_json_add_int (builder, "version", LIST_VERSION);
  wa_json_add_string (builder, "id", wa_user_list_get_id (list));
  wa_json_add_string (builder, "name", wa_user_list_get_name (list));
  wa_json_add_int (builder, "shape", wa_user_list_get_shape (list));
  wa_json_add_string (builder, "rgb", rgb);
  wa_json_add_string (builder, "source", wa_user_list_get_source (list));
  wa_json_add_string (builder, "created", iso);
  json_builder_set_member_name (builder, "report");
  json_builder_begin_object (builder);
  wa_json_add_int (builder, "rows", report->n_rows);
  wa_json_add_int (builder, "located", report->n_located);
  wa_json_add_int (builder, "not_found", report->n_not_found);
  wa_json_add_int (builder, "outside", report->n_outside);
  wa_json_add_int (builder, "no_position", report->n_no_position);
  json_builder_set_member_name (builder, "not_found_postcodes");
  json_builder_begin_array (builder);
  for (char **p = report->not_found; p != NULL && *p != NULL; p++)
    wa_json_add_string (builder, NULL, *p);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "features");
  json_builder_begin_array (builder);
  for (guint i = 0; i < wa_user_list_get_n_places (list); i++)
    {
      const WaUserPlace *place = wa_user_list_get_place (list, i);

      json_builder_begin_object (builder);
      wa_json_add_string (builder, "type", "Feature");
      json_builder_set_member_name (builder, "geometry");
      json_builder_begin_object (builder);
      wa_json_add_string (builder, "type", "Point");
      json_builder_set_member_name (builder, "coordinates");
      json_builder_begin_array (builder);
      /* 7 decimals: about a centimetre, as wa-user-table reads them. */
      wa_json_add_number (builder, NULL, place->lon, "%.7f");
      wa_json_add_number (builder, NULL, place->lat, "%.7f");
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "properties");
      json_builder_begin_object (builder);
      wa_json_add_string (builder, "name", place->name);
      wa_json_add_string (builder, "postcode", place->postcode);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return wa_json_to_bytes (builder);
}

gboolean
wa_user_list_save (WaUserList *list, const char *dir, GError **error)
{
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (list != NULL && dir != NULL, FALSE);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot create the folder: %s"), dir,
                   g_strerror (saved));
      return FALSE;
    }
  id = unique_id (list, dir);
  path = list_path (dir, id);
  /* The id goes into the file: set it first, back if writing fails. */
  {
    g_autofree char *old_id = g_strdup (wa_user_list_get_id (list));
    gsize len;
    const void *data;

    wa_user_list_set_id (list, id);
    bytes = list_to_geojson (list);
    data = g_bytes_get_data (bytes, &len);
    if (!wa_safe_write_bytes (path, data, len, TRUE, error))
      {
        wa_user_list_set_id (list, old_id);
        return FALSE;
      }
  }
  wa_user_list_set_stored (list, TRUE);
  return TRUE;
}

/* ---- loading ------------------------------------------------------------------- */

static gboolean
get_int (JsonObject *object, const char *member, gint64 *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_double (JsonNode *node, double *out)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else
    return FALSE;
  return isfinite (*out);
}

static const char *
get_string (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
places_clear (gpointer data)
{
  WaUserPlace *place = data;

  g_free (place->name);
  g_free (place->postcode);
}

static WaUserList *
load_one (WaAtlas *atlas, const char *path, const char *file_id, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(GArray) places = g_array_new (FALSE, TRUE, sizeof (WaUserPlace));
  g_autoptr(GPtrArray) not_found = g_ptr_array_new ();
  WaUserListReport report = { 0 };
  JsonNode *root;
  JsonObject *object, *meta, *report_object;
  JsonArray *features, *missing;
  const char *name, *rgb_text, *created_text;
  gint64 version, shape, value;
  gint64 created = 0;
  WaUserList *list;

  g_array_set_clear_func (places, places_clear);
  if (!json_parser_load_from_file (parser, path, &local))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE, _("%s: not a readable list (%s)"), path,
                   local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || (object = json_node_get_object (root)) == NULL
      || !json_object_has_member (object, LIST_MEMBER)
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, LIST_MEMBER))
      || !json_object_has_member (object, "features")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "features")))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: not a Ward Atlas list (no “%s” or no features)"), path, LIST_MEMBER);
      return NULL;
    }
  meta = json_object_get_object_member (object, LIST_MEMBER);
  features = json_object_get_array_member (object, "features");
  if (!get_int (meta, "version", &version) || version != LIST_VERSION)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_SCHEMA,
                   _("%s: a list of another version; import its table again"), path);
      return NULL;
    }
  name = get_string (meta, "name");
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE, _("%s: the list has no name"), path);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonNode *node = json_array_get_element (features, i);
      JsonObject *feature = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *geometry = NULL, *properties = NULL;
      JsonArray *coordinates = NULL;
      WaUserPlace place = { 0 };

      if (feature != NULL && json_object_has_member (feature, "geometry")
          && JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "geometry")))
        geometry = json_object_get_object_member (feature, "geometry");
      if (feature != NULL && json_object_has_member (feature, "properties")
          && JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "properties")))
        properties = json_object_get_object_member (feature, "properties");
      if (geometry != NULL && g_strcmp0 (get_string (geometry, "type"), "Point") == 0
          && json_object_has_member (geometry, "coordinates")
          && JSON_NODE_HOLDS_ARRAY (json_object_get_member (geometry, "coordinates")))
        coordinates = json_object_get_array_member (geometry, "coordinates");
      if (coordinates == NULL || json_array_get_length (coordinates) < 2
          || !get_double (json_array_get_element (coordinates, 0), &place.lon)
          || !get_double (json_array_get_element (coordinates, 1), &place.lat))
        {
          g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                       _("%s: feature %u is not a point with coordinates"), path, i + 1);
          return NULL;
        }
      place.name = g_strdup (get_string (properties, "name"));
      place.postcode = g_strdup (get_string (properties, "postcode"));
      g_array_append_val (places, place);
    }
  report_object = json_object_has_member (meta, "report")
                  && JSON_NODE_HOLDS_OBJECT (json_object_get_member (meta, "report"))
                  ? json_object_get_object_member (meta, "report") : NULL;
  if (report_object != NULL)
    {
      report.n_rows = get_int (report_object, "rows", &value) ? (guint) CLAMP (value, 0, G_MAXUINT) : 0;
      report.n_located = get_int (report_object, "located", &value) ? (guint) CLAMP (value, 0, G_MAXUINT) : 0;
      report.n_not_found = get_int (report_object, "not_found", &value) ? (guint) CLAMP (value, 0, G_MAXUINT) : 0;
      report.n_outside = get_int (report_object, "outside", &value) ? (guint) CLAMP (value, 0, G_MAXUINT) : 0;
      report.n_no_position = get_int (report_object, "no_position", &value) ? (guint) CLAMP (value, 0, G_MAXUINT) : 0;
      if (json_object_has_member (report_object, "not_found_postcodes")
          && JSON_NODE_HOLDS_ARRAY (json_object_get_member (report_object, "not_found_postcodes")))
        {
          missing = json_object_get_array_member (report_object, "not_found_postcodes");
          for (guint i = 0; i < json_array_get_length (missing); i++)
            {
              JsonNode *node = json_array_get_element (missing, i);

              if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
                g_ptr_array_add (not_found, (char *) json_node_get_string (node));
            }
        }
    }
  g_ptr_array_add (not_found, NULL);
  report.not_found = (GStrv) not_found->pdata;
  created_text = get_string (meta, "created");
  if (created_text != NULL)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (created_text, NULL);

      if (time != NULL)
        created = g_date_time_to_unix (time);
    }
  list = wa_user_list_new_from_places (atlas, file_id, name, (const WaUserPlace *) places->data,
                                       places->len, &report, get_string (meta, "source"),
                                       created, NULL);
  wa_user_list_set_stored (list, TRUE);
  if (get_int (meta, "shape", &shape) && shape >= WA_ASSET_SHAPE_CIRCLE
      && shape <= WA_ASSET_SHAPE_HOLLOW_DIAMOND)
    wa_user_list_set_shape (list, (WaAssetShape) shape);
  rgb_text = get_string (meta, "rgb");
  if (rgb_text != NULL && rgb_text[0] == '#' && strlen (rgb_text) == 7)
    {
      char *end;
      guint64 rgb = g_ascii_strtoull (rgb_text + 1, &end, 16);

      if (*end == '\0')
        wa_user_list_set_rgb (list, (guint32) rgb);
    }
  return list;
}

static int
compare_lists (gconstpointer a, gconstpointer b)
{
  WaUserList *x = *(WaUserList **) a, *y = *(WaUserList **) b;
  int order = g_utf8_collate (wa_user_list_get_name (x), wa_user_list_get_name (y));

  return order != 0 ? order : strcmp (wa_user_list_get_id (x), wa_user_list_get_id (y));
}

GPtrArray *
wa_user_lists_load (WaAtlas *atlas, const char *dir, char **out_problems)
{
  GPtrArray *lists = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_user_list_unref);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GDir) folder = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local = NULL;
  const char *entry;

  if (out_problems != NULL)
    *out_problems = NULL;
  g_return_val_if_fail (WA_IS_ATLAS (atlas) && dir != NULL, lists);
  folder = g_dir_open (dir, 0, &local);
  if (folder == NULL)
    {
      /* No folder yet: no lists, and nothing wrong. */
      if (!g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT) && out_problems != NULL)
        *out_problems = g_strdup_printf (_("%s: cannot read the folder: %s"), dir, local->message);
      return lists;
    }
  while ((entry = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (entry, LIST_SUFFIX) && entry[0] != '.')
      g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);   /* problems in a stable order */
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autofree char *id = g_strndup (file, strlen (file) - strlen (LIST_SUFFIX));
      g_autoptr(GError) error = NULL;
      WaUserList *list;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      list = load_one (atlas, path, id, &error);
      if (list != NULL)
        g_ptr_array_add (lists, list);
      else
        g_string_append_printf (problems, "%s\n", error->message);
    }
  g_ptr_array_sort (lists, compare_lists);
  if (out_problems != NULL && problems->len > 0)
    {
      g_string_truncate (problems, problems->len - 1);
      *out_problems = g_strdup (problems->str);
    }
  return lists;
}

gboolean
wa_user_list_delete (const char *dir, const char *id, GError **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (dir != NULL && id != NULL, FALSE);
  if (*id == '\0' || strchr (id, '/') != NULL || strchr (id, G_DIR_SEPARATOR) != NULL
      || g_str_equal (id, ".") || g_str_equal (id, ".."))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_INVALID, _("“%s” is not a list id"), id);
      return FALSE;
    }
  path = list_path (dir, id);
  if (g_unlink (path) != 0)
    {
      int saved = errno;

      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot remove the list: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
