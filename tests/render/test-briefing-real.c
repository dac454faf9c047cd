/* test-briefing-real.c: `ward-atlas-cli briefing`, `map-image` and
 * `profile` on the real 2019 pack, as a user runs them, without a display:
 * a left-behind ward (Becontree, Barking and Dagenham) and its council.
 * The text is read back with pdftotext and the metadata with pdfinfo;
 * page 1 of each briefing is rendered with pdftoppm into the build tree
 * (tests/briefing-*.png) for reviewers. Skipped when the pack or the
 * poppler tools are missing. */
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "wa-briefing.h"
#include "wa-briefing-private.h"
#include "wa-page-layout.h"

#include "wa-test-fixtures.h"

#define BECONTREE "E05000028"
#define BARKING_AND_DAGENHAM "E09000002"

typedef struct {
  char *out, *err;
  int status;
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

/* Runs argv (NULL-terminated); returns the exit status. */
static int
run (Run *r, const char * const *argv)
{
  g_autoptr(GError) error = NULL;

  run_clear (r);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &r->out, &r->err,
                &r->status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (r->status));
  return WEXITSTATUS (r->status);
}

static gboolean
have_prerequisites (void)
{
  const char *pack = g_getenv ("WA_PACK_2019");
  const char *tools[] = { "pdftotext", "pdfinfo", "pdftoppm" };

  if (pack == NULL || !g_file_test (pack, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("WA_PACK_2019 not built");
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path == NULL)
        {
          g_test_skip ("poppler-utils not installed");
          return FALSE;
        }
    }
  return TRUE;
}

/* The text of the pages' bodies (without the running header and footer,
 * which would split a paragraph carried over a page), white space made
 * single spaces. */
static char *
flat_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-x", "0", "-y", "40", "-W", "596",
                         "-H", "765", pdf, "-", NULL };
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  Run r = { 0 };
  char *text;

  g_assert_cmpint (run (&r, argv), ==, 0);
  text = g_regex_replace_literal (space, r.out, -1, 0, " ", 0, NULL);
  run_clear (&r);
  return text;
}

static char *
pdfinfo_field (const char *pdf, const char *field)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *prefix = g_strconcat (field, ":", NULL);
  g_auto(GStrv) lines = NULL;
  Run r = { 0 };
  char *value = NULL;

  g_assert_cmpint (run (&r, argv), ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && value == NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      value = g_strstrip (g_strdup (lines[i] + strlen (prefix)));
  run_clear (&r);
  return value;
}

/* Page 1 as a PNG in the build tree, kept for a reviewer to look at. */
static void
keep_first_page (const char *pdf, const char *name)
{
  g_autofree char *stem = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), name, NULL);
  g_autofree char *png = g_strconcat (stem, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-r", "110", "-f", "1", "-l", "1", "-singlefile", "-png",
                         pdf, stem, NULL };
  Run r = { 0 };

  g_assert_cmpint (run (&r, argv), ==, 0);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_test_message ("page 1 rendered to %s", png);
  run_clear (&r);
}

