/* test-edition.c: every row of the edition table (wa-edition.c) has what
 * an edition needs elsewhere in the tree: a manifest section, a builder
 * recipe, a settings choice, a default rank method it can use, a pack
 * built under the table's file name, and a place in meson's edition list.
 * Adding a row without the rest fails here; README, "Adding an edition". */
#include "wa-test-fixtures.h"
#include "wa-manifest.h"
#include "wa-pack-builder.h"
#include "wa-pack.h"

#include <gdal.h>
#include <ogr_api.h>
#include <string.h>

static WaManifest *
load_manifest (void)
{
  const char *path = g_getenv ("WA_MANIFEST");
  g_autoptr(GError) error = NULL;
  WaManifest *manifest;

  if (path == NULL)
    {
      g_test_skip ("WA_MANIFEST is not set");
      return NULL;
    }
  manifest = wa_manifest_load (path, &error);
  g_assert_no_error (error);
  return manifest;
}

/* ---- the settings schema ---------------------------------------------- */

typedef struct {
  gboolean in_edition_key;
  GPtrArray *choices;
  char *default_value;
  gboolean in_default;
} SchemaScan;

static const char *
attribute (const char **names, const char **values, const char *wanted)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], wanted) == 0)
      return values[i];
  return NULL;
}

static void
scan_start (GMarkupParseContext *context, const char *element, const char **names,
            const char **values, gpointer user_data, GError **error)
{
  SchemaScan *scan = user_data;

  if (strcmp (element, "key") == 0)
    scan->in_edition_key = g_strcmp0 (attribute (names, values, "name"), "edition") == 0;
  else if (scan->in_edition_key && strcmp (element, "choice") == 0)
    g_ptr_array_add (scan->choices, g_strdup (attribute (names, values, "value")));
  else if (scan->in_edition_key && strcmp (element, "default") == 0)
    scan->in_default = TRUE;
}

static void
scan_end (GMarkupParseContext *context, const char *element, gpointer user_data, GError **error)
{
  SchemaScan *scan = user_data;

  if (strcmp (element, "key") == 0)
    scan->in_edition_key = FALSE;
  else if (strcmp (element, "default") == 0)
    scan->in_default = FALSE;
}

static void
scan_text (GMarkupParseContext *context, const char *text, gsize length,
           gpointer user_data, GError **error)
{
  SchemaScan *scan = user_data;

  if (scan->in_default)
    {
      g_free (scan->default_value);
      scan->default_value = g_strstrip (g_strndup (text, length));
    }
}

/* The choices of the "edition" key in the schema XML of the source tree
 * (the compiled schema exists only in builds with the GUI). */
static GPtrArray *
schema_edition_choices (char **out_default)
{
  static const GMarkupParser parser = { scan_start, scan_end, scan_text, NULL, NULL };
  const char *path = g_getenv ("WA_GSCHEMA");
  SchemaScan scan = { .choices = g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  gsize length;

  if (path == NULL)
    {
      g_test_skip ("WA_GSCHEMA is not set");
      g_ptr_array_unref (scan.choices);
      return NULL;
    }
  g_file_get_contents (path, &xml, &length, &error);
  g_assert_no_error (error);
  context = g_markup_parse_context_new (&parser, 0, &scan, NULL);
  g_markup_parse_context_parse (context, xml, length, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  *out_default = scan.default_value;
  return scan.choices;
}

static gboolean
has_string (GPtrArray *strings, const char *wanted)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_strcmp0 (g_ptr_array_index (strings, i), wanted) == 0)
      return TRUE;
  return FALSE;
}

/* ---- the table as a whole --------------------------------------------- */

