/* test-ward-filter.c: the ranking table's columns, filters and sort,
 * shared by the app, `ward-atlas-cli rank` and the CSV export: on the
 * fixture pack with names chosen for text filtering, and on wards made
 * in code where a figure must be exact. */
#include <math.h>
#include <string.h>

#include "wa-test-fixtures.h"

static char *
codes (GPtrArray *wards)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < wards->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", wa_ward_get_code (g_ptr_array_index (wards, i)));
  return g_string_free (out, FALSE);
}

static void
test_sort (WaTestAtlas *f, gconstpointer data)
{
  g_autoptr(GPtrArray) asc = wa_ward_filter_apply (NULL, f->atlas, WA_WARD_COLUMN_IMD_RANK, FALSE);
  g_autoptr(GPtrArray) desc = wa_ward_filter_apply (NULL, f->atlas, WA_WARD_COLUMN_IMD_RANK, TRUE);
  g_autoptr(GPtrArray) names = wa_ward_filter_apply (NULL, f->atlas, WA_WARD_COLUMN_NAME, FALSE);
  g_autoptr(GPtrArray) pop = wa_ward_filter_apply (NULL, f->atlas, WA_WARD_COLUMN_POPULATION, TRUE);
  g_autofree char *asc_codes = codes (asc);
  g_autofree char *desc_codes = codes (desc);
  g_autofree char *name_codes = codes (names);
  g_autofree char *pop_codes = codes (pop);
  WaWardColumn column;
  gboolean descending;
  g_autoptr(GError) error = NULL;

  /* E05000004 has no IMD rank: last whichever way. */
  g_assert_true (g_str_has_suffix (asc_codes, "E05000004"));
  g_assert_true (g_str_has_suffix (desc_codes, "E05000004"));
  g_assert_cmpstr (asc_codes, !=, desc_codes);
  g_assert_cmpstr (name_codes, ==, "E05000004 E05000002 E05000003 E05000001");
  /* Populations 400, 400, 200 (and unknown last): the tie goes by combined rank. */
  g_assert_true (g_str_has_suffix (pop_codes, "E05000003 E05000004"));

  g_assert_true (wa_ward_sort_parse ("imd:desc", &column, &descending, NULL));
  g_assert_cmpint (column, ==, WA_WARD_COLUMN_IMD_RANK);
  g_assert_true (descending);
  g_assert_true (wa_ward_sort_parse ("ward_name", &column, &descending, NULL));
  g_assert_cmpint (column, ==, WA_WARD_COLUMN_NAME);
  g_assert_false (descending);
  g_assert_false (wa_ward_sort_parse ("height", &column, &descending, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wa_ward_sort_parse ("imd:down", &column, &descending, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_INVALID);
}

static void
test_filter (WaTestAtlas *f, gconstpointer data)
{
  g_autoptr(WaWardFilter) filter = wa_ward_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) text = NULL;
  g_autoptr(GPtrArray) region = NULL;
  g_autofree char *summary = NULL;
  WaRankParams params;

  g_assert_true (wa_ward_filter_is_empty (filter));
  all = wa_ward_filter_apply (filter, f->atlas, WA_WARD_COLUMN_COMBINED_RANK, FALSE);
  g_assert_cmpuint (all->len, ==, 4);
  summary = wa_ward_list_describe (all);
  g_assert_cmpstr (summary, ==, "4 wards, 1,000 people");

  /* Word starts, any case and punctuation, across name and authority. */
  wa_ward_filter_set_text (filter, "HULL test");
  text = wa_ward_filter_apply (filter, f->atlas, WA_WARD_COLUMN_COMBINED_RANK, FALSE);
  g_assert_cmpuint (text->len, ==, 2);
  {
    /* Each word at a word's start in any of name, code, authority and
     * region (E05000001 is St. Helen's, E05000002 Hull Road). */
    static const struct { const char *text, *code; gboolean matches; } cases[] = {
      { "ull", "E05000002", FALSE },
      { "helens", "E05000001", TRUE },
      { "east helens testshire e05000001", "E05000001", TRUE },
      { "east helens testshire e05000001", "E05000002", FALSE },
      { "north east", "E05000002", TRUE },
      { "eas", "E05000002", TRUE },
      { "ast", "E05000002", FALSE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        wa_ward_filter_set_text (filter, cases[i].text);
        g_assert_cmpint (wa_ward_filter_match (filter, wa_atlas_lookup_ward (f->atlas, cases[i].code)),
                         ==, cases[i].matches);
      }
  }
  wa_ward_filter_set_text (filter, NULL);

  wa_ward_filter_set_region (filter, "North East");
  wa_ward_filter_add_lad (filter, "E06000001");
  region = wa_ward_filter_apply (filter, f->atlas, WA_WARD_COLUMN_COMBINED_RANK, FALSE);
  g_assert_cmpuint (region->len, ==, 4);
  g_assert_true (wa_ward_filter_validate (filter, f->atlas, NULL));

  wa_ward_filter_add_lad (filter, "Nowhere");
  g_assert_false (wa_ward_filter_validate (filter, f->atlas, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Nowhere"));
  g_clear_error (&error);
  wa_ward_filter_clear_lads (filter);
  wa_ward_filter_set_region (filter, "South West");
  g_assert_false (wa_ward_filter_validate (filter, f->atlas, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_NOT_FOUND);
  wa_ward_filter_set_region (filter, NULL);

  /* Left behind follows the current method. */
  wa_rank_params_init (&params);
  params.method = WA_RANK_METHOD_WORST_RANK;
  params.threshold_percent = 34;
  g_assert_true (wa_atlas_set_rank_params (f->atlas, &params, NULL));
  wa_ward_filter_set_left_behind_only (filter, TRUE);
  {
    g_autoptr(GPtrArray) lb = wa_ward_filter_apply (filter, f->atlas, WA_WARD_COLUMN_COMBINED_RANK, FALSE);
    g_autoptr(GPtrArray) want = wa_atlas_dup_left_behind (f->atlas);
    g_autofree char *got_codes = codes (lb);
    g_autofree char *want_codes = codes (want);

    g_assert_cmpstr (got_codes, ==, want_codes);
  }
}


/* Ids and aliases round-trip (case aside); "name" is the ward's name. */
static void
test_columns (void)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  WaWardColumn column;

  for (WaWardColumn c = 0; c < WA_N_WARD_COLUMNS; c++)
    {
      const char *id = wa_ward_column_id (c);
      g_autofree char *upper = g_ascii_strup (id, -1);

      g_assert_true (g_hash_table_add (ids, (gpointer) id));
      g_assert_true (wa_ward_column_from_id (id, &column));
      g_assert_cmpint (column, ==, c);
      g_assert_true (wa_ward_column_from_id (upper, &column));
      g_assert_cmpint (column, ==, c);
      g_assert_cmpuint (strlen (wa_ward_column_title (c)), >, 0);
      /* A column is a name or code, or a figure, never both. */
      g_assert_false (wa_ward_column_is_text (c) && wa_ward_column_is_numeric (c));
    }
  {
    const struct { const char *alias; WaWardColumn column; } aliases[] = {
      { "combined", WA_WARD_COLUMN_COMBINED_RANK }, { "ward", WA_WARD_COLUMN_NAME },
      { "name", WA_WARD_COLUMN_NAME }, { "lad", WA_WARD_COLUMN_LAD },
      { "imd", WA_WARD_COLUMN_IMD_RANK }, { "cni", WA_WARD_COLUMN_CNI_RANK },
      { "pop", WA_WARD_COLUMN_POPULATION }, { "official", WA_WARD_COLUMN_OFFICIAL },
      { "lad-code", WA_WARD_COLUMN_LAD_CODE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
      {
        g_assert_true (wa_ward_column_from_id (aliases[i].alias, &column));
        g_assert_cmpint (column, ==, aliases[i].column);
      }
  }
  column = WA_WARD_COLUMN_CODE;
  g_assert_false (wa_ward_column_from_id ("height", &column));
  g_assert_false (wa_ward_column_from_id ("", &column));
  g_assert_false (wa_ward_column_from_id (NULL, &column));
  g_assert_cmpint (column, ==, WA_WARD_COLUMN_CODE);

  g_assert_true (wa_ward_column_is_numeric (WA_WARD_COLUMN_COMBINED_RANK));
  g_assert_true (wa_ward_column_is_numeric (WA_WARD_COLUMN_POPULATION));
  g_assert_true (wa_ward_column_is_numeric (WA_WARD_COLUMN_CNI_ENGAGED_RANK));
  g_assert_false (wa_ward_column_is_numeric (WA_WARD_COLUMN_LEFT_BEHIND));
  g_assert_true (wa_ward_column_is_text (WA_WARD_COLUMN_REGION_CODE));
  g_assert_false (wa_ward_column_is_text (WA_WARD_COLUMN_OFFICIAL));
}

static WaWard *
made_ward (gint64 population, guint imd_rank, guint combined, gboolean left_behind, int official)
{
  WaWard *ward = wa_ward_new (0, "E05000028", "Becontree", "E09000002", "Barking and Dagenham",
                              "E12000007", "London", population, 3, NULL);
  WaFigure figure;

  wa_figure_init (&figure);
  figure.rank = imd_rank;
  wa_ward_set_figure (ward, WA_INDICATOR_IMD, &figure);
  figure.rank = 4321;
  wa_ward_set_figure (ward, WA_INDICATOR_CNI_CONNECTEDNESS, &figure);
  wa_ward_set_rank_result (ward, combined, left_behind);
  wa_ward_set_official (ward, official);
  return ward;
}

/* What a table cell shows: en-GB digits, "–" for no figure, never "0". */
static int
compare_shares (gconstpointer a, gconstpointer b)
{
  return wa_ward_compare (*(WaWard **) a, *(WaWard **) b, WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE, FALSE);
}

/* The share of residents in the published left-behind neighbourhoods:
 * largest first, unknown last, and the filter's two cuts. */
static void
test_neighbourhoods (void)
{
  const double shares[] = { 0.25, NAN, 1.0, 0.0, 0.5 };
  g_autoptr(GPtrArray) wards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(WaWardFilter) filter = wa_ward_filter_new ();
  WaNeighbourhoodFilter which;
  guint n_some = 0, n_half = 0;

  for (guint i = 0; i < G_N_ELEMENTS (shares); i++)
    {
      g_autofree char *code = g_strdup_printf ("E0500000%u", i);
      WaWard *ward = wa_ward_new (i, code, code, NULL, NULL, NULL, NULL, 100, 1, NULL);

      wa_ward_set_neighbourhood_share (ward, shares[i]);
      g_ptr_array_add (wards, ward);
    }
  g_ptr_array_sort (wards, compare_shares);
  {
    g_autofree char *order = codes (wards);
    g_autofree char *top = wa_ward_column_format (WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE, wards->pdata[0]);
    g_autofree char *unknown = wa_ward_column_format (WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE, wards->pdata[4]);

    g_assert_cmpstr (order, ==, "E05000002 E05000004 E05000000 E05000003 E05000001");
    g_assert_cmpstr (top, ==, "100 %");
    g_assert_cmpstr (unknown, ==, "–");
  }

  g_assert_true (wa_ward_filter_is_empty (filter));
  wa_ward_filter_set_neighbourhoods (filter, WA_NEIGHBOURHOOD_FILTER_SOME);
  g_assert_false (wa_ward_filter_is_empty (filter));
  for (guint i = 0; i < wards->len; i++)
    n_some += wa_ward_filter_match (filter, wards->pdata[i]);
  wa_ward_filter_set_neighbourhoods (filter, WA_NEIGHBOURHOOD_FILTER_MAJORITY);
  {
    g_autoptr(WaWardFilter) copy = wa_ward_filter_copy (filter);

    for (guint i = 0; i < wards->len; i++)
      n_half += wa_ward_filter_match (copy, wards->pdata[i]);
  }
  /* Some: 0.25, 1 and 0.5; half or more: 1 and 0.5; never the unknown. */
  g_assert_cmpuint (n_some, ==, 3);
  g_assert_cmpuint (n_half, ==, 2);

  g_assert_true (wa_neighbourhood_filter_from_id ("half", &which));
  g_assert_cmpint (which, ==, WA_NEIGHBOURHOOD_FILTER_MAJORITY);
  g_assert_false (wa_neighbourhood_filter_from_id ("most", &which));
}

static void
test_format (void)
{
  g_autoptr(WaWard) full = made_ward (1234567, 32844, 12, TRUE, 1);
  g_autoptr(WaWard) empty = made_ward (-1, 0, 0, FALSE, -1);
  g_autoptr(WaWard) no_name = wa_ward_new (1, "E05000001", "", NULL, NULL, NULL, NULL, 0, 0, NULL);
  const struct { WaWardColumn column; const char *full, *empty; } cases[] = {
    { WA_WARD_COLUMN_COMBINED_RANK, "12", "–" },
    { WA_WARD_COLUMN_NAME, "Becontree", "Becontree" },
    { WA_WARD_COLUMN_CODE, "E05000028", "E05000028" },
    { WA_WARD_COLUMN_LAD, "Barking and Dagenham", "Barking and Dagenham" },
    { WA_WARD_COLUMN_REGION, "London", "London" },
    { WA_WARD_COLUMN_POPULATION, "1,234,567", "–" },
    { WA_WARD_COLUMN_IMD_RANK, "32,844", "–" },
    { WA_WARD_COLUMN_CNI_RANK, "–", "–" },
    { WA_WARD_COLUMN_CNI_CONNECTEDNESS_RANK, "4,321", "4,321" },
    { WA_WARD_COLUMN_LEFT_BEHIND, "Yes", "No" },
    { WA_WARD_COLUMN_OFFICIAL, "Yes", "–" },
    { WA_WARD_COLUMN_LAD_CODE, "E09000002", "E09000002" },
    { WA_WARD_COLUMN_REGION_CODE, "E12000007", "E12000007" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got_full = wa_ward_column_format (cases[i].column, full);
      g_autofree char *got_empty = wa_ward_column_format (cases[i].column, empty);

      g_assert_cmpstr (got_full, ==, cases[i].full);
      g_assert_cmpstr (got_empty, ==, cases[i].empty);
    }
  {
    /* A known population of nobody is a figure; an empty name is not. */
    g_autofree char *population = wa_ward_column_format (WA_WARD_COLUMN_POPULATION, no_name);
    g_autofree char *lad = wa_ward_column_format (WA_WARD_COLUMN_LAD, no_name);

    g_assert_cmpstr (population, ==, "0");
    g_assert_cmpstr (lad, ==, "–");
  }
  wa_ward_set_official (full, 0);
  {
    g_autofree char *official = wa_ward_column_format (WA_WARD_COLUMN_OFFICIAL, full);

    g_assert_cmpstr (official, ==, "No");
  }

  /* Text and rank accessors answer only for their own kind of column. */
  g_assert_cmpstr (wa_ward_column_text (WA_WARD_COLUMN_LAD_CODE, full), ==, "E09000002");
  g_assert_null (wa_ward_column_text (WA_WARD_COLUMN_IMD_RANK, full));
  g_assert_null (wa_ward_column_text (WA_WARD_COLUMN_LAD, no_name));
  g_assert_cmpuint (wa_ward_column_rank (WA_WARD_COLUMN_COMBINED_RANK, full), ==, 12);
  g_assert_cmpuint (wa_ward_column_rank (WA_WARD_COLUMN_IMD_RANK, full), ==, 32844);
  g_assert_cmpuint (wa_ward_column_rank (WA_WARD_COLUMN_POPULATION, full), ==, 0);
  g_assert_cmpuint (wa_ward_column_rank (WA_WARD_COLUMN_NAME, full), ==, 0);
}

/* The fixture is a 2025 pack without neighbourhoods: no official list
 * column, and no neighbourhood share. */
static void
test_available (WaTestAtlas *f, gconstpointer data)
{
  for (WaWardColumn c = 0; c < WA_N_WARD_COLUMNS; c++)
    g_assert_true (wa_ward_column_available (c, f->atlas)
                   == (c != WA_WARD_COLUMN_OFFICIAL && c != WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE));
}

static void
test_filter_state (WaTestAtlas *f, gconstpointer data)
{
  g_autoptr(WaWardFilter) filter = wa_ward_filter_new ();
  g_autoptr(WaWardFilter) copy = NULL;

  g_assert_null (wa_ward_filter_get_region (filter));
  g_assert_null (wa_ward_filter_get_text (filter));
  g_assert_cmpuint (wa_ward_filter_get_n_lads (filter), ==, 0);
  g_assert_false (wa_ward_filter_get_left_behind_only (filter));

  /* An empty region is all regions. */
  wa_ward_filter_set_region (filter, "");
  g_assert_null (wa_ward_filter_get_region (filter));
  g_assert_true (wa_ward_filter_is_empty (filter));

  /* The same authority twice is one filter entry; empty names are none. */
  wa_ward_filter_add_lad (filter, "E06000001");
  wa_ward_filter_add_lad (filter, "E06000001");
  wa_ward_filter_add_lad (filter, "");
  wa_ward_filter_add_lad (filter, NULL);
  g_assert_cmpuint (wa_ward_filter_get_n_lads (filter), ==, 1);
  g_assert_true (wa_ward_filter_has_lad (filter, "E06000001"));
  g_assert_false (wa_ward_filter_has_lad (filter, "E06000002"));
  g_assert_false (wa_ward_filter_is_empty (filter));
  wa_ward_filter_clear_lads (filter);
  g_assert_true (wa_ward_filter_is_empty (filter));

  /* Text that folds to nothing filters nothing, but is kept as typed. */
  wa_ward_filter_set_text (filter, " -- ");
  g_assert_cmpstr (wa_ward_filter_get_text (filter), ==, " -- ");
  g_assert_true (wa_ward_filter_is_empty (filter));
  for (guint i = 0; i < wa_atlas_get_n_wards (f->atlas); i++)
    g_assert_true (wa_ward_filter_match (filter, wa_atlas_get_ward (f->atlas, i)));

  /* Region by name (any case) or by code; a copy filters the same and
   * is independent of the original. */
  wa_ward_filter_set_text (filter, "bridge");
  g_assert_false (wa_ward_filter_match (filter, wa_atlas_lookup_ward (f->atlas, "E05000003")));
  wa_ward_filter_set_text (filter, "hullb");
  wa_ward_filter_set_region (filter, "north east");
  wa_ward_filter_add_lad (filter, "Testshire, City of");
  wa_ward_filter_set_left_behind_only (filter, FALSE);
  copy = wa_ward_filter_copy (filter);
  for (guint i = 0; i < wa_atlas_get_n_wards (f->atlas); i++)
    {
      WaWard *ward = wa_atlas_get_ward (f->atlas, i);
      gboolean want = g_str_equal (wa_ward_get_code (ward), "E05000003");

      g_assert_true (wa_ward_filter_match (filter, ward) == want);
      g_assert_true (wa_ward_filter_match (copy, ward) == want);
    }
  g_assert_cmpstr (wa_ward_filter_get_region (copy), ==, "north east");
  g_assert_cmpstr (wa_ward_filter_get_text (copy), ==, "hullb");
  g_assert_true (wa_ward_filter_has_lad (copy, "Testshire, City of"));
  wa_ward_filter_set_region (filter, "E12000001");
  wa_ward_filter_set_region (copy, "South West");
  g_assert_true (wa_ward_filter_match (filter, wa_atlas_lookup_ward (f->atlas, "E05000003")));
  g_assert_false (wa_ward_filter_match (copy, wa_atlas_lookup_ward (f->atlas, "E05000003")));
}

/* The order is total on every column in both directions: a ward equals
 * only itself, and swapping the two wards swaps the answer. */
static void
test_compare_total (WaTestAtlas *f, gconstpointer data)
{
  guint n = wa_atlas_get_n_wards (f->atlas);

  for (WaWardColumn c = 0; c < WA_N_WARD_COLUMNS; c++)
    for (int descending = 0; descending < 2; descending++)
      for (guint i = 0; i < n; i++)
        for (guint j = 0; j < n; j++)
          {
            WaWard *a = wa_atlas_get_ward (f->atlas, i), *b = wa_atlas_get_ward (f->atlas, j);
            int ab = wa_ward_compare (a, b, c, descending);
            int ba = wa_ward_compare (b, a, c, descending);

            if (i == j)
              g_assert_cmpint (ab, ==, 0);
            else
              {
                g_assert_cmpint (ab, !=, 0);
                g_assert_cmpint ((ab < 0), !=, (ba < 0));
              }
          }
}

/* Preparing in slices stops at the end of the list; the cached keys give
 * the same order as sorting without them. */
static void
test_prepare (WaTestAtlas *f, gconstpointer data)
{
  g_autoptr(GPtrArray) before = wa_ward_filter_apply (NULL, f->atlas, WA_WARD_COLUMN_NAME, FALSE);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(WaWardFilter) filter = wa_ward_filter_new ();
  guint next;

  next = wa_ward_filter_prepare (f->atlas, 0, 3);
  g_assert_cmpuint (next, ==, 3);
  next = wa_ward_filter_prepare (f->atlas, next, 3);
  g_assert_cmpuint (next, ==, wa_atlas_get_n_wards (f->atlas));
  g_assert_cmpuint (wa_ward_filter_prepare (f->atlas, next, 3), ==, next);
  after = wa_ward_filter_apply (NULL, f->atlas, WA_WARD_COLUMN_NAME, FALSE);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_true (after->pdata[i] == before->pdata[i]);
  wa_ward_filter_set_text (filter, "st helen");
  g_assert_true (wa_ward_filter_match (filter, wa_atlas_lookup_ward (f->atlas, "E05000001")));
}

/* Wards of unknown population add nobody to a list's people. */
static void
test_list_describe (WaTestAtlas *f, gconstpointer data)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  g_autoptr(GPtrArray) big = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *one_text = NULL, *big_text = NULL;

  g_ptr_array_add (one, wa_atlas_lookup_ward (f->atlas, "E05000003"));
  one_text = wa_ward_list_describe (one);
  g_assert_cmpstr (one_text, ==, "1 ward, 200 people");
  g_ptr_array_add (unknown, wa_atlas_lookup_ward (f->atlas, "E05000004"));
  g_assert_cmpint (wa_ward_get_population (unknown->pdata[0]), <, 0);
  g_assert_cmpint (wa_ward_list_population (unknown), ==, 0);
  g_ptr_array_add (one, unknown->pdata[0]);
  g_assert_cmpint (wa_ward_list_population (one), ==, 200);

  g_ptr_array_add (big, made_ward (1500000, 1, 1, TRUE, 1));
  g_ptr_array_add (big, made_ward (894000, 2, 2, TRUE, 1));
  g_ptr_array_add (big, made_ward (-1, 3, 3, TRUE, 1));
  g_assert_cmpint (wa_ward_list_population (big), ==, 2394000);
  big_text = wa_ward_list_describe (big);
  g_assert_cmpstr (big_text, ==, "3 wards, 2.39 million people");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, WaTestAtlas, NULL, wa_test_atlas_set_up_named, func, wa_test_atlas_tear_down)
  g_test_add_func ("/ward-filter/columns", test_columns);
  g_test_add_func ("/ward-filter/format", test_format);
  g_test_add_func ("/ward-filter/neighbourhoods", test_neighbourhoods);
  ADD ("/ward-filter/available", test_available);
  ADD ("/ward-filter/sort", test_sort);
  ADD ("/ward-filter/filter", test_filter);
  ADD ("/ward-filter/filter-state", test_filter_state);
  ADD ("/ward-filter/compare-total", test_compare_total);
  ADD ("/ward-filter/prepare", test_prepare);
  ADD ("/ward-filter/list-describe", test_list_describe);
#undef ADD
  return g_test_run ();
}
