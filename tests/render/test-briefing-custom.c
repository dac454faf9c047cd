/* test-briefing-custom.c: the briefing on a custom area (issue 20): a
 * GeoJSON polygon around Marfleet (Hull), written here, through
 * `ward-atlas-cli briefing --area` (and `map-image --area`) as a user runs
 * them, and through the API for the map's layout. Page 1 is kept as
 * tests/briefing-custom-area.png in the build tree for reviewers.
 * Skipped when the 2019 pack or pdftotext is missing. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "wa-briefing.h"
#include "wa-briefing-private.h"
#include "wa-custom-area.h"
#include "wa-format.h"
#include "wa-page-layout.h"

#include "wa-test-fixtures.h"

#define AREA_NAME "Marfleet test area"

/* Two areas: the one briefed, around Marfleet, and a small square to the
 * west, so that the file needs --name. */
static const char geojson[] =
  "{\"type\":\"FeatureCollection\",\"features\":["
  "{\"type\":\"Feature\",\"properties\":{\"name\":\"" AREA_NAME "\"},"
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-0.300,53.735],[-0.262,53.735],"
  "[-0.262,53.755],[-0.300,53.755],[-0.300,53.735]]]}},"
  "{\"type\":\"Feature\",\"properties\":{\"name\":\"West square\"},"
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-0.360,53.740],[-0.350,53.740],"
  "[-0.350,53.748],[-0.360,53.748],[-0.360,53.740]]]}}]}";

static int
run (const char * const *argv, char **out, char **err)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static gboolean
have_prerequisites (void)
{
  const char *pack = g_getenv ("WA_PACK_2019");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pack == NULL || !g_file_test (pack, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("WA_PACK_2019 not built");
      return FALSE;
    }
  if (pdftotext == NULL)
    {
      g_test_skip ("poppler-utils not installed");
      return FALSE;
    }
  return TRUE;
}

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

/* The map frame spans the text width (A4 less MARGIN_X of wa-page-layout.c). */
#define TEXT_WIDTH (WA_PAGE_A4_WIDTH - 2 * 42.0)

