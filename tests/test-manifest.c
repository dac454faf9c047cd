/* test-manifest.c: parsing and validation of the source manifest. */
#include "wa-test-fixtures.h"
#include "wa-manifest.h"

#include <string.h>

#define NAME "fixture.manifest"

static const char good_manifest[] =
  "# a comment\n"
  "[edition 2019]\n"
  "title=Test 2019\n"
  "vintages=Wards 2017\n"
  "\n"
  "[source wards]\n"
  "role=ward-boundaries\n"
  "title=Wards\n"
  "file=boundaries/wards.gpkg\n"
  "layer=wards\n"
  "editions=2019\n"
  "publisher=ONS\n"
  "url=https://geoportal.statistics.gov.uk/\n"
  "licence=Open Government Licence v3.0\n"
  "attribution=Line one\\nLine two\n"
  "column.code=WD17CD\n"
  "column.name=WD17NM\n"
  "\n"
  "[source regions]\n"
  "role=region-boundaries\n"
  "title=Regions\n"
  "file=regions.csv\n"
  "format=tsv\n"
  "editions=2019;2025\n"
  "publisher=ONS\n"
  "url=https://example.org/regions\n"
  "licence=not stated\n"
  "attribution=OCSI\n"
  "column.imd.score=Score Column\n"
  "option.srs=27700\n";

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaManifest) manifest = wa_manifest_load_data (good_manifest, -1, NAME, &error);
  const WaManifestSource *source;
  GPtrArray *sources;

  g_assert_no_error (error);
  g_assert_nonnull (manifest);
  g_assert_cmpstr (wa_manifest_get_path (manifest), ==, NAME);
  g_assert_cmpstr (wa_manifest_get_edition_key (manifest, WA_EDITION_2019, "vintages"), ==, "Wards 2017");
  g_assert_null (wa_manifest_get_edition_key (manifest, WA_EDITION_2025, "vintages"));

  sources = wa_manifest_get_sources (manifest, WA_EDITION_2019);
  g_assert_cmpuint (sources->len, ==, 2);
  sources = wa_manifest_get_sources (manifest, WA_EDITION_2025);
  g_assert_cmpuint (sources->len, ==, 1);

  source = wa_manifest_find_role (manifest, WA_EDITION_2019, "ward-boundaries", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (source->id, ==, "wards");
  g_assert_cmpstr (source->layer, ==, "wards");
  g_assert_null (source->format);
  g_assert_cmpstr (source->attribution, ==, "Line one\nLine two");
  g_assert_cmpstr (wa_manifest_source_column (source, "code", &error), ==, "WD17CD");
  g_assert_no_error (error);
  g_assert_null (wa_manifest_source_optional_column (source, "lad_code"));

  source = wa_manifest_find_role (manifest, WA_EDITION_2025, "region-boundaries", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (source->format, ==, "tsv");
  g_assert_cmpstr (wa_manifest_source_column (source, "imd.score", NULL), ==, "Score Column");
  g_assert_cmpstr (wa_manifest_source_option (source, "srs"), ==, "27700");
  g_assert_cmpuint (g_strv_length (source->editions), ==, 2);
}

/* The text with one line replaced (or removed when replacement is ""). */
static char *
edit_text (const char *base, const char *line, const char *replacement)
{
  const char *at = strstr (base, line);
  GString *text = g_string_new (NULL);

  g_assert_nonnull (at);
  g_string_append_len (text, base, at - base);
  g_string_append (text, replacement);
  g_string_append (text, at + strlen (line));
  return g_string_free (text, FALSE);
}

static char *
edit_manifest (const char *line, const char *replacement)
{
  return edit_text (good_manifest, line, replacement);
}

static void
assert_load_fails (const char *data, int code, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaManifest) manifest = wa_manifest_load_data (data, -1, NAME, &error);

  g_assert_null (manifest);
  g_assert_error (error, WA_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, NAME ": "));
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_missing_key (void)
{
  g_autofree char *data = edit_manifest ("url=https://example.org/regions\n", "");

  assert_load_fails (data, WA_ERROR_MISSING, "[source regions]");
}

static void
test_empty_key (void)
{
  g_autofree char *data = edit_manifest ("licence=not stated\n", "licence=\n");

  assert_load_fails (data, WA_ERROR_MISSING, "licence");
}

static void
test_unknown_key (void)
{
  g_autofree char *data = edit_manifest ("layer=wards\n", "layr=wards\n");

  assert_load_fails (data, WA_ERROR_PARSE, "layr");
}

static void
test_duplicate_role (void)
{
  g_autofree char *data = edit_manifest ("role=region-boundaries\n", "role=ward-boundaries\n");

  assert_load_fails (data, WA_ERROR_DUPLICATE, "ward-boundaries");
}

static void
test_bad_edition (void)
{
  g_autofree char *data = edit_manifest ("editions=2019;2025\n", "editions=2019;2021\n");
  g_autofree char *data2 = edit_manifest ("[edition 2019]\n", "[edition 2020]\n");

  assert_load_fails (data, WA_ERROR_PARSE, "2021");
  assert_load_fails (data2, WA_ERROR_PARSE, "2020");
  /* The editions come from the table; the words stay as they were. */
  assert_load_fails (data, WA_ERROR_PARSE,
                     NAME ": section [source regions]: unknown edition “2021” (expected 2019 or 2025)");
}

static void
test_bad_syntax (void)
{
  assert_load_fails ("[source x\nrole=y\n", WA_ERROR_PARSE, "not a valid manifest");
  assert_load_fails ("[sauce x]\nrole=y\n", WA_ERROR_PARSE, "sauce");
}

/* A value ending in a backslash after an unknown escape made GLib set
 * its error twice (the test fails on that warning); an unknown escape
 * alone came back as written, with an error beside it. */
