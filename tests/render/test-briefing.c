/* test-briefing.c: the page layout, the briefing, map images and ward
 * profiles on a pack built from in-code sources (four wards, one council,
 * no asset data). PDF text is read back with pdftotext (poppler-utils)
 * where it is installed. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>

#include "wa-asset-benchmark.h"
#include "wa-briefing.h"
#include "wa-briefing-private.h"
#include "wa-map-drawing.h"
#include "wa-page-layout.h"
#include "wa-test-fixtures.h"

typedef struct {
  WaTestSources sources;
  WaAtlas *atlas;
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  wa_test_sources_init (&f->sources);
  g_assert_true (wa_test_sources_build (&f->sources, FALSE, &error));
  f->atlas = wa_atlas_open (f->sources.output, &error);
  g_assert_no_error (error);
  f->dir = wa_test_tmpdir_new ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->atlas);
  wa_test_sources_clear (&f->sources);
  wa_test_tmpdir_free (f->dir);
}

/* The PDF's pages' text, each with runs of white space made one space,
 * or NULL when pdftotext is not installed. */
static GStrv
pdf_pages_full (const char *path, gboolean body_only)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  /* The body of an A4 page, without the running header and footer that
   * would otherwise break a paragraph carried over a page. */
  const char *argv[] = { tool, "-enc", "UTF-8", "-x", "0", "-y", "40", "-W", "596", "-H", "750",
                         path, "-", NULL };
  const char *argv_all[] = { tool, "-enc", "UTF-8", path, "-", NULL };
  GStrv pages;
  int status;

  if (tool == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) (body_only ? argv : argv_all), NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  pages = g_strsplit (out, "\f", -1);
  for (guint i = 0; pages[i] != NULL; i++)
    {
      char *flat = g_regex_replace_literal (space, pages[i], -1, 0, " ", 0, NULL);

      g_free (pages[i]);
      pages[i] = flat;
    }
  return pages;
}

/* The PDF's text as laid out (a table row on one line), white space made
 * single spaces, or NULL without pdftotext. */
static char *
pdf_layout_text (const char *path)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  const char *argv[] = { tool, "-enc", "UTF-8", "-layout", path, "-", NULL };
  int status;

  if (tool == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_regex_replace_literal (space, out, -1, 0, " ", 0, NULL);
}

static GStrv
pdf_pages (const char *path)
{
  return pdf_pages_full (path, FALSE);
}

/* The text of an A4 PDF's page bodies, white space made single spaces. */
static char *
pdf_text (const char *path)
{
  g_auto(GStrv) pages = pdf_pages_full (path, TRUE);

  return pages != NULL ? g_strjoinv (" ", pages) : NULL;
}

static guint
count_occurrences (const char *haystack, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static char *
collapse (const char *text)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

static gboolean
write_layout_pdf (WaPageLayout *doc, const char *path, double width, double height, guint *n_pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, width, height);
  cairo_t *cr = cairo_create (surface);
  gboolean ok;

  *n_pages = wa_page_layout_paginate (doc, cr, width, height);
  for (guint p = 0; p < *n_pages; p++)
    {
      wa_page_layout_draw_page (doc, cr, p);
      cairo_show_page (cr);
    }
  ok = cairo_status (cr) == CAIRO_STATUS_SUCCESS;
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return ok;
}

/* A long table carries on over pages with its header repeated; every row
 * appears exactly once. */
static void
test_table_pagination (Fixture *f, gconstpointer data)
{
  WaPageLayout *doc = wa_page_layout_new ();
  g_autofree char *path = g_build_filename (f->dir, "table.pdf", NULL);
  g_autofree char *text = NULL;
  static const double widths[] = { 0.5, 0.5 };
  const char *headers[] = { "Column Alpha", "Column Beta" };
  WaTable *table;
  guint n_pages;

  wa_page_layout_set_footer (doc, "Footer text");
  wa_page_layout_add_paragraph (doc, "Before the table.", 0);
  wa_page_layout_add_heading (doc, "Long table", 1);
  table = wa_page_layout_add_table (doc, "Caption", 2, headers, widths, NULL);
  for (guint i = 1; i <= 150; i++)
    {
      g_autofree char *a = g_strdup_printf ("row%03u", i);
      const char *cells[] = { a, i % 7 == 0 ? "a cell long enough to wrap onto a second line "
                                              "in a column half the page wide, and more" : "b" };

      wa_table_add_row (table, cells, i % 10 == 0 ? WA_ROW_HIGHLIGHT : WA_ROW_NORMAL);
    }
  g_assert_cmpuint (wa_table_get_n_rows (table), ==, 150);
  g_assert_true (write_layout_pdf (doc, path, WA_PAGE_A4_WIDTH, WA_PAGE_A4_HEIGHT, &n_pages));
  g_assert_cmpuint (n_pages, >=, 3);
  g_assert_cmpuint (wa_page_layout_get_n_continued (doc), ==, n_pages - 1);
  {
    g_auto(GStrv) pages = pdf_pages (path);

    text = pages != NULL ? g_strjoinv (" ", pages) : NULL;
  }
  if (text != NULL)
    {
      for (guint i = 1; i <= 150; i++)
        {
          g_autofree char *row = g_strdup_printf ("row%03u", i);

          g_assert_cmpuint (count_occurrences (text, row), ==, 1);
        }
      g_assert_cmpuint (count_occurrences (text, "Column Alpha"), ==, n_pages);
      g_assert_cmpuint (count_occurrences (text, "Caption (continued)"), ==, n_pages - 1);
      g_assert_cmpuint (count_occurrences (text, "Footer text"), ==, n_pages);
    }
  wa_page_layout_free (doc);
}