/* pdffonts: every font embedded, with a Unicode map (searchable text). */
static void
assert_fonts_embedded (const char *pdf)
{
  const char *argv[] = { "pdffonts", pdf, NULL };
  g_auto(GStrv) lines = NULL;
  g_autofree char *path = g_find_program_in_path ("pdffonts");
  guint n_fonts = 0;
  Run r = { 0 };

  if (path == NULL)
    return;
  g_assert_cmpint (run (&r, argv), ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      guint n;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      fields = g_regex_split_simple ("\\s+", lines[i], 0, 0);
      n = g_strv_length (fields);
      /* ... emb sub uni object ID */
      g_assert_cmpuint (n, >=, 6);
      g_assert_cmpstr (fields[n - 5], ==, "yes");
      g_assert_cmpstr (fields[n - 3], ==, "yes");
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
  run_clear (&r);
}

static void
assert_contains (const char *text, const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not found in the briefing's text", needle);
}

/* Every attribution line the pack's data requires appears in the text
 * (notices differing only in their year as one naming every year), and
 * every year of every notice with one. */
static void
assert_attributions (WaAtlas *atlas, const char *text)
{
  g_auto(GStrv) attributions = wa_atlas_dup_attributions (atlas);
  g_auto(GStrv) merged = wa_format_merge_attribution_years ((const char * const *) attributions);
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autoptr(GRegex) year = g_regex_new ("database right ((?:19|20)[0-9]{2})", 0, 0, NULL);

  g_assert_cmpuint (g_strv_length (merged), >, 3);
  for (guint i = 0; merged[i] != NULL; i++)
    {
      g_autofree char *line = g_regex_replace_literal (space, merged[i], -1, 0, " ", 0, NULL);

      assert_contains (text, line);
    }
  for (guint i = 0; attributions[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (year, attributions[i], 0, &match))
        {
          g_autofree char *y = g_match_info_fetch (match, 1);

          assert_contains (text, y);
        }
    }
}

static void
test_ward_briefing (void)
{
  g_autofree char *dir = NULL, *pdf = NULL, *text = NULL, *pages = NULL, *title = NULL;
  g_autofree char *author = NULL, *imd = NULL, *cni = NULL, *combined = NULL;
  g_autofree char *method = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  WaWard *ward;
  Run r = { 0 };

  if (!have_prerequisites ())
    return;
  atlas = wa_test_open_pack ("2019");
  ward = wa_atlas_lookup_ward (atlas, BECONTREE);
  g_assert_nonnull (ward);
  g_assert_cmpstr (wa_ward_get_name (ward), ==, "Becontree");
  g_assert_true (wa_ward_get_left_behind (ward));

  dir = wa_test_tmpdir_new ();
  pdf = g_build_filename (dir, "becontree.pdf", NULL);
  {
    const char *argv[] = { g_getenv ("WA_CLI"), "briefing", g_getenv ("WA_PACK_2019"),
                           "--ward", BECONTREE, "--output", pdf, NULL };

    g_assert_cmpint (run (&r, argv), ==, 0);
  }
  text = flat_text (pdf);
  assert_contains (text, "Becontree");
  assert_contains (text, "Barking and Dagenham");
  /* A neighbour named once on the map and once in the table: the map's
   * label halo is not more copies of the text. */
  {
    guint n = 0;

    for (const char *p = strstr (text, "Goodmayes"); p != NULL; p = strstr (p + 1, "Goodmayes"))
      n++;
    g_assert_cmpuint (n, >=, 1);
    g_assert_cmpuint (n, <=, 2);
  }
  imd = wa_format_rank_of (wa_ward_get_imd_rank (ward),
                           wa_atlas_get_n_ranked (atlas, WA_INDICATOR_IMD));
  cni = wa_format_rank_of (wa_ward_get_cni_rank (ward),
                           wa_atlas_get_n_ranked (atlas, WA_INDICATOR_CNI));
  combined = wa_format_count (wa_ward_get_combined_rank (ward));
  assert_contains (text, imd);
  assert_contains (text, cni);
  assert_contains (text, combined);
  method = wa_rank_params_describe (wa_atlas_get_rank_params (atlas));
  assert_contains (text, method);
  assert_contains (text, "Left behind");
  assert_contains (text, "Social infrastructure");
  assert_contains (text, "Neighbouring wards");
  assert_contains (text, "Method and sources");
  assert_attributions (atlas, text);

  if (wa_assets_get_datasets (wa_atlas_get_assets (atlas))->len > 0)
    {
      assert_contains (text, "Per 1,000");
      assert_contains (text, "England median");
      assert_contains (text, "Similar wards median");
    }
  else
    assert_contains (text, "No asset data in this pack");
  pages = pdfinfo_field (pdf, "Pages");
  g_assert_cmpint (atoi (pages), >=, 2);
  g_assert_cmpint (atoi (pages), <=, 3);
  title = pdfinfo_field (pdf, "Title");
  g_assert_cmpstr (title, ==, "Ward briefing: Becontree (Barking and Dagenham)");
  author = pdfinfo_field (pdf, "Author");
  g_assert_cmpstr (author, ==, "Ward Atlas");
  assert_fonts_embedded (pdf);
  keep_first_page (pdf, "briefing-becontree-page1");

  /* Another method changes the words and the ranks in the briefing. */
  {
    const char *argv[] = { g_getenv ("WA_CLI"), "briefing", g_getenv ("WA_PACK_2019"),
                           "--ward", BECONTREE, "--method", "mean-rank", "--threshold", "5",
                           "--output", pdf, "--force", NULL };
    g_autofree char *mean_text = NULL;

    g_assert_cmpint (run (&r, argv), ==, 0);
    mean_text = flat_text (pdf);
    assert_contains (mean_text, "Mean of IMD and CNI rank; top 5 % left behind");
  }
  run_clear (&r);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_area_briefing (void)
{
  g_autofree char *dir = NULL, *pdf = NULL, *text = NULL, *title = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(GPtrArray) wards = NULL;
  WaAreaSummary summary;
  Run r = { 0 };

  if (!have_prerequisites ())
    return;
  atlas = wa_test_open_pack ("2019");
  wards = wa_area_dup_wards (atlas, WA_AREA_LAD, BARKING_AND_DAGENHAM);
  wa_area_summarize (wards, &summary);
  g_assert_cmpuint (summary.n_wards, >, 10);

  dir = wa_test_tmpdir_new ();
  pdf = g_build_filename (dir, "barking.pdf", NULL);
  {
    const char *argv[] = { g_getenv ("WA_CLI"), "briefing", g_getenv ("WA_PACK_2019"),
                           "--lad", BARKING_AND_DAGENHAM, "--output", pdf, NULL };

    g_assert_cmpint (run (&r, argv), ==, 0);
  }
  text = flat_text (pdf);
  title = pdfinfo_field (pdf, "Title");
  g_assert_cmpstr (title, ==, "Council area briefing: Barking and Dagenham");
  /* Every ward of the council is in the ranked table. */
  for (guint i = 0; i < wards->len; i++)
    assert_contains (text, wa_ward_get_name (g_ptr_array_index (wards, i)));
  {
    g_autofree char *count = g_strdup_printf ("%u of the %u wards", summary.n_left_behind,
                                              summary.n_wards);
    g_autofree char *people = wa_format_population_short (summary.left_behind_population);

    assert_contains (text, count);
    assert_contains (text, people);
  }
  assert_contains (text, "Social infrastructure");
  assert_attributions (atlas, text);
  keep_first_page (pdf, "briefing-barking-and-dagenham-page1");

  /* A region: every London ward in a table over many pages. */
  {
    const char *argv[] = { g_getenv ("WA_CLI"), "briefing", g_getenv ("WA_PACK_2019"),
                           "--region", "E12000007", "--output", pdf, "--force", NULL };
    g_autofree char *region_title = NULL, *pages = NULL;

    g_assert_cmpint (run (&r, argv), ==, 0);
    region_title = pdfinfo_field (pdf, "Title");
    g_assert_cmpstr (region_title, ==, "Region briefing: London");
    pages = pdfinfo_field (pdf, "Pages");
    g_assert_cmpint (atoi (pages), >, 8);
  }
  run_clear (&r);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

static guint
n_neighbours (WaWard *ward)
{
  guint n;

  wa_ward_get_neighbours (ward, &n);
  return n;
}

static guint
n_asset_categories (WaAtlas *atlas, WaWard *ward)
{
  WaAssets *assets = wa_atlas_get_assets (atlas);
  guint n = 0;

  for (WaAssetCategory c = 0; assets != NULL && c < WA_N_ASSET_CATEGORIES; c++)
    n += wa_assets_is_covered (assets, wa_ward_get_index (ward), c);
  return n;
}

/* The wards whose briefings run longest: the one with the most neighbours
 * (the longest neighbours table), and the one with the most asset
 * categories covered (the longest social-infrastructure table, in
 * Trafford), more neighbours breaking a tie. */
static GPtrArray *
longest_briefing_wards (WaAtlas *atlas)
{
  GPtrArray *wards = g_ptr_array_new ();
  WaWard *most_neighbours = NULL, *most_assets = NULL;

  for (guint i = 0; i < wa_atlas_get_n_wards (atlas); i++)
    {
      WaWard *w = wa_atlas_get_ward (atlas, i);

      if (most_neighbours == NULL || n_neighbours (w) > n_neighbours (most_neighbours))
        most_neighbours = w;
      if (most_assets == NULL
          || n_asset_categories (atlas, w) > n_asset_categories (atlas, most_assets)
          || (n_asset_categories (atlas, w) == n_asset_categories (atlas, most_assets)
              && n_neighbours (w) > n_neighbours (most_assets)))
        most_assets = w;
    }
  g_ptr_array_add (wards, most_neighbours);
  if (most_assets != most_neighbours)
    g_ptr_array_add (wards, most_assets);
  return wards;
}

static cairo_status_t
discard (void *closure, const unsigned char *data, unsigned int length)
{
  return CAIRO_STATUS_SUCCESS;
}

/* The map gives up height before a fourth page starts: on a page a little
 * shorter than A4 (as another method's wording or a translation would
 * make the text longer) the briefing still takes three pages. */
static void
assert_fits_shorter_page (WaAtlas *atlas, WaWard *ward)
{
  g_autoptr(WaBriefing) briefing = wa_briefing_new_for_ward (atlas, ward, NULL, WA_PALETTE_VIRIDIS);
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (discard, NULL,
                                                                  WA_PAGE_A4_WIDTH,
                                                                  WA_PAGE_A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  g_assert_cmpuint (wa_briefing_paginate (briefing, cr, WA_PAGE_A4_WIDTH, WA_PAGE_A4_HEIGHT),
                    <=, 3);
  g_assert_cmpuint (wa_briefing_paginate (briefing, cr, WA_PAGE_A4_WIDTH,
                                          WA_PAGE_A4_HEIGHT - 15), <=, 3);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A ward briefing is two to three A4 pages for every ward. Paginating
 * every ward of both editions found the longest among these two kinds
 * (many neighbours; Trafford, which every asset dataset covers). Nothing
 * may be dropped to fit: every neighbour, every attribution line, the
 * method and sources. */
static void
test_longest_ward_briefings (void)
{
  g_autofree char *dir = NULL;
  guint n_checked = 0;
  Run r = { 0 };

  if (!have_prerequisites ())
    return;
  dir = wa_test_tmpdir_new ();
  for (WaEdition e = 0; e < WA_N_EDITIONS; e++)
    {
      const char *id = wa_edition_get_info (e)->id;
      g_autofree char *variable = g_strconcat ("WA_PACK_", id, NULL);
      const char *pack = g_getenv (variable);
      g_autoptr(WaAtlas) atlas = NULL;
      g_autoptr(GPtrArray) wards = NULL;

      if (pack == NULL || !g_file_test (pack, G_FILE_TEST_IS_REGULAR))
        {
          g_test_message ("%s not built: edition not checked", variable);
          continue;
        }
      if (!wa_test_edition_wanted (id))
        {
          g_test_message ("edition %s not checked: not in $WA_TEST_EDITIONS", id);
          continue;
        }
      atlas = wa_test_open_pack (id);
      wards = longest_briefing_wards (atlas);
      for (guint i = 0; i < wards->len; i++)
        {
          WaWard *ward = g_ptr_array_index (wards, i);
          g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", dir, wa_ward_get_code (ward));
          const char *argv[] = { g_getenv ("WA_CLI"), "briefing", pack, "--ward",
                                 wa_ward_get_code (ward), "--output", pdf, NULL };
          g_autofree char *text = NULL, *pages = NULL;
          const guint *neighbours;
          guint n;

          g_assert_cmpint (run (&r, argv), ==, 0);
          pages = pdfinfo_field (pdf, "Pages");
          g_test_message ("%s %s (%u neighbours, %u asset categories): %s pages", id,
                          wa_ward_get_code (ward), n_neighbours (ward),
                          n_asset_categories (atlas, ward), pages);
          g_assert_cmpint (atoi (pages), >=, 2);
          g_assert_cmpint (atoi (pages), <=, 3);
          text = flat_text (pdf);
          assert_contains (text, wa_ward_get_name (ward));
          neighbours = wa_ward_get_neighbours (ward, &n);
          for (guint k = 0; k < n; k++)
            assert_contains (text, wa_ward_get_name (wa_atlas_get_ward (atlas, neighbours[k])));
          assert_contains (text, "Deprivation and need");
          assert_contains (text, "Social infrastructure");
          assert_contains (text, "Method and sources");
          assert_contains (text, "Community Needs Index (CNI).");
          assert_attributions (atlas, text);
          assert_fits_shorter_page (atlas, ward);
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, >=, 2);
  run_clear (&r);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

/* Unknown codes, a folder that cannot be written, a file that exists:
 * exit status 1, a message naming the problem, no file written. */
static void
test_bad_input (void)
{
  g_autofree char *dir = NULL, *pdf = NULL, *existing = NULL, *contents = NULL;
  const char *cli = g_getenv ("WA_CLI"), *pack = g_getenv ("WA_PACK_2019");
  Run r = { 0 };

  if (!have_prerequisites ())
    return;
  dir = wa_test_tmpdir_new ();
  pdf = g_build_filename (dir, "out.pdf", NULL);
  {
    const char *argv[] = { cli, "briefing", pack, "--ward", "E05999999", "--output", pdf, NULL };

    g_assert_cmpint (run (&r, argv), ==, 1);
    g_assert_nonnull (strstr (r.err, "E05999999"));
    g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }
  {
    const char *argv[] = { cli, "briefing", pack, "--lad", "E09999999", "--output", pdf, NULL };

    g_assert_cmpint (run (&r, argv), ==, 1);
    g_assert_nonnull (strstr (r.err, "E09999999"));
    g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }
  {
    /* /proc takes no new files, even for root. */
    const char *argv[] = { cli, "briefing", pack, "--ward", BECONTREE, "--output",
                           "/proc/ward-atlas-briefing.pdf", NULL };

    g_assert_cmpint (run (&r, argv), ==, 1);
    g_assert_nonnull (strstr (r.err, "/proc/ward-atlas-briefing.pdf"));
    g_assert_false (g_file_test ("/proc/ward-atlas-briefing.pdf", G_FILE_TEST_EXISTS));
  }
  existing = wa_test_write_file (dir, "existing.pdf", "keep me");
  {
    const char *argv[] = { cli, "briefing", pack, "--ward", BECONTREE, "--output", existing, NULL };

    g_assert_cmpint (run (&r, argv), ==, 1);
    g_assert_nonnull (strstr (r.err, "already exists"));
    g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "keep me");
  }
  {
    const char *argv[] = { cli, "briefing", pack, "--output", pdf, NULL };

    g_assert_cmpint (run (&r, argv), ==, 2);
  }
  run_clear (&r);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

static guint32
be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
test_map_image_and_profile (void)
{
  g_autofree char *dir = NULL, *png = NULL, *json = NULL, *csv = NULL;
  g_autofree guchar *data = NULL;
  const char *cli = g_getenv ("WA_CLI"), *pack = g_getenv ("WA_PACK_2019");
  gsize len;
  Run r = { 0 };

  if (!have_prerequisites ())
    return;
  dir = wa_test_tmpdir_new ();
  png = g_build_filename (dir, "map.png", NULL);
  {
    const char *argv[] = { cli, "map-image", pack, "--bbox", "0.10,51.52,0.18,51.57", "--zoom",
                           "13", "--scale", "2", "--ward", BECONTREE, "--assets", "--output",
                           png, NULL };

    g_assert_cmpint (run (&r, argv), ==, 0);
  }
  g_assert_true (g_file_get_contents (png, (char **) &data, &len, NULL));
  g_assert_cmpuint (len, >, 24);
  g_assert_cmpint (memcmp (data, "\x89PNG", 4), ==, 0);
  /* 0.08° of longitude at zoom 13 is 466 px wide, twice that at scale 2. */
  g_assert_cmpuint (be32 (data + 16), >=, 930);
  g_assert_cmpuint (be32 (data + 16), <=, 936);
  {
    const char *argv[] = { cli, "map-image", pack, "--bbox", "1,2,3", "--zoom", "13",
                           "--output", png, NULL };

    g_assert_cmpint (run (&r, argv), ==, 2);
  }
  json = g_build_filename (dir, "becontree.json", NULL);
  csv = g_build_filename (dir, "becontree.csv", NULL);
  {
    const char *argv[] = { cli, "profile", pack, BECONTREE, "--output", json, NULL };
    g_autofree char *text = NULL;

    g_assert_cmpint (run (&r, argv), ==, 0);
    g_assert_true (g_file_get_contents (json, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "\"name\" : \"Becontree\""));
  }
  {
    const char *argv[] = { cli, "profile", pack, BECONTREE, "--output", csv, NULL };
    g_autofree char *text = NULL;

    g_assert_cmpint (run (&r, argv), ==, 0);
    g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
    g_assert_true (g_str_has_prefix (text, "ward_code,"));
    g_assert_nonnull (strstr (text, "\n" BECONTREE ",Becontree,"));
  }
  run_clear (&r);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

/* The briefing's text width: A4 less the page layout's side margins
 * (MARGIN_X in wa-page-layout.c); the map figure spans it. */
#define TEXT_WIDTH (WA_PAGE_A4_WIDTH - 2 * 42.0)

static gboolean
boxes_overlap (const WaBBox *a, const WaBBox *b)
{
  return a->min_x < b->max_x && b->min_x < a->max_x && a->min_y < b->max_y
         && b->min_y < a->max_y;
}

static gboolean
box_inside (const WaBBox *inner, const WaBBox *outer)
{
  return inner->min_x >= outer->min_x && inner->max_x <= outer->max_x
         && inner->min_y >= outer->min_y && inner->max_y <= outer->max_y;
}

/* The briefing laid out on A4 as when written: its map shows the subject
 * whole, centred and clear of every overlay, at a readable size; no table
 * header breaks inside a word. */
static void
assert_map_shows_subject (WaBriefing *b, double min_share)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  const WaMapFigureLayout *l;
  WaMapFigureLayout layout;
  double frame_w, frame_h;

  wa_briefing_paginate (b, cr, WA_PAGE_A4_WIDTH, WA_PAGE_A4_HEIGHT);
  g_assert_nonnull (b->map);
  wa_map_figure_get_layout (b->map, cr, TEXT_WIDTH, &layout);
  l = &layout;
  frame_w = l->frame.max_x - l->frame.min_x;
  frame_h = l->frame.max_y - l->frame.min_y;
  g_assert_true (box_inside (&l->subject, &l->frame));
  g_assert_false (boxes_overlap (&l->subject, &l->legend));
  g_assert_false (boxes_overlap (&l->subject, &l->attribution));
  g_assert_false (boxes_overlap (&l->subject, &l->scale_bar));
  g_assert_false (boxes_overlap (&l->subject, &l->north_arrow));
  g_assert_false (boxes_overlap (&l->frame, &l->legend));
  g_assert_false (boxes_overlap (&l->frame, &l->attribution));
  g_assert_cmpfloat_with_epsilon ((l->subject.min_x + l->subject.max_x) / 2, frame_w / 2, 1.0);
  g_assert_cmpfloat_with_epsilon ((l->subject.min_y + l->subject.max_y) / 2, frame_h / 2, 1.0);
  g_assert_cmpfloat (MAX ((l->subject.max_x - l->subject.min_x) / frame_w,
                          (l->subject.max_y - l->subject.min_y) / frame_h), >=, min_share);
  g_assert_cmpuint (wa_page_layout_count_broken_headers (b->doc, cr, WA_PAGE_A4_WIDTH), ==, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static WaWard *
ward_by_name (WaAtlas *atlas, const char *name, const char *lad_code)
{
  for (guint i = 0; i < wa_atlas_get_n_wards (atlas); i++)
    {
      WaWard *w = wa_atlas_get_ward (atlas, i);

      if (g_str_equal (wa_ward_get_name (w), name)
          && g_str_equal (wa_ward_get_lad_code (w), lad_code))
        return w;
    }
  return NULL;
}

/* Marfleet (Hull) has East Riding's large rural wards for neighbours:
 * they are context, not the extent. */
static void
test_ward_map_layout (void)
{
  /* The same layout in both editions: the sanitizer build checks 2019 only
   * rather than open a second pack. */
  g_autoptr(WaAtlas) atlas = wa_test_open_pack (wa_test_edition_wanted ("2025") ? "2025" : "2019");
  g_autoptr(WaBriefing) briefing = NULL;
  WaWard *ward;

  if (atlas == NULL)
    return;
  ward = ward_by_name (atlas, "Marfleet", "E06000010");
  g_assert_nonnull (ward);
  briefing = wa_briefing_new_for_ward (atlas, ward, NULL, WA_PALETTE_VIRIDIS);
  assert_map_shows_subject (briefing, 0.35);
}

/* The North East (its Tees Valley once under the attribution strip), and
 * a council's sources without other areas' local asset datasets. */
static void
test_area_map_and_sources (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(WaBriefing) region = NULL, hull = NULL;
  g_autofree char *path = NULL, *text = NULL;
  char *dir;

  if (!have_prerequisites ())
    return;
  atlas = wa_test_open_pack ("2019");
  region = wa_briefing_new_for_area (atlas, WA_AREA_REGION, "E12000001", NULL, WA_PALETTE_VIRIDIS,
                                     &error);
  g_assert_no_error (error);
  assert_map_shows_subject (region, 0.7);

  hull = wa_briefing_new_for_area (atlas, WA_AREA_LAD, "E06000010", NULL, WA_PALETTE_VIRIDIS, &error);
  g_assert_no_error (error);
  dir = wa_test_tmpdir_new ();
  path = g_build_filename (dir, "hull.pdf", NULL);
  g_assert_true (wa_briefing_write_pdf (hull, path, FALSE, NULL, &error));
  g_assert_no_error (error);
  text = flat_text (path);
  /* The full council name, not cut to one line in a bold table row. */
  g_assert_nonnull (strstr (text, "Kingston upon Hull, City of"));
  /* England-wide datasets stay; Greater Manchester's and Trafford's go,
   * summed up in one line. */
  g_assert_nonnull (strstr (text, "GP practices (epraccur)"));
  g_assert_null (strstr (text, "in Greater Manchester"));
  g_assert_null (strstr (text, "Trafford ("));
  g_assert_nonnull (strstr (text, "local asset datasets covering other areas: Greater Manchester, "));
  wa_test_tmpdir_free (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/briefing-real/ward", test_ward_briefing);
  g_test_add_func ("/briefing-real/area", test_area_briefing);
  g_test_add_func ("/briefing-real/longest-wards-fit-three-pages", test_longest_ward_briefings);
  g_test_add_func ("/briefing-real/bad-input", test_bad_input);
  g_test_add_func ("/briefing-real/ward-map-layout", test_ward_map_layout);
  g_test_add_func ("/briefing-real/area-map-and-sources", test_area_map_and_sources);
  g_test_add_func ("/briefing-real/map-image-and-profile", test_map_image_and_profile);
  return g_test_run ();
}
