/* test-ward.c: WaWard on its own, as the atlas makes it: the values it was
 * given come back through getters and read-only properties (what the
 * ranking table binds to), a ward without figures reads as unranked,
 * and rank results notify the table only when they change. */
#include <math.h>

#include "wa-test-fixtures.h"
#include "wa-ward-private.h"

static WaWard *
make_ward (WaGeometry *geometry)
{
  return wa_ward_new (7, "E05000028", "Becontree", "E09000002", "Barking and Dagenham",
                      "E12000007", "London", 12345, 6, geometry);
}

static void
test_identity (void)
{
  const double square[] = { 0, 0, 1, 0, 1, 1, 0, 1 };
  const guint starts[] = { 0 };
  g_autoptr(WaGeometry) geometry = wa_geometry_new (square, 4, starts, 1);
  g_autoptr(WaWard) ward = make_ward (geometry);
  g_autoptr(WaWard) bare = wa_ward_new (0, "E05000001", NULL, NULL, NULL, NULL, NULL, -1, 0, NULL);
  g_autofree char *code = NULL, *name = NULL, *lad_name = NULL, *region_name = NULL;
  gint64 population = 0;

  g_assert_cmpstr (wa_ward_get_code (ward), ==, "E05000028");
  g_assert_cmpstr (wa_ward_get_name (ward), ==, "Becontree");
  g_assert_cmpstr (wa_ward_get_lad_code (ward), ==, "E09000002");
  g_assert_cmpstr (wa_ward_get_lad_name (ward), ==, "Barking and Dagenham");
  g_assert_cmpstr (wa_ward_get_region_code (ward), ==, "E12000007");
  g_assert_cmpstr (wa_ward_get_region_name (ward), ==, "London");
  g_assert_cmpint (wa_ward_get_population (ward), ==, 12345);
  g_assert_cmpuint (wa_ward_get_n_lsoa (ward), ==, 6);
  g_assert_cmpuint (wa_ward_get_index (ward), ==, 7);
  /* The ward keeps its own reference to the boundary. */
  g_assert_true (wa_ward_get_geometry (ward) == geometry);
  g_assert_true (wa_geometry_contains (wa_ward_get_geometry (ward), 0.5, 0.5));

  g_object_get (ward, "code", &code, "name", &name, "lad-name", &lad_name,
                "region-name", &region_name, "population", &population, NULL);
  g_assert_cmpstr (code, ==, "E05000028");
  g_assert_cmpstr (name, ==, "Becontree");
  g_assert_cmpstr (lad_name, ==, "Barking and Dagenham");
  g_assert_cmpstr (region_name, ==, "London");
  g_assert_cmpint (population, ==, 12345);

  /* A ward without a name is shown by its code; no boundary, no population. */
  g_assert_cmpstr (wa_ward_get_name (bare), ==, "E05000001");
  g_assert_null (wa_ward_get_lad_name (bare));
  g_assert_null (wa_ward_get_geometry (bare));
  g_assert_cmpint (wa_ward_get_population (bare), ==, -1);
}

/* A new ward has no figure for any indicator, no rank and no published
 * flag: nothing a table could mistake for a real number. */
static void
test_no_figures (void)
{
  g_autoptr(WaWard) ward = make_ward (NULL);
  guint imd_rank = 99, cni_rank = 99, combined = 99;
  gboolean left_behind = TRUE;

  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      const WaFigure *figure = wa_ward_get_figure (ward, i);

      g_assert_true (isnan (figure->score));
      g_assert_cmpuint (figure->rank, ==, 0);
      g_assert_cmpuint (figure->decile, ==, 0);
      g_assert_cmpint (figure->source, ==, WA_FIGURE_NONE);
    }
  g_assert_cmpuint (wa_ward_get_imd_rank (ward), ==, 0);
  g_assert_cmpuint (wa_ward_get_cni_rank (ward), ==, 0);
  g_assert_cmpuint (wa_ward_get_combined_rank (ward), ==, 0);
  g_assert_false (wa_ward_get_left_behind (ward));
  g_assert_cmpint (wa_ward_get_official_left_behind (ward), ==, -1);
  g_object_get (ward, "imd-rank", &imd_rank, "cni-rank", &cni_rank, "combined-rank", &combined,
                "left-behind", &left_behind, NULL);
  g_assert_cmpuint (imd_rank, ==, 0);
  g_assert_cmpuint (cni_rank, ==, 0);
  g_assert_cmpuint (combined, ==, 0);
  g_assert_false (left_behind);
}

/* Figures are copied in; each indicator keeps its own; the overall IMD and
 * CNI ranks are what the rank getters and properties answer. */
