/* test-area-summary.c: the wards of a council, region or all England and
 * the figures an area briefing puts beside a ward: counts, people in
 * left-behind wards and medians, on wards made in code (where each figure
 * is worked out by hand) and on the fixture pack (which area a ward is in,
 * and the order of the briefing's table). */
#include <math.h>
#include <string.h>

#include "wa-area-summary.h"
#include "wa-test-fixtures.h"

typedef struct {
  const char *name;
  gint64 population;
  guint combined;
  gboolean left_behind;
  guint imd_rank, cni_rank;
  double imd_score, cni_score;
} WardSpec;

static WaWard *
make_ward (guint index, const WardSpec *spec)
{
  g_autofree char *code = g_strdup_printf ("E050000%02u", index);
  WaWard *ward = wa_ward_new (index, code, spec->name, "E06000001", "Testshire", "E12000001",
                              "North East", spec->population, 1, NULL);
  WaFigure figure;

  wa_figure_init (&figure);
  figure.rank = spec->imd_rank;
  figure.score = spec->imd_score;
  wa_ward_set_figure (ward, WA_INDICATOR_IMD, &figure);
  wa_figure_init (&figure);
  figure.rank = spec->cni_rank;
  figure.score = spec->cni_score;
  wa_ward_set_figure (ward, WA_INDICATOR_CNI, &figure);
  wa_ward_set_rank_result (ward, spec->combined, spec->left_behind);
  return ward;
}

static GPtrArray *
make_wards (const WardSpec *specs, guint n)
{
  GPtrArray *wards = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (wards, make_ward (i, &specs[i]));
  return wards;
}

/* Unknown populations count towards neither total; unranked wards and
 * missing figures are left out of the medians, not counted as 0. */
static void
test_summarize (void)
{
  const WardSpec specs[] = {
    { "Abbey", 100, 3, TRUE, 10, 20, 40.0, 70.0 },
    { "Beacon", 300, 1, TRUE, 5, 30, 50.0, 60.0 },
    { "Castle", -1, 2, TRUE, 20, 0, 20.0, NAN },
    { "Dale", 50, 0, FALSE, 0, 0, NAN, NAN },
    { "Eastfield", 200, 4, FALSE, 40, 10, 10.0, 80.0 },
  };
  g_autoptr(GPtrArray) wards = make_wards (specs, G_N_ELEMENTS (specs));
  WaAreaSummary s;

  wa_area_summarize (wards, &s);
  g_assert_cmpuint (s.n_wards, ==, 5);
  g_assert_cmpuint (s.n_ranked, ==, 4);
  g_assert_cmpuint (s.n_left_behind, ==, 3);
  g_assert_cmpint (s.population, ==, 650);
  g_assert_cmpint (s.left_behind_population, ==, 400);
  /* Combined ranks 1 2 3 4; IMD 5 10 20 40; CNI 10 20 30; scores likewise. */
  g_assert_cmpfloat (s.median_combined_rank, ==, 2.5);
  g_assert_cmpfloat (s.median_imd_rank, ==, 15.0);
  g_assert_cmpfloat (s.median_cni_rank, ==, 20.0);
  g_assert_cmpfloat (s.median_imd_score, ==, 30.0);
  g_assert_cmpfloat (s.median_cni_score, ==, 70.0);
}

/* No wards, or none with figures: zero counts and no medians (NAN, which
 * a briefing shows as "–"), never a median of 0. */
static void
test_summarize_nothing (void)
{
  const WardSpec unranked[] = {
    { "Abbey", -1, 0, FALSE, 0, 0, NAN, NAN },
  };
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GPtrArray) wards = make_wards (unranked, G_N_ELEMENTS (unranked));
  WaAreaSummary s;

  memset (&s, 0xff, sizeof s);
  wa_area_summarize (none, &s);
  g_assert_cmpuint (s.n_wards, ==, 0);
  g_assert_cmpuint (s.n_left_behind, ==, 0);
  g_assert_cmpint (s.population, ==, 0);
  g_assert_true (isnan (s.median_combined_rank));
  g_assert_true (isnan (s.median_imd_score));

  wa_area_summarize (wards, &s);
  g_assert_cmpuint (s.n_wards, ==, 1);
  g_assert_cmpuint (s.n_ranked, ==, 0);
  g_assert_cmpint (s.population, ==, 0);
  g_assert_true (isnan (s.median_combined_rank));
  g_assert_true (isnan (s.median_imd_rank));
  g_assert_true (isnan (s.median_cni_rank));
  g_assert_true (isnan (s.median_imd_score));
  g_assert_true (isnan (s.median_cni_score));
}

/* Ranked wards by rank, then the unranked by name. */
static void
test_compare (void)
{
  const WardSpec specs[] = {
    { "Zeal", 1, 0, FALSE, 0, 0, NAN, NAN },
    { "Moor", 1, 2, FALSE, 0, 0, NAN, NAN },
    { "Abbey", 1, 0, FALSE, 0, 0, NAN, NAN },
    { "Yew", 1, 1, TRUE, 0, 0, NAN, NAN },
    { "Heath", 1, 10, FALSE, 0, 0, NAN, NAN },
  };
  const char *expected[] = { "Yew", "Moor", "Heath", "Abbey", "Zeal" };
  g_autoptr(GPtrArray) wards = make_wards (specs, G_N_ELEMENTS (specs));

  g_ptr_array_sort (wards, wa_ward_compare_by_combined_rank);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (wa_ward_get_name (wards->pdata[i]), ==, expected[i]);
}

static char *
codes (GPtrArray *wards)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < wards->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", wa_ward_get_code (wards->pdata[i]));
  return g_string_free (out, FALSE);
}