static void
test_table (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpint (wa_edition_newest (), ==, WA_N_EDITIONS - 1);
  for (WaEdition e = 0; e < WA_N_EDITIONS; e++)
    {
      const WaEditionInfo *info = wa_edition_get_info (e);
      const char *strings[] = { info->id, info->label, info->description, info->details,
                                info->pack_file_name, info->accelerator };
      WaEdition parsed;

      g_assert_cmpint (info->edition, ==, e);
      g_assert_true (wa_edition_from_string (info->id, &parsed));
      g_assert_cmpint (parsed, ==, e);
      /* Newest last: "newest" in settings and the pack locator rely on it. */
      if (e > 0)
        g_assert_cmpstr (wa_edition_get_info (e - 1)->id, <, info->id);
      /* No two editions share an id, a label, a file or a shortcut. */
      for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
        {
          g_assert_nonnull (strings[i]);
          g_assert_cmpstr (strings[i], !=, "");
          g_assert_false (g_hash_table_contains (seen, strings[i]));
          g_hash_table_add (seen, (gpointer) strings[i]);
        }
      g_assert_true (g_str_has_prefix (info->description, info->id));
      g_assert_nonnull (info->ward_vintage);
      g_assert_nonnull (info->imd_vintage);
      g_assert_nonnull (info->cni_vintage);
    }
}

static void
test_choices (void)
{
  g_autofree char *choices = wa_edition_list_choices ();
  g_autofree char *last = g_strconcat (" or ", wa_edition_to_string (wa_edition_newest ()), NULL);

  for (WaEdition e = 0; e < WA_N_EDITIONS; e++)
    g_assert_nonnull (strstr (choices, wa_edition_to_string (e)));
  g_assert_true (WA_N_EDITIONS == 1 || g_str_has_suffix (choices, last));
}

/* data/meson.build keeps its own list (packs, test variables). */
static void
test_meson_list (void)
{
  const char *text = g_getenv ("WA_EDITIONS");
  g_auto(GStrv) ids = NULL;

  if (text == NULL)
    {
      g_test_skip ("WA_EDITIONS is not set: run through meson test");
      return;
    }
  ids = g_strsplit (text, ";", -1);
  for (WaEdition e = 0; e < WA_N_EDITIONS; e++)
    {
      g_assert_nonnull (ids[e]);
      g_assert_cmpstr (ids[e], ==, wa_edition_to_string (e));
    }
  g_assert_null (ids[WA_N_EDITIONS]);
}

/* The schema offers "newest" and the table's ids, nothing else. */
static void
test_schema_choices (void)
{
  g_autofree char *default_value = NULL;
  g_autoptr(GPtrArray) choices = schema_edition_choices (&default_value);

  if (choices == NULL)
    return;
  g_assert_cmpstr (default_value, ==, "'newest'");
  g_assert_true (has_string (choices, "newest"));
  for (guint i = 0; i < choices->len; i++)
    {
      const char *choice = g_ptr_array_index (choices, i);
      WaEdition e;

      g_assert_true (g_strcmp0 (choice, "newest") == 0 || wa_edition_from_string (choice, &e));
    }
}

/* ---- each edition ----------------------------------------------------- */

static void
test_manifest_section (gconstpointer data)
{
  WaEdition e = GPOINTER_TO_UINT (data);
  const WaEditionInfo *info = wa_edition_get_info (e);
  g_autoptr(WaManifest) manifest = load_manifest ();
  g_autofree char *imd = g_strconcat ("IMD ", info->imd_vintage, NULL);
  g_autofree char *cni = g_strconcat ("CNI ", info->cni_vintage, NULL);
  const char *vintages;

  if (manifest == NULL)
    return;
  g_assert_nonnull (wa_manifest_get_edition_key (manifest, e, "title"));
  g_assert_cmpuint (wa_manifest_get_sources (manifest, e)->len, >, 0);
  /* The vintages a pack records are those the table describes. */
  vintages = wa_manifest_get_edition_key (manifest, e, "vintages");
  g_assert_nonnull (vintages);
  g_assert_nonnull (strstr (vintages, info->ward_vintage));
  g_assert_nonnull (strstr (vintages, imd));
  g_assert_nonnull (strstr (vintages, cni));
}