/* The text pdftotext finds between x and x + width on every page, or
 * NULL when pdftotext is not installed. */
static char *
pdf_text_in_band (const char *path, int x, int width)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  g_autofree char *x_arg = g_strdup_printf ("%d", x);
  g_autofree char *w_arg = g_strdup_printf ("%d", width);
  const char *argv[] = { tool, "-enc", "UTF-8", "-x", x_arg, "-y", "0", "-W", w_arg, "-H", "2000",
                         path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (tool == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* A list in two columns is balanced and read down the left column, then
 * the right; a list longer than the page carries on overleaf, every item
 * once. */
static void
test_column_list (Fixture *f, gconstpointer data)
{
  WaPageLayout *doc = wa_page_layout_new ();
  WaPageLayout *long_doc = wa_page_layout_new ();
  g_autofree char *path = g_build_filename (f->dir, "columns.pdf", NULL);
  g_autofree char *long_path = g_build_filename (f->dir, "columns-long.pdf", NULL);
  g_autofree char *left = NULL, *right = NULL, *text = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  guint n_pages;

  for (guint i = 1; i <= 80; i++)
    g_ptr_array_add (items, g_strdup_printf ("<b>item%02u</b> a dataset", i));
  wa_page_layout_add_paragraph (doc, "Before the list.", 0);
  wa_page_layout_add_columns (doc, (const char * const *) items->pdata, 20, 8);
  g_assert_true (write_layout_pdf (doc, path, WA_PAGE_A4_WIDTH, WA_PAGE_A4_HEIGHT, &n_pages));
  g_assert_cmpuint (n_pages, ==, 1);
  left = pdf_text_in_band (path, 0, 297);
  right = pdf_text_in_band (path, 297, 300);
  if (left != NULL)
    for (guint i = 1; i <= 20; i++)
      {
        g_autofree char *item = g_strdup_printf ("item%02u", i);

        g_assert_cmpuint (count_occurrences (i <= 10 ? left : right, item), ==, 1);
        g_assert_cmpuint (count_occurrences (i <= 10 ? right : left, item), ==, 0);
      }

  wa_page_layout_add_paragraph (long_doc, "Before the list.", 0);
  wa_page_layout_add_columns (long_doc, (const char * const *) items->pdata, items->len, 9);
  g_assert_true (write_layout_pdf (long_doc, long_path, 300, 320, &n_pages));
  g_assert_cmpuint (n_pages, >=, 3);
  text = pdf_text_in_band (long_path, 0, 300);
  for (guint i = 1; text != NULL && i <= items->len; i++)
    {
      g_autofree char *item = g_strdup_printf ("item%02u", i);

      g_assert_cmpuint (count_occurrences (text, item), ==, 1);
    }
  wa_page_layout_free (doc);
  wa_page_layout_free (long_doc);
}

/* On a small page, a heading that would end a page moves over with the
 * paragraph it introduces. */
static void
test_heading_keeps_with_next (Fixture *f, gconstpointer data)
{
  WaPageLayout *doc = wa_page_layout_new ();
  g_autofree char *path = g_build_filename (f->dir, "heading.pdf", NULL);
  g_auto(GStrv) pages = NULL;
  guint n_pages;
  gboolean found = FALSE;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *filler = g_strdup_printf ("Filler paragraph %u of the test.", i);

      wa_page_layout_add_paragraph (doc, filler, 0);
      if (i % 9 == 8)
        {
          g_autofree char *heading = g_strdup_printf ("Heading%u", i);
          g_autofree char *body = g_strdup_printf ("Body%u follows its heading. It is long "
                                                   "enough to take more than one line on this "
                                                   "small page.", i);

          wa_page_layout_add_heading (doc, heading, 2);
          wa_page_layout_add_paragraph (doc, body, 0);
        }
    }
  g_assert_true (write_layout_pdf (doc, path, 300, 320, &n_pages));
  g_assert_cmpuint (n_pages, >, 3);
  pages = pdf_pages (path);
  for (guint p = 0; pages != NULL && pages[p] != NULL; p++)
    for (guint i = 8; i < 40; i += 9)
      {
        g_autofree char *heading = g_strdup_printf ("Heading%u", i);
        g_autofree char *body = g_strdup_printf ("Body%u", i);

        if (strstr (pages[p], heading) != NULL)
          {
            g_assert_nonnull (strstr (pages[p], body));
            found = TRUE;
          }
      }
  g_assert_true (pages == NULL || found);
  wa_page_layout_free (doc);
}

static void
test_ward_briefing (Fixture *f, gconstpointer data)
{
  WaWard *ward = wa_atlas_lookup_ward (f->atlas, "E05000002");
  g_autoptr(WaBriefing) briefing = wa_briefing_new_for_ward (f->atlas, ward, NULL, WA_PALETTE_VIRIDIS);
  g_autofree char *path = g_build_filename (f->dir, "ward.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) attributions = wa_atlas_dup_attributions (f->atlas);
  g_autofree char *method = wa_rank_params_describe (wa_atlas_get_rank_params (f->atlas));
  guint n_pages = 0;
  gsize len;

  g_assert_cmpstr (wa_briefing_get_title (briefing), ==, "Ward briefing: Two (Testshire)");
  g_assert_true (wa_briefing_write_pdf (briefing, path, FALSE, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, >=, 2);
  g_assert_cmpuint (n_pages, <=, 3);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* Sections are bookmarked for the viewer's outline. */
  g_assert_nonnull (memmem (contents, len, "/Outlines", strlen ("/Outlines")));
  g_assert_nonnull (memmem (contents, len, "(Social infrastructure)",
                            strlen ("(Social infrastructure)")));
  /* Nothing but the PDF is left in the folder (no temporary file). */
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (dir) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }
  text = pdf_text (path);
  if (text == NULL)
    {
      g_test_message ("pdftotext not installed: text not checked");
      return;
    }
  g_assert_nonnull (strstr (text, "Two"));
  g_assert_nonnull (strstr (text, "Testshire"));
  g_assert_nonnull (strstr (text, method));
  /* A pack without asset data gets a section that says so. */
  g_assert_nonnull (strstr (text, "Social infrastructure"));
  g_assert_nonnull (strstr (text, "No asset data in this pack"));
  g_assert_nonnull (strstr (text, "Neighbouring wards"));
  for (guint i = 0; attributions[i] != NULL; i++)
    {
      g_autofree char *line = collapse (attributions[i]);

      g_assert_nonnull (strstr (text, line));
    }
}

/* A user's own list adds "Your lists" with the ward's count, also in a
 * pack without asset data; without lists the block is absent. */
static void
test_ward_briefing_with_lists (Fixture *f, gconstpointer data)
{
  WaWard *ward = wa_atlas_lookup_ward (f->atlas, "E05000002");
  g_autofree char *csv = NULL, *source = NULL, *path = NULL, *plain_path = NULL;
  g_autofree char *text = NULL, *plain = NULL;
  g_autoptr(WaUserTable) table = NULL;
  g_autoptr(WaUserList) list = NULL;
  g_autoptr(WaBriefing) briefing = NULL, without = NULL;
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  WaUserListColumns columns = { 0, WA_USER_LIST_BY_LON_LAT, -1, 1, 2 };
  double lon, lat, radius;

  g_assert_true (wa_ward_get_label_point (ward, &lon, &lat, &radius));
  csv = g_strdup_printf ("name,lon,lat\nHub A,%.6f,%.6f\nHub B,%.6f,%.6f\nHub C,%.6f,%.6f\n",
                         lon, lat, lon, lat, lon, lat);
  source = wa_test_write_file (f->dir, "hubs.csv", csv);
  table = wa_user_table_read (source, 0, NULL, &error);
  g_assert_no_error (error);
  list = wa_user_list_locate (f->atlas, table, &columns, "Community hubs", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (lists, list);

  briefing = wa_briefing_new_for_ward_with_lists (f->atlas, ward, NULL, WA_PALETTE_VIRIDIS, lists);
  path = g_build_filename (f->dir, "ward-lists.pdf", NULL);
  g_assert_true (wa_briefing_write_pdf (briefing, path, FALSE, NULL, &error));
  g_assert_no_error (error);
  without = wa_briefing_new_for_ward (f->atlas, ward, NULL, WA_PALETTE_VIRIDIS);
  plain_path = g_build_filename (f->dir, "ward.pdf", NULL);
  g_assert_true (wa_briefing_write_pdf (without, plain_path, FALSE, NULL, &error));
  text = pdf_text (path);
  plain = pdf_text (plain_path);
  if (text == NULL)
    {
      g_test_message ("pdftotext not installed: text not checked");
      return;
    }
  g_assert_nonnull (strstr (text, "Your lists"));
  /* The list's name, then its count and rate per 1,000 (3 places, 400
   * residents), as pdftotext reads the table's cells. */
  g_assert_nonnull (strstr (strstr (text, "Your lists"), "Community hubs"));
  g_assert_nonnull (strstr (strstr (text, "Community hubs"), " 3 7.50 "));
  g_assert_null (strstr (plain, "Your lists"));
}

/* The /Alt text strings (UTF-16BE hex) of a PDF, as UTF-8. */
static GPtrArray *
pdf_alt_texts (const char *contents, gsize len)
{
  GPtrArray *alts = g_ptr_array_new_with_free_func (g_free);
  const char *end = contents + len;

  for (const char *p = memmem (contents, len, "/Alt <FEFF", 10); p != NULL;
       p = memmem (p + 1, end - p - 1, "/Alt <FEFF", 10))
    {
      g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gunichar2));
      const char *h = p + 10;

      for (; h + 4 <= end && g_ascii_isxdigit (*h); h += 4)
        {
          char hex[5] = { h[0], h[1], h[2], h[3], 0 };
          gunichar2 unit = (gunichar2) g_ascii_strtoull (hex, NULL, 16);

          g_array_append_val (units, unit);
        }
      g_ptr_array_add (alts, g_utf16_to_utf8 ((gunichar2 *) units->data, units->len, NULL, NULL,
                                              NULL));
    }
  return alts;
}

/* A briefing is a tagged PDF: marked (pdfinfo says "Tagged: yes"), with a
 * language, headings, a table with header cells and a figure whose
 * alternative text names the ward and its council. */
static void
test_tagged_pdf (Fixture *f, gconstpointer data)
{
  WaWard *ward = wa_atlas_lookup_ward (f->atlas, "E05000002");
  g_autoptr(WaBriefing) briefing = wa_briefing_new_for_ward (f->atlas, ward, NULL, WA_PALETTE_VIRIDIS);
  g_autofree char *path = g_build_filename (f->dir, "tagged.pdf", NULL);
  g_autofree char *tool = g_find_program_in_path ("pdfinfo");
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) alts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean map_named = FALSE;
  gsize len;

  g_assert_true (wa_briefing_write_pdf (briefing, path, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_nonnull (memmem (contents, len, "/MarkInfo << /Marked true >>", 28));
  g_assert_nonnull (memmem (contents, len, "/Lang (en-GB)", 13));
  for (guint i = 0; i < 7; i++)
    {
      const char *tags[] = { "/S /Document\n", "/S /H1\n", "/S /P\n", "/S /Table\n", "/S /TH\n",
                             "/S /TD\n", "/S /Figure\n" };

      g_assert_nonnull (memmem (contents, len, tags[i], strlen (tags[i])));
    }
  alts = pdf_alt_texts (contents, len);
  g_assert_cmpuint (alts->len, >=, 3);
  for (guint i = 0; i < alts->len; i++)
    {
      const char *alt = g_ptr_array_index (alts, i);

      g_assert_nonnull (alt);
      map_named |= strstr (alt, "Map") != NULL && strstr (alt, "Two") != NULL
                   && strstr (alt, "Testshire") != NULL;
    }
  g_assert_true (map_named);
  if (tool != NULL)
    {
      const char *argv[] = { tool, path, NULL };
      g_autofree char *out = NULL;
      int status;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                    NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (out, "Tagged:          yes"));
      g_assert_nonnull (strstr (out, "Title:           Ward briefing: Two (Testshire)"));
    }
  else
    g_test_message ("pdfinfo not installed: not read back");
}

static void
test_area_briefing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaBriefing) briefing = wa_briefing_new_for_area (f->atlas, WA_AREA_LAD, "E06000001", NULL,
                                                             WA_PALETTE_MAGMA, &error);
  g_autofree char *path = g_build_filename (f->dir, "area.pdf", NULL);
  g_autofree char *text = NULL;
  WaBriefing *missing;

  g_assert_no_error (error);
  g_assert_cmpstr (wa_briefing_get_title (briefing), ==, "Council area briefing: Testshire");
  g_assert_true (wa_briefing_write_pdf (briefing, path, FALSE, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  for (guint i = 0; text != NULL && i < wa_atlas_get_n_wards (f->atlas); i++)
    g_assert_nonnull (strstr (text, wa_ward_get_name (wa_atlas_get_ward (f->atlas, i))));

  missing = wa_briefing_new_for_area (f->atlas, WA_AREA_LAD, "E06999999", NULL, WA_PALETTE_VIRIDIS,
                                      &error);
  g_assert_null (missing);
  g_assert_error (error, WA_ERROR, WA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "E06999999"));
}