static void
test_custom_area_briefing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(WaBriefing) briefing = NULL;
  g_autofree char *file = NULL, *pdf = NULL, *out = NULL, *err = NULL, *text = NULL;
  g_autofree char *residents = NULL;
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  WaCustomAreaFigures f = { 0 };
  WaCustomArea *area = NULL;
  WaMapFigureLayout l;
  char *dir;

  if (!have_prerequisites ())
    return;
  dir = wa_test_tmpdir_new ();
  file = g_build_filename (dir, "areas.geojson", NULL);
  pdf = g_build_filename (dir, "area.pdf", NULL);
  g_assert_true (g_file_set_contents (file, geojson, -1, NULL));

  /* The figures the briefing must print. */
  atlas = wa_test_open_pack ("2019");
  g_assert_true (wa_custom_area_import (file, NULL, &areas, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (areas->len, ==, 2);
  for (guint i = 0; i < areas->len; i++)
    if (g_str_equal (wa_custom_area_get_name (g_ptr_array_index (areas, i)), AREA_NAME))
      area = g_ptr_array_index (areas, i);
  g_assert_nonnull (area);
  g_assert_true (wa_custom_area_compute (atlas, area, &f, &error));
  g_assert_no_error (error);
  residents = wa_format_count ((gint64) llround (f.population));
  wa_custom_area_figures_clear (&f);

  /* Two areas and no choice: an error naming both, no file. */
  {
    const char *argv[] = { g_getenv ("WA_CLI"), "briefing", g_getenv ("WA_PACK_2019"),
                           "--area", file, "-o", pdf, NULL };

    g_assert_cmpint (run (argv, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "--name"));
    g_assert_nonnull (strstr (err, AREA_NAME));
    g_assert_nonnull (strstr (err, "West square"));
    g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { g_getenv ("WA_CLI"), "briefing", g_getenv ("WA_PACK_2019"),
                           "--area", file, "--name", AREA_NAME, "-o", pdf, NULL };

    g_assert_cmpint (run (argv, &out, &err), ==, 0);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  }
  {
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
    g_autofree char *raw = NULL;

    g_assert_cmpint (run (argv, &raw, NULL), ==, 0);
    text = g_regex_replace_literal (space, raw, -1, 0, " ", 0, NULL);
  }
  g_assert_nonnull (strstr (text, AREA_NAME));
  g_assert_nonnull (strstr (text, "Custom area briefing"));
  g_assert_nonnull (strstr (text, residents));
  g_assert_nonnull (strstr (text, "would rank"));
  g_assert_nonnull (strstr (text, "not an official rank"));
  g_assert_nonnull (strstr (text, "Marfleet"));
  g_assert_nonnull (strstr (text, "Wards the area touches"));

  /* Page 1 kept in the build tree for a reviewer (the screenshot),
   * when pdftoppm is there. */
  {
    g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
    g_autofree char *stem = g_build_filename (g_getenv ("G_TEST_BUILDDIR"),
                                              "briefing-custom-area", NULL);
    const char *argv[] = { "pdftoppm", "-r", "110", "-f", "1", "-l", "1", "-singlefile", "-png",
                           pdf, stem, NULL };

    if (pdftoppm != NULL && g_getenv ("G_TEST_BUILDDIR") != NULL)
      {
        g_assert_cmpint (run (argv, NULL, NULL), ==, 0);
        g_test_message ("page 1 rendered to %s.png", stem);
      }
  }

  /* The same area as a map image, fitted to it. */
  {
    g_autofree char *png = g_build_filename (dir, "area.png", NULL);
    const char *argv[] = { g_getenv ("WA_CLI"), "map-image", g_getenv ("WA_PACK_2019"),
                           "--area", file, "--feature", "1", "-o", png, NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (argv, &out, &err), ==, 0);
    g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  }

  /* The area is whole inside the map frame, clear of the overlays. */
  briefing = wa_briefing_new_custom_area (atlas, area, WA_PALETTE_VIRIDIS, &error);
  g_assert_no_error (error);
  {
    cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create (surface);

    wa_briefing_paginate (briefing, cr, WA_PAGE_A4_WIDTH, WA_PAGE_A4_HEIGHT);
    g_assert_nonnull (briefing->map);
    wa_map_figure_get_layout (briefing->map, cr, TEXT_WIDTH, &l);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  g_assert_true (box_inside (&l.subject, &l.frame));
  g_assert_false (boxes_overlap (&l.subject, &l.legend));
  g_assert_false (boxes_overlap (&l.subject, &l.attribution));
  g_assert_false (boxes_overlap (&l.subject, &l.scale_bar));
  g_assert_false (boxes_overlap (&l.subject, &l.north_arrow));
  /* Large enough to read: a quarter of the frame on one axis at least. */
  g_assert_cmpfloat (MAX ((l.subject.max_x - l.subject.min_x) / (l.frame.max_x - l.frame.min_x),
                          (l.subject.max_y - l.subject.min_y) / (l.frame.max_y - l.frame.min_y)),
                     >=, 0.25);
  wa_test_tmpdir_free (dir);
}

/* An LSOA set's map outlines its LSOAs, read from the pack, each once;
 * the subject is their extent. */
static void
test_lsoa_set_outline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(WaCustomArea) area = NULL;
  g_autoptr(GPtrArray) geometries = NULL;
  g_autoptr(WaBriefing) briefing = NULL;
  WaCustomAreaFigures f = { 0 };
  WaLsoas *lsoas;
  const char *codes[4] = { NULL };

  if (!have_prerequisites ())
    return;
  atlas = wa_test_open_pack ("2019");
  lsoas = wa_atlas_get_lsoas (atlas);
  g_assert_nonnull (lsoas);
  /* Three LSOAs of Marfleet, whatever their codes in this edition. */
  {
    WaWard *marfleet = NULL;
    const guint *members;
    guint n;

    for (guint i = 0; i < wa_atlas_get_n_wards (atlas) && marfleet == NULL; i++)
      {
        WaWard *w = wa_atlas_get_ward (atlas, i);

        if (g_str_equal (wa_ward_get_name (w), "Marfleet")
            && g_str_equal (wa_ward_get_lad_code (w), "E06000010"))
          marfleet = w;
      }
    g_assert_nonnull (marfleet);
    members = wa_lsoas_get_ward_lsoas (lsoas, wa_ward_get_index (marfleet), &n);
    g_assert_cmpuint (n, >=, 3);
    for (guint i = 0; i < 3; i++)
      codes[i] = wa_lsoas_get (lsoas, members[i])->code;
  }
  area = wa_custom_area_new_lsoas ("Three neighbourhoods", codes);
  g_assert_true (wa_custom_area_compute (atlas, area, &f, &error));
  g_assert_no_error (error);
  geometries = wa_custom_area_dup_lsoa_geometries (atlas, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (geometries->len, ==, 3);
  wa_custom_area_figures_clear (&f);

  briefing = wa_briefing_new_custom_area (atlas, area, WA_PALETTE_VIRIDIS, &error);
  g_assert_no_error (error);
  g_assert_nonnull (briefing->map);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/briefing-custom/polygon", test_custom_area_briefing);
  g_test_add_func ("/briefing-custom/lsoa-set-outline", test_lsoa_set_outline);
  return g_test_run ();
}