static void
test_recipe (gconstpointer data)
{
  g_assert_true (wa_pack_build_has_recipe (GPOINTER_TO_UINT (data)));
}

static void
test_schema_choice (gconstpointer data)
{
  g_autofree char *default_value = NULL;
  g_autoptr(GPtrArray) choices = schema_edition_choices (&default_value);

  if (choices != NULL)
    g_assert_true (has_string (choices, wa_edition_to_string (GPOINTER_TO_UINT (data))));
}

static void
test_rank_method (gconstpointer data)
{
  WaEdition e = GPOINTER_TO_UINT (data);
  const WaEditionInfo *info = wa_edition_get_info (e);
  WaRankMethod method;

  g_assert_true (wa_rank_method_from_id (info->default_method, &method));
  g_assert_true (wa_rank_method_available (method, e));
  g_assert_cmpint (wa_rank_method_default_for (e), ==, method);
  g_assert_cmpint (wa_rank_method_available (WA_RANK_METHOD_OFFICIAL, e), ==, info->has_official_list);
}

static char *
pack_metadata (const char *path, const char *key)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s = '%s'", WA_PACK_META_VALUE,
                                          WA_PACK_LAYER_METADATA, WA_PACK_META_KEY, key);
  GDALDatasetH dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  OGRLayerH result;
  OGRFeatureH feature;
  char *value = NULL;

  g_assert_nonnull (dataset);
  result = GDALDatasetExecuteSQL (dataset, sql, NULL, NULL);
  g_assert_nonnull (result);
  feature = OGR_L_GetNextFeature (result);
  if (feature != NULL)
    value = g_strdup (OGR_F_GetFieldAsString (feature, 0));
  OGR_F_Destroy (feature);
  GDALDatasetReleaseResultSet (dataset, result);
  GDALClose (dataset);
  return value;
}

static gboolean
any_pack_set (void)
{
  g_auto(GStrv) env = g_get_environ ();

  for (guint i = 0; env[i] != NULL; i++)
    if (g_str_has_prefix (env[i], "WA_PACK_"))
      return TRUE;
  return FALSE;
}

/* meson builds (or borrows) a pack per edition in its list, under the
 * name the app looks for. */
static void
test_pack (gconstpointer data)
{
  WaEdition e = GPOINTER_TO_UINT (data);
  const WaEditionInfo *info = wa_edition_get_info (e);
  g_autofree char *variable = g_strconcat ("WA_PACK_", info->id, NULL);
  const char *path = g_getenv (variable);
  g_autofree char *name = NULL;
  g_autofree char *edition = NULL;

  if (path == NULL && !any_pack_set ())
    {
      g_test_skip ("no packs: built with -Dbuild_packs=false and no packs_dir");
      return;
    }
  g_assert_nonnull (path);
  name = g_path_get_basename (path);
  g_assert_cmpstr (name, ==, info->pack_file_name);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the pack is not built");
      return;
    }
  edition = pack_metadata (path, WA_PACK_META_EDITION);
  g_assert_cmpstr (edition, ==, info->id);
}

static void
add_edition_test (WaEdition e, const char *check, GTestDataFunc func)
{
  g_autofree char *path = g_strdup_printf ("/edition/%s/%s", wa_edition_to_string (e), check);

  g_test_add_data_func (path, GUINT_TO_POINTER (e), func);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();
  g_test_add_func ("/edition/table", test_table);
  g_test_add_func ("/edition/choices", test_choices);
  g_test_add_func ("/edition/meson-list", test_meson_list);
  g_test_add_func ("/edition/schema-choices", test_schema_choices);
  for (WaEdition e = 0; e < WA_N_EDITIONS; e++)
    {
      add_edition_test (e, "manifest", test_manifest_section);
      add_edition_test (e, "recipe", test_recipe);
      add_edition_test (e, "schema", test_schema_choice);
      add_edition_test (e, "rank-method", test_rank_method);
      add_edition_test (e, "pack", test_pack);
    }
  return g_test_run ();
}