/* The "Since 2019" block: with the change, the ward's category, its old
 * wards with their shares and ranks, and the caveat line; without one,
 * or with a change made from another copy of the pack (whose wards are
 * not this atlas's), one line saying it is not shown. */
static void
check_ward_briefing_change (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) other = wa_atlas_open (f->sources.output, &error);
  g_autoptr(WaChange) change = wa_test_change_for_atlas (f->atlas);
  g_autoptr(WaChange) foreign = wa_test_change_for_atlas (other);
  WaWard *ward = wa_atlas_lookup_ward (f->atlas, "E05000002");
  const WaWardChange *c = wa_change_lookup (change, "E05000002");
  const char *label = wa_change_category_label (c->category, c->partly);
  WaChange *cases[] = { change, NULL, foreign };

  g_assert_true (c->partly);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WaBriefing) briefing = wa_briefing_new_for_ward (f->atlas, ward, cases[i],
                                                                 WA_PALETTE_VIRIDIS);
      g_autofree char *path = g_strdup_printf ("%s/change-%u.pdf", f->dir, i);
      g_autofree char *text = NULL;

      g_assert_true (wa_briefing_write_pdf (briefing, path, FALSE, NULL, &error));
      g_assert_no_error (error);
      if ((text = pdf_text (path)) == NULL)
        {
          g_test_message ("pdftotext not installed: not read back");
          return;
        }
      if (cases[i] != change)
        {
          g_assert_nonnull (strstr (text, "Since 2019: not shown"));
          g_assert_null (strstr (text, label));
          continue;
        }
      g_assert_null (strstr (text, "not shown"));
      g_assert_nonnull (strstr (text, label));
      g_assert_nonnull (strstr (text, "Old Two's (60 %; 2 of 4 in 2019, left behind)"));
      g_assert_nonnull (strstr (text, "Old Three (40 %; 3 of 4 in 2019, not left behind)"));
      g_assert_nonnull (strstr (text, "2019 (its 2017 wards): top 60 %"));
      g_assert_nonnull (strstr (text, "not directly comparable with CNI 2019"));
    }
}