/* The fixture's four English wards are all in one council and region; the
 * Welsh ward of the sources is not in the pack. */
static void
test_dup_wards (WaTestAtlas *f, gconstpointer data)
{
  g_autoptr(GPtrArray) lad = wa_area_dup_wards (f->atlas, WA_AREA_LAD, "E06000001");
  g_autoptr(GPtrArray) region = wa_area_dup_wards (f->atlas, WA_AREA_REGION, "E12000001");
  g_autoptr(GPtrArray) land = wa_area_dup_wards (f->atlas, WA_AREA_LAND, NULL);
  g_autoptr(GPtrArray) unknown = wa_area_dup_wards (f->atlas, WA_AREA_LAD, "E06999999");
  g_autoptr(GPtrArray) region_as_lad = wa_area_dup_wards (f->atlas, WA_AREA_LAD, "E12000001");
  g_autofree char *lad_codes = codes (lad);
  g_autofree char *region_codes = codes (region);
  g_autofree char *land_codes = codes (land);
  WaAreaSummary s;

  g_assert_cmpuint (lad->len, ==, wa_atlas_get_n_wards (f->atlas));
  g_assert_cmpstr (lad_codes, ==, region_codes);
  g_assert_cmpstr (lad_codes, ==, land_codes);
  g_assert_cmpuint (unknown->len, ==, 0);
  g_assert_cmpuint (region_as_lad->len, ==, 0);

  /* In briefing order; E05000004 has no figures, so it comes last. */
  for (guint i = 1; i < lad->len; i++)
    g_assert_cmpint (wa_ward_compare_by_combined_rank (&lad->pdata[i - 1], &lad->pdata[i]), <, 0);
  g_assert_cmpstr (wa_ward_get_code (lad->pdata[lad->len - 1]), ==, "E05000004");

  /* Populations 400, 400 and 200, and one unknown. */
  wa_area_summarize (lad, &s);
  g_assert_cmpuint (s.n_wards, ==, 4);
  g_assert_cmpint (s.population, ==, 1000);
  g_assert_cmpuint (s.n_ranked, ==, 3);
  g_assert_cmpfloat_with_epsilon (s.median_imd_rank, 2.0, 1e-9);
}

/* Summarising an area without ordering its wards (the overview's and the
 * briefings' way) gives what summarising its ordered wards gives. */
static void
test_summarize_area (WaTestAtlas *f, gconstpointer data)
{
  static const struct { WaAreaKind kind; const char *code; } areas[] = {
    { WA_AREA_LAD, "E06000001" }, { WA_AREA_REGION, "E12000001" }, { WA_AREA_LAND, NULL },
    { WA_AREA_LAD, "E06999999" }, { WA_AREA_REGION, "E06000001" },
  };
  WaRankParams params;

  wa_rank_params_init (&params);
  params.method = WA_RANK_METHOD_WORST_RANK;
  params.threshold_percent = 50;
  g_assert_true (wa_atlas_set_rank_params (f->atlas, &params, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      g_autoptr(GPtrArray) wards = wa_area_dup_wards (f->atlas, areas[i].kind, areas[i].code);
      WaAreaSummary ordered, unordered;

      wa_area_summarize (wards, &ordered);
      memset (&unordered, 0xff, sizeof unordered);
      wa_area_summarize_area (f->atlas, areas[i].kind, areas[i].code, &unordered);
      wa_test_assert_same_summary (&ordered, &unordered);
      g_assert_cmpuint (unordered.n_wards, ==, wards->len);
    }
}

/* On the fixture's one region (the nine of a real pack: test-real-data.c). */
static void
test_count_regions (WaTestAtlas *f, gconstpointer data)
{
  wa_test_assert_region_counts (f->atlas);
}

/* The summary follows the atlas's current method: a stricter threshold
 * leaves no more wards behind. */
static void
test_follows_rank_method (WaTestAtlas *f, gconstpointer data)
{
  g_autoptr(GPtrArray) wards = wa_area_dup_wards (f->atlas, WA_AREA_LAND, NULL);
  WaAreaSummary wide, narrow;
  WaRankParams params;

  wa_rank_params_init (&params);
  params.method = WA_RANK_METHOD_WORST_RANK;
  params.threshold_percent = 100;
  g_assert_true (wa_atlas_set_rank_params (f->atlas, &params, NULL));
  wa_area_summarize (wards, &wide);
  params.threshold_percent = 34;
  g_assert_true (wa_atlas_set_rank_params (f->atlas, &params, NULL));
  wa_area_summarize (wards, &narrow);

  g_assert_cmpuint (wide.n_left_behind, ==, wide.n_ranked);
  g_assert_cmpint (wide.left_behind_population, ==, wide.population);
  g_assert_cmpuint (narrow.n_left_behind, >, 0);
  g_assert_cmpuint (narrow.n_left_behind, <, wide.n_left_behind);
  g_assert_cmpint (narrow.left_behind_population, <, wide.left_behind_population);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/area-summary/summarize", test_summarize);
  g_test_add_func ("/area-summary/summarize-nothing", test_summarize_nothing);
  g_test_add_func ("/area-summary/compare", test_compare);
#define ADD(path, fn) g_test_add (path, WaTestAtlas, NULL, wa_test_atlas_set_up, fn, wa_test_atlas_tear_down)
  ADD ("/area-summary/count-regions", test_count_regions);
  ADD ("/area-summary/dup-wards", test_dup_wards);
  ADD ("/area-summary/follows-rank-method", test_follows_rank_method);
  ADD ("/area-summary/summarize-area", test_summarize_area);
#undef ADD
  return g_test_run ();
}
