/* test-indicator.c: the indicator registry. Its ids name pack columns and
 * CLI arguments, so they must be unique, stable and round-trip; the rest
 * of the code walks an index's indicators as the range from its overall
 * indicator to the next index's, which the order of the enum must keep
 * true. */
#include <math.h>
#include <string.h>

#include "wa-test-fixtures.h"

/* Every id is lower-case ASCII words joined by "_", and round-trips. */
static void
test_ids (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      const char *id = wa_indicator_id (i);
      WaIndicator back = WA_N_INDICATORS;

      g_assert_nonnull (id);
      g_assert_true (g_regex_match_simple ("^[a-z]+(_[a-z]+)*$", id, 0, 0));
      g_assert_true (g_hash_table_add (seen, (gpointer) id));
      g_assert_true (wa_indicator_from_id (id, &back));
      g_assert_cmpint (back, ==, i);
    }
  g_assert_cmpstr (wa_indicator_id (WA_INDICATOR_IMD), ==, "imd");
  g_assert_cmpstr (wa_indicator_id (WA_INDICATOR_CNI), ==, "cni");
  g_assert_cmpstr (wa_indicator_id (WA_INDICATOR_IMD_HOUSING), ==, "imd_housing");
}

static void
test_unknown_ids (void)
{
  const char *unknown[] = { "", "IMD", "imd ", "imd_", "income", "cni_civic", "imd_income_rank", NULL };
  WaIndicator out = WA_INDICATOR_CNI_ENGAGED;

  for (guint i = 0; unknown[i] != NULL; i++)
    {
      g_assert_false (wa_indicator_from_id (unknown[i], &out));
      /* A failed lookup leaves the caller's value alone. */
      g_assert_cmpint (out, ==, WA_INDICATOR_CNI_ENGAGED);
    }
  g_assert_false (wa_indicator_from_id (NULL, &out));
}

/* One overall indicator per index, first in its range; domains follow it
 * and their ids carry the index's id as prefix. */
static void
test_indices (void)
{
  guint n_overall[2] = { 0, 0 };
  WaIndex previous = WA_INDEX_IMD;

  g_assert_cmpint (wa_indicator_index (WA_INDICATOR_IMD), ==, WA_INDEX_IMD);
  g_assert_cmpint (wa_indicator_index (WA_INDICATOR_CNI), ==, WA_INDEX_CNI);
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      WaIndex index = wa_indicator_index (i);
      WaIndicator overall = index == WA_INDEX_IMD ? WA_INDICATOR_IMD : WA_INDICATOR_CNI;
      g_autofree char *prefix = g_strconcat (wa_indicator_id (overall), "_", NULL);

      g_assert_cmpint (index, >=, previous);
      previous = index;
      if (wa_indicator_is_overall (i))
        {
          g_assert_cmpint (i, ==, overall);
          n_overall[index]++;
        }
      else
        {
          g_assert_cmpint (i, >, overall);
          g_assert_true (g_str_has_prefix (wa_indicator_id (i), prefix));
        }
    }
  g_assert_cmpuint (n_overall[WA_INDEX_IMD], ==, 1);
  g_assert_cmpuint (n_overall[WA_INDEX_CNI], ==, 1);
}

/* Labels are what tables and briefings show: present and distinct. */
static void
test_labels (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      const char *label = wa_indicator_label (i);

      g_assert_nonnull (label);
      g_assert_cmpuint (strlen (label), >, 3);
      g_assert_true (g_hash_table_add (seen, (gpointer) label));
    }
  g_assert_cmpstr (wa_indicator_label (WA_INDICATOR_IMD_HOUSING), ==, "Barriers to Housing and Services");
  g_assert_cmpstr (wa_indicator_label (WA_INDICATOR_CNI_ENGAGED), ==, "Active and Engaged Community");
}

/* A third-party figure must never read as an official one. */
static void
test_figure_sources (void)
{
  const WaFigureSource sources[] = { WA_FIGURE_NONE, WA_FIGURE_PUBLISHED, WA_FIGURE_COMPUTED,
                                     WA_FIGURE_THIRD_PARTY };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      const char *text = wa_figure_source_describe (sources[i]);

      g_assert_nonnull (text);
      g_assert_true (g_hash_table_add (seen, (gpointer) text));
    }
  g_assert_nonnull (strstr (wa_figure_source_describe (WA_FIGURE_THIRD_PARTY), "not official"));
  g_assert_null (strstr (wa_figure_source_describe (WA_FIGURE_PUBLISHED), "not official"));
  g_assert_nonnull (strstr (wa_figure_source_describe (WA_FIGURE_COMPUTED), "LSOA"));
}

static void
test_figure_init (void)
{
  WaFigure figure = { 12.5, 7, 3, 0.2, 0.4, WA_FIGURE_PUBLISHED };

  wa_figure_init (&figure);
  g_assert_true (isnan (figure.score));
  g_assert_true (isnan (figure.extent));
  g_assert_true (isnan (figure.proportion));
  g_assert_cmpuint (figure.rank, ==, 0);
  g_assert_cmpuint (figure.decile, ==, 0);
  g_assert_cmpint (figure.source, ==, WA_FIGURE_NONE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/indicator/ids", test_ids);
  g_test_add_func ("/indicator/unknown-ids", test_unknown_ids);
  g_test_add_func ("/indicator/indices", test_indices);
  g_test_add_func ("/indicator/labels", test_labels);
  g_test_add_func ("/figure/sources", test_figure_sources);
  g_test_add_func ("/figure/init", test_figure_init);
  return g_test_run ();
}