/* A council's block: its wards under their categories, partly marked. */
static void
check_area_briefing_change (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaChange) change = wa_test_change_for_atlas (f->atlas);
  g_autoptr(WaBriefing) briefing = wa_briefing_new_for_area (f->atlas, WA_AREA_LAD, "E06000001",
                                                             change, WA_PALETTE_VIRIDIS, &error);
  g_autofree char *path = g_build_filename (f->dir, "area-change.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (wa_briefing_write_pdf (briefing, path, FALSE, NULL, &error));
  g_assert_no_error (error);
  if ((text = pdf_text (path)) == NULL)
    return;
  g_assert_nonnull (strstr (text, "Since 2019"));
  g_assert_nonnull (strstr (text, "Two (partly)"));
  for (int k = 0; k < WA_N_CHANGE_CATEGORIES; k++)
    g_assert_nonnull (strstr (text, wa_change_category_label (k, FALSE)));
}

/* The national change briefing: the totals per category and every ward
 * that entered or left the list (or stayed) under its category and
 * region. The fixture pack is of one edition, so it stands for both
 * atlases: the test reads the lists and totals, not the edition words. */
static void
check_change_briefing (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaChange) change = wa_test_change_for_atlas (f->atlas);
  g_autoptr(WaBriefing) briefing = wa_briefing_new_for_change (change, f->atlas, f->atlas);
  g_autofree char *path = g_build_filename (f->dir, "national.pdf", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;
  guint listed = 0;

  g_assert_true (wa_briefing_write_pdf (briefing, path, FALSE, NULL, &error));
  g_assert_no_error (error);
  /* Tagged as the other briefings are: a language, headings by region. */
  {
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
    g_assert_nonnull (memmem (contents, len, "/Lang (en-GB)", 13));
    g_assert_nonnull (memmem (contents, len, "/S /H2\n", 7));
    g_assert_nonnull (memmem (contents, len, "/S /TH\n", 7));
  }
  /* Whole pages: a table's last row may sit in the band the body text skips. */
  if ((pages = pdf_pages (path)) == NULL)
    return;
  text = g_strjoinv (" ", pages);
  g_assert_nonnull (strstr (text, "England: wards and residents per category"));
  for (int k = 0; k < WA_N_CHANGE_CATEGORIES; k++)
    {
      WaChangeTotals t;
      g_autofree char *heading = NULL;
      g_autofree char *people = NULL;

      wa_change_get_totals (change, k, &t);
      heading = g_strdup_printf ("%s: %u", wa_change_category_label (k, FALSE), t.n_wards);
      people = wa_format_count ((gint64) t.residents_now);
      g_assert_nonnull (strstr (text, people));
      if (k != WA_CHANGE_NEITHER)
        {
          g_assert_nonnull (strstr (text, heading));
          listed += t.n_wards;
        }
    }
  g_assert_cmpuint (listed, >, 0);
  for (guint i = 0; i < wa_change_get_n_wards (change); i++)
    {
      const WaWardChange *c = wa_change_get_ward (change, i);

      if (c->category != WA_CHANGE_NEITHER)
        g_assert_nonnull (strstr (text, wa_ward_get_name (c->ward)));
    }
  g_assert_nonnull (strstr (text, "North East ("));
  g_assert_nonnull (strstr (text, "not directly comparable with CNI 2019"));
}