static void
test_trailing_backslash (void)
{
  g_autofree char *data = edit_manifest ("licence=not stated\n", "licence=not\\q stated\\\n");
  g_autofree char *edition = edit_manifest ("vintages=Wards 2017\n", "vintages=Wards\\q 2017\\\n");

  assert_load_fails (data, WA_ERROR_PARSE, "key “licence” ends in a lone backslash");
  assert_load_fails (edition, WA_ERROR_PARSE, "key “vintages” ends in a lone backslash");
  g_free (data);
  data = edit_manifest ("licence=not stated\n", "licence=not\\q stated\n");
  assert_load_fails (data, WA_ERROR_PARSE, "key “licence”: ");
}

/* Many sources may serve "assets" in one edition; the single-source
 * lookups answer none of them rather than an arbitrary one. */
static void
test_multi_role (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *one = edit_manifest ("role=region-boundaries\n", "role=assets\n");
  g_autofree char *both = edit_text (one, "role=ward-boundaries\n", "role=assets\n");
  g_autoptr(WaManifest) manifest = wa_manifest_load_data (both, -1, NAME, &error);

  g_assert_no_error (error);
  g_assert_true (wa_manifest_role_is_multi ("assets"));
  g_assert_false (wa_manifest_role_is_multi ("postcodes"));
  g_assert_cmpuint (wa_manifest_get_sources (manifest, WA_EDITION_2019)->len, ==, 2);
  g_assert_null (wa_manifest_find_optional_role (manifest, WA_EDITION_2019, "assets"));
  g_assert_null (wa_manifest_find_role (manifest, WA_EDITION_2019, "assets", &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_DUPLICATE);
}

static void
test_unknown_role (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaManifest) manifest = wa_manifest_load_data (good_manifest, -1, NAME, NULL);
  const WaManifestSource *source;

  g_assert_nonnull (manifest);
  source = wa_manifest_find_role (manifest, WA_EDITION_2025, "ward-boundaries", &error);
  g_assert_null (source);
  g_assert_error (error, WA_ERROR, WA_ERROR_MISSING);
  g_assert_true (g_str_has_prefix (error->message, NAME ": "));
  g_assert_nonnull (strstr (error->message, "2025"));
  g_assert_null (wa_manifest_find_optional_role (manifest, WA_EDITION_2019, "postcodes"));

  g_clear_error (&error);
  source = wa_manifest_find_role (manifest, WA_EDITION_2019, "ward-boundaries", NULL);
  g_assert_null (wa_manifest_source_column (source, "population", &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_MISSING);
  g_assert_true (g_str_has_prefix (error->message, NAME ": "));
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = wa_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "absent.manifest", NULL);
  g_autoptr(WaManifest) manifest = wa_manifest_load (path, &error);

  g_assert_null (manifest);
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

/* The shipped manifest serves every role the builder asks for. */
static void
test_real_manifest (void)
{
  const char *path = g_getenv ("WA_MANIFEST");
  static const char *const both[] = {
    "ward-boundaries", "ward-names", "lsoa-ward-lookup", "lsoa-population",
    "lad-boundaries", "region-boundaries", "land-boundaries", "towns", "places", "postcodes", NULL
  };
  static const char *const only_2019[] = {
    "imd-lsoa-score", "imd-lsoa-ranks", "imd-ward-aggregated", "cni-ward", NULL
  };
  static const char *const only_2025[] = {
    "imd-lsoa", "cni-lsoa", "lsoa-change-lookup", "crosswalk-lsoa-ward-lookup",
    "crosswalk-lsoa-population", "crosswalk-imd-lsoa", NULL
  };
  /* Each edition's recipe reads its own inputs. */
  static const char *const *const extra_roles[] = {
    [WA_EDITION_2019] = only_2019,
    [WA_EDITION_2025] = only_2025,
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (extra_roles) == WA_N_EDITIONS);
  g_autoptr(GError) error = NULL;
  g_autoptr(WaManifest) manifest = NULL;

  if (path == NULL)
    {
      g_test_skip ("WA_MANIFEST is not set");
      return;
    }
  manifest = wa_manifest_load (path, &error);
  g_assert_no_error (error);
  for (int e = 0; e < WA_N_EDITIONS; e++)
    {
      const char *const *extra = extra_roles[e];

      for (const char *const *role = both; *role != NULL; role++)
        {
          g_assert_nonnull (wa_manifest_find_role (manifest, e, *role, &error));
          g_assert_no_error (error);
        }
      for (const char *const *role = extra; *role != NULL; role++)
        {
          g_assert_nonnull (wa_manifest_find_role (manifest, e, *role, &error));
          g_assert_no_error (error);
        }
      g_assert_nonnull (wa_manifest_get_edition_key (manifest, e, "vintages"));
    }
  g_assert_null (wa_manifest_find_optional_role (manifest, WA_EDITION_2025, "cni-ward"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/manifest/parse", test_parse);
  g_test_add_func ("/manifest/missing-key", test_missing_key);
  g_test_add_func ("/manifest/empty-key", test_empty_key);
  g_test_add_func ("/manifest/unknown-key", test_unknown_key);
  g_test_add_func ("/manifest/duplicate-role", test_duplicate_role);
  g_test_add_func ("/manifest/bad-edition", test_bad_edition);
  g_test_add_func ("/manifest/bad-syntax", test_bad_syntax);
  g_test_add_func ("/manifest/unknown-role", test_unknown_role);
  g_test_add_func ("/manifest/trailing-backslash", test_trailing_backslash);
  g_test_add_func ("/manifest/multi-role", test_multi_role);
  g_test_add_func ("/manifest/missing-file", test_missing_file);
  g_test_add_func ("/manifest/real-manifest", test_real_manifest);
  return g_test_run ();
}