static void
test_figures (void)
{
  g_autoptr(WaWard) ward = make_ward (NULL);
  WaFigure figure;
  guint imd_rank = 0, cni_rank = 0;

  wa_figure_init (&figure);
  figure.score = 41.5;
  figure.rank = 120;
  figure.decile = 1;
  figure.extent = 0.8;
  figure.source = WA_FIGURE_COMPUTED;
  wa_ward_set_figure (ward, WA_INDICATOR_IMD, &figure);
  figure.rank = 5000;
  figure.score = 3.0;
  wa_ward_set_figure (ward, WA_INDICATOR_IMD_INCOME, &figure);
  wa_figure_init (&figure);
  figure.score = 77.0;
  figure.rank = 15;
  figure.source = WA_FIGURE_THIRD_PARTY;
  wa_ward_set_figure (ward, WA_INDICATOR_CNI, &figure);
  /* Changing the caller's copy afterwards changes nothing in the ward. */
  figure.rank = 1;

  g_assert_cmpuint (wa_ward_get_imd_rank (ward), ==, 120);
  g_assert_cmpuint (wa_ward_get_cni_rank (ward), ==, 15);
  g_assert_cmpfloat (wa_ward_get_figure (ward, WA_INDICATOR_IMD)->score, ==, 41.5);
  g_assert_cmpfloat (wa_ward_get_figure (ward, WA_INDICATOR_IMD)->extent, ==, 0.8);
  g_assert_cmpuint (wa_ward_get_figure (ward, WA_INDICATOR_IMD_INCOME)->rank, ==, 5000);
  g_assert_cmpint (wa_ward_get_figure (ward, WA_INDICATOR_CNI)->source, ==, WA_FIGURE_THIRD_PARTY);
  g_assert_true (isnan (wa_ward_get_figure (ward, WA_INDICATOR_CNI)->extent));
  g_assert_cmpuint (wa_ward_get_figure (ward, WA_INDICATOR_CNI_ENGAGED)->rank, ==, 0);
  g_object_get (ward, "imd-rank", &imd_rank, "cni-rank", &cni_rank, NULL);
  g_assert_cmpuint (imd_rank, ==, 120);
  g_assert_cmpuint (cni_rank, ==, 15);

  wa_ward_set_official (ward, 1);
  g_assert_cmpint (wa_ward_get_official_left_behind (ward), ==, 1);
  wa_ward_set_official (ward, 0);
  g_assert_cmpint (wa_ward_get_official_left_behind (ward), ==, 0);
}

static void
test_neighbours (void)
{
  g_autoptr(WaWard) ward = make_ward (NULL);
  guint indices[] = { 3, 9, 11 };
  const guint *got;
  guint n = 99;

  got = wa_ward_get_neighbours (ward, &n);
  g_assert_null (got);
  g_assert_cmpuint (n, ==, 0);

  wa_ward_set_neighbours (ward, indices, G_N_ELEMENTS (indices));
  indices[0] = 100;   /* the ward holds a copy */
  got = wa_ward_get_neighbours (ward, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (got[0], ==, 3);
  g_assert_cmpuint (got[1], ==, 9);
  g_assert_cmpuint (got[2], ==, 11);
  g_assert_true (wa_ward_get_neighbours (ward, NULL) == got);

  wa_ward_set_neighbours (ward, NULL, 0);
  g_assert_null (wa_ward_get_neighbours (ward, &n));
  g_assert_cmpuint (n, ==, 0);
}

static void
count_notify (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

/* The ranking table redraws a row on each notification: a recompute that
 * leaves a ward's result alone must not notify it. */
static void
test_rank_result_notifies_on_change (void)
{
  g_autoptr(WaWard) ward = make_ward (NULL);
  guint rank_notes = 0, flag_notes = 0;
  guint combined = 0;
  gboolean left_behind = FALSE;

  g_signal_connect (ward, "notify::combined-rank", G_CALLBACK (count_notify), &rank_notes);
  g_signal_connect (ward, "notify::left-behind", G_CALLBACK (count_notify), &flag_notes);

  wa_ward_set_rank_result (ward, 0, FALSE);
  g_assert_cmpuint (rank_notes, ==, 0);
  g_assert_cmpuint (flag_notes, ==, 0);

  wa_ward_set_rank_result (ward, 42, TRUE);
  g_assert_cmpuint (rank_notes, ==, 1);
  g_assert_cmpuint (flag_notes, ==, 1);
  g_object_get (ward, "combined-rank", &combined, "left-behind", &left_behind, NULL);
  g_assert_cmpuint (combined, ==, 42);
  g_assert_true (left_behind);

  /* Any true value is the same flag. */
  wa_ward_set_rank_result (ward, 42, 2);
  g_assert_cmpuint (rank_notes, ==, 1);
  g_assert_cmpuint (flag_notes, ==, 1);
  g_assert_true (wa_ward_get_left_behind (ward) == TRUE);

  wa_ward_set_rank_result (ward, 43, TRUE);
  g_assert_cmpuint (rank_notes, ==, 2);
  g_assert_cmpuint (flag_notes, ==, 1);
  wa_ward_set_rank_result (ward, 43, FALSE);
  g_assert_cmpuint (rank_notes, ==, 2);
  g_assert_cmpuint (flag_notes, ==, 2);
  g_assert_cmpuint (wa_ward_get_combined_rank (ward), ==, 43);
  g_assert_false (wa_ward_get_left_behind (ward));
}

/* Wards are read-only to front ends: no property can be set. */
static void
test_properties_read_only (void)
{
  const char *names[] = { "code", "name", "lad-name", "region-name", "population",
                          "combined-rank", "left-behind", "imd-rank", "cni-rank" };
  GObjectClass *klass = g_type_class_ref (WA_TYPE_WARD);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, names[i]);

      g_assert_nonnull (pspec);
      g_assert_true (pspec->flags & G_PARAM_READABLE);
      g_assert_false (pspec->flags & G_PARAM_WRITABLE);
    }
  g_type_class_unref (klass);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ward/identity", test_identity);
  g_test_add_func ("/ward/no-figures", test_no_figures);
  g_test_add_func ("/ward/figures", test_figures);
  g_test_add_func ("/ward/neighbours", test_neighbours);
  g_test_add_func ("/ward/rank-result-notifies-on-change", test_rank_result_notifies_on_change);
  g_test_add_func ("/ward/properties-read-only", test_properties_read_only);
  return g_test_run ();
}