/* The three on one fixture: building it is most of the time. */
static void
test_briefing_change (Fixture *f, gconstpointer data)
{
  check_ward_briefing_change (f);
  check_area_briefing_change (f);
  check_change_briefing (f);
}

/* A folder that does not exist, and a file that may not be replaced: a
 * clear error naming the file, and nothing written. */
static void
test_write_failures (Fixture *f, gconstpointer data)
{
  WaWard *ward = wa_atlas_lookup_ward (f->atlas, "E05000001");
  g_autoptr(WaBriefing) briefing = wa_briefing_new_for_ward (f->atlas, ward, NULL, WA_PALETTE_VIRIDIS);
  g_autofree char *bad = g_build_filename (f->dir, "no-such-folder", "ward.pdf", NULL);
  g_autofree char *existing = wa_test_write_file (f->dir, "existing.pdf", "keep me");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (wa_briefing_write_pdf (briefing, bad, TRUE, NULL, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, bad));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (wa_briefing_write_pdf (briefing, existing, FALSE, NULL, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, existing));
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");
  g_clear_error (&error);

  g_assert_true (wa_briefing_write_pdf (briefing, existing, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

static void
test_map_png (Fixture *f, gconstpointer data)
{
  g_autoptr(WaMapStyle) style = wa_map_style_new (f->atlas, WA_PALETTE_VIRIDIS);
  g_autofree char *path = g_build_filename (f->dir, "map.png", NULL);
  const WaBBox box = { -1.05, 51.95, -0.55, 52.15 };
  g_autoptr(GError) error = NULL;
  WaMapDrawOptions options;
  cairo_surface_t *image;
  WaMapView view;

  wa_map_view_fit_bbox (&view, &box, 400, 300, 0.05, 16);
  g_assert_cmpfloat (view.width, ==, 400);
  wa_map_draw_options_init (&options);
  options.focus_ward = 1;
  options.focus_lad_code = "E06000001";
  options.asset_domains = 0x7;   /* none in this pack: nothing drawn, no failure */
  g_assert_true (wa_map_write_png (style, &view, &options, 2, path, FALSE, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 600);
  cairo_surface_destroy (image);
  /* Not replaced without leave. */
  g_assert_false (wa_map_write_png (style, &view, &options, 1, path, FALSE, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
}

/* A ward's map names the ward, over its outline: ward One's label point
 * is also the town Squareton's, which the map of its own placed first and
 * so dropped the ward's name. */
static void
test_map_names_subject (Fixture *f, gconstpointer data)
{
  g_autoptr(WaMapStyle) style = wa_map_style_new (f->atlas, WA_PALETTE_VIRIDIS);
  g_autofree char *path = g_build_filename (f->dir, "map.pdf", NULL);
  WaWard *ward = wa_atlas_lookup_ward (f->atlas, "E05000001");
  g_auto(GStrv) pages = NULL;
  WaMapDrawOptions options;
  cairo_surface_t *surface;
  cairo_t *cr;
  WaMapView view;

  /* At a fractional zoom, as briefing maps are. */
  wa_map_view_centre (&view, -0.95, 52.05, 11.6, 500, 400);
  wa_map_draw_options_init (&options);
  options.flags = WA_MAP_DRAW_LABELS;
  options.focus_ward = (int) wa_ward_get_index (ward);
  surface = cairo_pdf_surface_create (path, 500, 400);
  cr = cairo_create (surface);
  g_assert_true (wa_map_draw (style, &view, &options, cr, NULL));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  pages = pdf_pages (path);
  if (pages == NULL)
    {
      g_test_message ("pdftotext not installed: map names not checked");
      return;
    }
  g_assert_nonnull (strstr (pages[0], wa_ward_get_name (ward)));
}

static void
test_profile (Fixture *f, gconstpointer data)
{
  WaWard *ward = wa_atlas_lookup_ward (f->atlas, "E05000002");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = wa_ward_profile_to_csv (f->atlas, ward, &error);
  g_autoptr(GBytes) json = wa_ward_profile_to_json (f->atlas, ward);
  g_autofree char *csv_text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *python = g_find_program_in_path ("python3");

  g_assert_no_error (error);
  csv_text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  lines = g_strsplit (g_strstrip (csv_text), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_prefix (lines[0], "ward_code,ward_name,lad_code"));
  g_assert_true (g_str_has_prefix (lines[1], "E05000002,Two,E06000001"));
  g_assert_nonnull (strstr (lines[0], "imd_rank"));
  g_assert_nonnull (strstr (lines[0], "cni_civic_assets_decile"));
  if (python != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, "profile.json", NULL);
      g_autofree char *out = NULL;
      const char *argv[] = { python, "-c",
                             "import json,sys; d=json.load(open(sys.argv[1])); "
                             "print(d['ward']['code'], d['ward']['lad_name'], len(d['indicators']), "
                             "d['comparison']['lad']['wards'], len(d['assets']), "
                             "d['assets'][0]['covered'])",
                             path, NULL };
      int status;

      g_assert_true (g_file_set_contents (path, g_bytes_get_data (json, NULL),
                                          g_bytes_get_size (json), NULL));
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_cmpstr (out, ==, "E05000002 Testshire 12 4 13 False\n");
    }
}

/* A pack with asset data: the section counts each covered category and
 * compares its rate, and names what the data do not cover. */
static void
test_ward_briefing_with_assets (void)
{
  WaTestSources sources = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(WaBriefing) briefing = NULL;
  g_autofree char *manifest = NULL, *joined = NULL, *pdf = NULL, *text = NULL;
  const char *sections =
    "[source test-libraries]\nrole=assets\ntitle=Test libraries\nfile=libraries.csv\n"
    "format=csv\neditions=2025\npublisher=Test publisher\nurl=https://example.org/\n"
    "licence=OGL\nattribution=Test library attribution\n"
    "column.name=name\ncolumn.lon=lon\ncolumn.lat=lat\n"
    "option.category=libraries\noption.coverage=england\n\n"
    "[source test-banks]\nrole=assets\ntitle=Test food banks\nfile=banks.csv\n"
    "format=csv\neditions=2025\npublisher=Test publisher\nurl=https://example.org/\n"
    "licence=OGL\nattribution=Test bank attribution\n"
    "column.name=name\ncolumn.lon=lon\ncolumn.lat=lat\n"
    "option.category=food_banks\noption.coverage=E06000099\noption.coverage_name=Elsewhere\n";

  wa_test_sources_init (&sources);
  wa_test_sources_write_csv (&sources, "libraries.csv",
                             "name,lon,lat\nLibrary One,-0.95,52.05\nLibrary Two,-0.96,52.04\n"
                             "Library Three,-0.85,52.05\n");
  wa_test_sources_write_csv (&sources, "banks.csv", "name,lon,lat\n");
  g_assert_true (g_file_get_contents (sources.manifest, &manifest, NULL, NULL));
  joined = g_strconcat (manifest, "\n", sections, NULL);
  g_free (wa_test_write_file (sources.dir, "test.manifest", joined));
  g_assert_true (wa_test_sources_build (&sources, FALSE, &error));
  g_assert_no_error (error);
  atlas = wa_atlas_open (sources.output, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wa_assets_get_n_assets (wa_atlas_get_assets (atlas)), ==, 3);

  briefing = wa_briefing_new_for_ward (atlas, wa_atlas_lookup_ward (atlas, "E05000001"), NULL, WA_PALETTE_VIRIDIS);
  pdf = g_build_filename (sources.dir, "assets.pdf", NULL);
  g_assert_true (wa_briefing_write_pdf (briefing, pdf, FALSE, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  if (text != NULL)
    {
      g_assert_null (strstr (text, "No asset data"));
      /* Two of the three libraries are in the ward: 2 per 400 residents. */
      g_assert_nonnull (strstr (text, "Civic assets Libraries"));
      g_assert_nonnull (strstr (text, "2 5.00 "));
      g_assert_nonnull (strstr (text, "England median"));
      g_assert_nonnull (strstr (text, "Not covered"));
      g_assert_nonnull (strstr (text, "data for Elsewhere only: Food banks"));
      g_assert_nonnull (strstr (text, "Test library attribution"));
      g_assert_nonnull (strstr (text, "Test libraries"));
    }
  /* The council's briefing totals the places over its covered wards. */
  {
    g_autoptr(WaBriefing) area = wa_briefing_new_for_area (atlas, WA_AREA_LAD, "E06000001", NULL,
                                                           WA_PALETTE_VIRIDIS, &error);
    g_autofree char *area_pdf = g_build_filename (sources.dir, "area.pdf", NULL);
    g_autofree char *area_text = NULL;

    g_assert_no_error (error);
    g_assert_true (wa_briefing_write_pdf (area, area_pdf, FALSE, NULL, &error));
    g_assert_no_error (error);
    area_text = pdf_text (area_pdf);
    if (area_text != NULL)
      {
        g_assert_nonnull (strstr (area_text, "Wards covered"));
        g_assert_nonnull (strstr (area_text, "4 of 4"));
        g_assert_nonnull (strstr (area_text, "Not covered anywhere in this area"));
      }
  }
  /* The national briefing's benchmark page: the national categories (the
   * libraries, not the food banks), each with the model's figures. */
  {
    g_autofree char *national_pdf = g_build_filename (sources.dir, "national.pdf", NULL);
    g_autofree char *national_text = NULL, *layout_text = NULL;
    g_auto(GStrv) pages = NULL;
    g_autoptr(WaChange) change = NULL;
    g_autoptr(WaBriefing) national = NULL;
    g_autoptr(GArray) rows = NULL;
    cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create (surface);
    WaPageLayout *page = wa_page_layout_new ();
    const WaBenchmarkRow *r;
    WaRankParams params;

    /* Two of the four wards left behind: the benchmark has a group. */
    wa_rank_params_init (&params);
    params.method = WA_RANK_METHOD_WORST_RANK;
    params.threshold_percent = 50;
    g_assert_true (wa_atlas_set_rank_params (atlas, &params, NULL));
    rows = wa_asset_benchmark_dup_rows (atlas);
    g_assert_cmpuint (rows->len, ==, 1);
    r = &g_array_index (rows, WaBenchmarkRow, 0);
    g_assert_cmpuint (r->groups[WA_BENCHMARK_LEFT_BEHIND].n_wards, >, 0);
    /* No ward of four is in the IMD's most deprived tenth: no rate there. */
    g_assert_cmpuint (r->groups[WA_BENCHMARK_OTHER_DEPRIVED].n_wards, ==, 0);

    /* No column header of the page breaks inside a word ("Left-/behind"). */
    wa_briefing_add_benchmark (page, &atlas, 1);
    wa_page_layout_paginate (page, cr, WA_PAGE_A4_WIDTH, WA_PAGE_A4_HEIGHT);
    g_assert_cmpuint (wa_page_layout_count_broken_headers (page, cr, WA_PAGE_A4_WIDTH), ==, 0);
    wa_page_layout_free (page);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);

    change = wa_test_change_for_atlas (atlas);
    national = wa_briefing_new_for_change (change, atlas, atlas);
    g_assert_true (wa_briefing_write_pdf (national, national_pdf, FALSE, NULL, &error));
    g_assert_no_error (error);
    if ((pages = pdf_pages (national_pdf)) != NULL)
      {
        g_autofree char *lb = wa_format_score (r->groups[WA_BENCHMARK_LEFT_BEHIND].rate, 1);
        g_autofree char *england = wa_format_score (r->england.rate, 1);
        g_autofree char *percent = wa_format_percent (round (r->share_left_behind_below * 100));
        g_autofree char *line = g_strdup_printf ("Libraries %s – %s %s (%u of %u)", lb, england,
                                                 percent, r->n_left_behind_below,
                                                 r->groups[WA_BENCHMARK_LEFT_BEHIND].n_wards);
        g_autofree char *method = wa_rank_params_describe (wa_atlas_get_rank_params (atlas));

        national_text = g_strjoinv (" ", pages);
        layout_text = pdf_layout_text (national_pdf);
        g_assert_nonnull (strstr (national_text, "Social infrastructure: the three-way benchmark"));
        g_assert_nonnull (strstr (national_text, "Category Left-behind wards Other deprived wards England "
                                                 "Left-behind wards below England"));
        /* A row reads across as laid out. */
        g_assert_nonnull (strstr (layout_text, line));
        g_assert_nonnull (strstr (national_text, method));
        g_assert_nonnull (strstr (national_text, wa_asset_benchmark_definition ()));
        g_assert_nonnull (strstr (national_text, "Sources: Test libraries."));
        g_assert_null (strstr (national_text, "Test food banks"));
      }
  }
  wa_test_sources_clear (&sources);
}

/* A position beside "top 10 %": 9.96 % rounded up had printed "10 %",
 * 10.04 % rounded "10 %" too; neither is on the line. */
static void
test_position_text (void)
{
  const struct { double position; const char *text; } cases[] = {
    { 0.0003, "0.1 %" }, { 0.004, "0.4 %" }, { 0.0951, "9.6 %" }, { 0.0996, "9.96 %" },
    { 0.1, "10 %" }, { 0.1004, "10.04 %" }, { 0.374, "37 %" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = wa_briefing_position_text (cases[i].position);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/briefing/table-pagination", Fixture, NULL, fixture_set_up,
              test_table_pagination, fixture_tear_down);
  g_test_add ("/briefing/column-list", Fixture, NULL, fixture_set_up, test_column_list,
              fixture_tear_down);
  g_test_add ("/briefing/heading-keeps-with-next", Fixture, NULL, fixture_set_up,
              test_heading_keeps_with_next, fixture_tear_down);
  g_test_add ("/briefing/ward", Fixture, NULL, fixture_set_up, test_ward_briefing,
              fixture_tear_down);
  g_test_add_func ("/briefing/ward-with-assets", test_ward_briefing_with_assets);
  g_test_add ("/briefing/ward-with-lists", Fixture, NULL, fixture_set_up,
              test_ward_briefing_with_lists, fixture_tear_down);
  g_test_add ("/briefing/tagged-pdf", Fixture, NULL, fixture_set_up, test_tagged_pdf,
              fixture_tear_down);
  g_test_add ("/briefing/area", Fixture, NULL, fixture_set_up, test_area_briefing,
              fixture_tear_down);
  g_test_add ("/briefing/change", Fixture, NULL, fixture_set_up, test_briefing_change,
              fixture_tear_down);
  g_test_add ("/briefing/write-failures", Fixture, NULL, fixture_set_up, test_write_failures,
              fixture_tear_down);
  g_test_add ("/briefing/map-png", Fixture, NULL, fixture_set_up, test_map_png,
              fixture_tear_down);
  g_test_add ("/briefing/map-names-subject", Fixture, NULL, fixture_set_up,
              test_map_names_subject, fixture_tear_down);
  g_test_add ("/briefing/profile", Fixture, NULL, fixture_set_up, test_profile,
              fixture_tear_down);
  g_test_add_func ("/briefing/position-text", test_position_text);
  return g_test_run ();
}
