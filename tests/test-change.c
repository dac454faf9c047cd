/* test-change.c: the crosswalk (wa-build-crosswalk.c) and the change
 * model (wa-change.c) on fixtures written in code. */
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "ward-atlas-core.h"
#include "wa-build-crosswalk.h"
#include "wa-gdal-util.h"
#include "wa-pack.h"
#include "wa-test-fixtures.h"

#define EPS 1e-9

/* ---- crosswalk fixtures ------------------------------------------------- */

typedef struct {
  const char *code, *ward;
  double population;
  gboolean decile1;
} Lsoa;

typedef struct {
  const char *before, *after, *change;
} Link;

static void
add_lsoas (WaCrosswalk *cw, gboolean after, const Lsoa *lsoas, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_assert_true (wa_crosswalk_add_lsoa (cw, after, lsoas[i].code, NULL));
      g_assert_true (wa_crosswalk_set_ward (cw, after, lsoas[i].code, lsoas[i].ward));
      g_assert_true (wa_crosswalk_set_population (cw, after, lsoas[i].code, lsoas[i].population));
      g_assert_true (wa_crosswalk_set_decile1 (cw, after, lsoas[i].code, lsoas[i].decile1));
    }
}

/* Old wards: U (unchanged, 2 LSOAs), R (renamed, same code), S (split in
 * two new wards S1, S2), M1 + M2 (merged into M), P (holding an LSOA that
 * splits across new wards P and Q), and E, F whose LSOAs merge into one
 * LSOA of new ward G. */
static const Lsoa old_lsoas[] = {
  { "u1", "U", 100, TRUE }, { "u2", "U", 300, FALSE },
  { "r1", "R", 50, FALSE },
  { "s1", "S", 200, TRUE }, { "s2", "S", 600, FALSE },
  { "m1", "M1", 100, FALSE }, { "m2", "M2", 300, TRUE },
  { "p1", "P", 100, TRUE }, { "p2", "P", 100, FALSE },
  { "e1", "E", 30, TRUE }, { "f1", "F", 70, FALSE },
};
static const Lsoa new_lsoas[] = {
  { "u1", "U", 110, TRUE }, { "u2", "U", 290, FALSE },
  { "r1", "R", 55, FALSE },
  { "s1", "S1", 210, FALSE }, { "s2", "S2", 590, FALSE },
  { "m1", "M", 90, FALSE }, { "m2", "M", 310, TRUE },
  { "p1a", "P", 60, TRUE }, { "p1b", "Q", 90, FALSE }, { "p2", "P", 100, FALSE },
  { "g1", "G", 120, TRUE },
};
static const Link links[] = {
  { "u1", "u1", "U" }, { "u2", "u2", "U" }, { "r1", "r1", "U" },
  { "s1", "s1", "U" }, { "s2", "s2", "U" }, { "m1", "m1", "U" }, { "m2", "m2", "U" },
  { "p1", "p1a", "S" }, { "p1", "p1b", "S" }, { "p2", "p2", "U" },
  { "e1", "g1", "M" }, { "f1", "g1", "M" },
  /* Wales: neither side covered, ignored. */
  { "w1", "w1", "U" },
};

static WaCrosswalk *
fixture_crosswalk (void)
{
  WaCrosswalk *cw = wa_crosswalk_new ();

  add_lsoas (cw, FALSE, old_lsoas, G_N_ELEMENTS (old_lsoas));
  add_lsoas (cw, TRUE, new_lsoas, G_N_ELEMENTS (new_lsoas));
  for (gsize i = 0; i < G_N_ELEMENTS (links); i++)
    g_assert_true (wa_crosswalk_add_link (cw, links[i].before, links[i].after, links[i].change, NULL));
  return cw;
}

static GPtrArray *
fixture_pieces (void)
{
  g_autoptr(WaCrosswalk) cw = fixture_crosswalk ();
  g_autoptr(GError) error = NULL;
  GPtrArray *pieces = wa_crosswalk_compute (cw, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pieces);
  return pieces;
}

static const WaCrosswalkPiece *
find_piece (GPtrArray *pieces, const char *before, const char *after)
{
  for (guint i = 0; i < pieces->len; i++)
    {
      const WaCrosswalkPiece *p = g_ptr_array_index (pieces, i);

      if (strcmp (p->before, before) == 0 && strcmp (p->after, after) == 0)
        return p;
    }
  return NULL;
}

static void
test_crosswalk_cases (void)
{
  g_autoptr(GPtrArray) pieces = fixture_pieces ();
  const WaCrosswalkPiece *p;

  g_assert_cmpuint (pieces->len, ==, 10);
  /* Unchanged and renamed: whole both ways. */
  p = find_piece (pieces, "U", "U");
  g_assert_cmpfloat_with_epsilon (p->share_of_before, 1, EPS);
  g_assert_cmpfloat_with_epsilon (p->share_of_after, 1, EPS);
  g_assert_cmpfloat_with_epsilon (p->population_before, 400, EPS);
  g_assert_cmpfloat_with_epsilon (p->population_after, 400, EPS);
  g_assert_cmpfloat_with_epsilon (p->decile1_before, 1, EPS);
  g_assert_cmpfloat_with_epsilon (p->lsoa_changed_after, 0, EPS);
  p = find_piece (pieces, "R", "R");
  g_assert_cmpfloat_with_epsilon (p->share_of_after, 1, EPS);
  /* Split ward: shares of the old ward by its (mid-2019) population. */
  g_assert_cmpfloat_with_epsilon (find_piece (pieces, "S", "S1")->share_of_before, 0.25, EPS);
  g_assert_cmpfloat_with_epsilon (find_piece (pieces, "S", "S2")->share_of_before, 0.75, EPS);
  g_assert_cmpfloat_with_epsilon (find_piece (pieces, "S", "S1")->share_of_after, 1, EPS);
  /* Merged wards: shares of the new ward by its (2021) population. */
  g_assert_cmpfloat_with_epsilon (find_piece (pieces, "M1", "M")->share_of_after, 90.0 / 400, EPS);
  g_assert_cmpfloat_with_epsilon (find_piece (pieces, "M2", "M")->share_of_after, 310.0 / 400, EPS);
  g_assert_cmpfloat_with_epsilon (find_piece (pieces, "M2", "M")->share_of_before, 1, EPS);
  /* Split LSOA p1 (100 people): 60:90 by its new LSOAs' populations. */
  p = find_piece (pieces, "P", "Q");
  g_assert_cmpfloat_with_epsilon (p->population_before, 100 * 90.0 / 150, EPS);
  g_assert_cmpfloat_with_epsilon (p->share_of_before, 0.3, EPS);
  g_assert_cmpfloat_with_epsilon (p->share_of_after, 1, EPS);
  g_assert_cmpfloat_with_epsilon (p->lsoa_changed_after, 90, EPS);
  g_assert_cmpfloat_with_epsilon (p->decile1_before, 0.6, EPS);
  p = find_piece (pieces, "P", "P");
  g_assert_cmpfloat_with_epsilon (p->share_of_before, 0.7, EPS);
  g_assert_cmpfloat_with_epsilon (p->share_of_after, 1, EPS);
  g_assert_cmpfloat_with_epsilon (p->lsoa_changed_after, 60, EPS);
  g_assert_cmpfloat_with_epsilon (p->decile1_before, 0.4, EPS);
  g_assert_cmpfloat_with_epsilon (p->decile1_after, 1, EPS);
  /* Merged LSOA g1 (120 people): 30:70 by its old LSOAs' populations. */
  g_assert_cmpfloat_with_epsilon (find_piece (pieces, "E", "G")->share_of_after, 0.3, EPS);
  g_assert_cmpfloat_with_epsilon (find_piece (pieces, "F", "G")->population_after, 84, EPS);
  g_assert_cmpfloat_with_epsilon (find_piece (pieces, "F", "G")->share_of_before, 1, EPS);
  g_assert_cmpfloat_with_epsilon (find_piece (pieces, "E", "G")->decile1_after, 0.3, EPS);
  /* Sorted by new ward, largest share first. */
  g_assert_cmpstr (((WaCrosswalkPiece *) pieces->pdata[0])->after, ==, "G");
  g_assert_cmpstr (((WaCrosswalkPiece *) pieces->pdata[0])->before, ==, "F");
}

static void
add_share (GHashTable *sums, const char *ward, double share)
{
  double *sum = g_hash_table_lookup (sums, ward);

  if (sum == NULL)
    g_hash_table_insert (sums, (char *) ward, sum = g_new0 (double, 1));
  *sum += share;
}

static void
test_crosswalk_shares_sum_to_one (void)
{
  g_autoptr(GPtrArray) pieces = fixture_pieces ();
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) after = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  double population_before = 0, population_after = 0;
  GHashTableIter iter;
  double *sum;

  for (guint i = 0; i < pieces->len; i++)
    {
      const WaCrosswalkPiece *p = g_ptr_array_index (pieces, i);

      add_share (before, p->before, p->share_of_before);
      add_share (after, p->after, p->share_of_after);
      population_before += p->population_before;
      population_after += p->population_after;
    }
  g_assert_cmpuint (g_hash_table_size (before), ==, 8);
  g_assert_cmpuint (g_hash_table_size (after), ==, 8);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &sum))
    g_assert_cmpfloat_with_epsilon (*sum, 1, EPS);
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &sum))
    g_assert_cmpfloat_with_epsilon (*sum, 1, EPS);
  /* Every resident is carried once. */
  g_assert_cmpfloat_with_epsilon (population_before, 1950, EPS);
  g_assert_cmpfloat_with_epsilon (population_after, 2025, EPS);
}

static void
assert_compute_fails (const Link *extra, const char *unset_ward, const char *expected)
{
  g_autoptr(WaCrosswalk) cw = fixture_crosswalk ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pieces = NULL;

  if (extra != NULL)
    g_assert_true (wa_crosswalk_add_link (cw, extra->before, extra->after, extra->change, NULL));
  if (unset_ward != NULL)
    {
      g_assert_true (wa_crosswalk_add_lsoa (cw, TRUE, unset_ward, NULL));
      g_assert_true (wa_crosswalk_set_population (cw, TRUE, unset_ward, 10));
    }
  pieces = wa_crosswalk_compute (cw, &error);
  g_assert_null (pieces);
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” lacks “%s”", error->message, expected);
}

static void
test_crosswalk_errors (void)
{
  static const Link u_twice = { "u1", "u2", "U" };
  static const Link s_from_two = { "p2", "p1a", "S" };
  g_autoptr(WaCrosswalk) cw = wa_crosswalk_new ();
  g_autoptr(GError) error = NULL;

  assert_compute_fails (&u_twice, NULL, "change code U");
  assert_compute_fails (&s_from_two, NULL, "p1 → p1a: change code S");
  assert_compute_fails (NULL, "x1", "new LSOA x1 has no ward");

  g_assert_true (wa_crosswalk_add_lsoa (cw, FALSE, "a", NULL));
  g_assert_false (wa_crosswalk_add_lsoa (cw, FALSE, "a", &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (wa_crosswalk_add_link (cw, "a", "b", "Z", &error));
  g_assert_nonnull (strstr (error->message, "“Z”"));
  g_clear_error (&error);
  g_assert_false (wa_crosswalk_add_link (cw, "a", "b", "U", &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_UNKNOWN_CODE);
  g_clear_error (&error);
  g_assert_true (wa_crosswalk_add_lsoa (cw, TRUE, "b", NULL));
  g_assert_true (wa_crosswalk_set_ward (cw, FALSE, "a", "A"));
  g_assert_true (wa_crosswalk_set_ward (cw, TRUE, "b", "B"));
  g_assert_true (wa_crosswalk_set_population (cw, TRUE, "b", 5));
  g_assert_true (wa_crosswalk_add_link (cw, "a", "b", "U", NULL));
  g_assert_null (wa_crosswalk_compute (cw, &error));
  g_assert_nonnull (strstr (error->message, "old LSOA a has no population"));
}

/* ---- change model ------------------------------------------------------- */

/* A stand-alone ward with IMD and CNI ranks, a combined rank and a status. */
static WaWard *
ward (guint index, const char *code, const char *name, guint imd, guint cni, guint combined,
      gboolean left_behind)
{
  WaWard *w = wa_ward_new (index, code, name, "L", "Lad", "R", "Region", 100, 1, NULL);
  WaFigure figure;

  wa_figure_init (&figure);
  figure.rank = imd;
  wa_ward_set_figure (w, WA_INDICATOR_IMD, &figure);
  figure.rank = cni;
  wa_ward_set_figure (w, WA_INDICATOR_CNI, &figure);
  wa_ward_set_rank_result (w, combined, left_behind);
  return w;
}

static GListStore *
store (WaWard **wards, gsize n)
{
  GListStore *s = g_list_store_new (WA_TYPE_WARD);

  for (gsize i = 0; i < n; i++)
    {
      g_list_store_append (s, wards[i]);
      g_object_unref (wards[i]);
    }
  return s;
}

/* 2019: U, R, S, P left behind; M1, M2, E, F not (plus padding wards so
 * percentiles have a denominator of 10). 2025: U, S2, M left behind. */
static WaChange *
fixture_change (void)
{
  WaWard *before[] = {
    ward (0, "U", "Unchanged", 1, 1, 1, TRUE), ward (1, "R", "Old name", 2, 2, 2, TRUE),
    ward (2, "S", "Split", 3, 3, 3, TRUE), ward (3, "M1", "Merged 1", 4, 4, 4, FALSE),
    ward (4, "M2", "Merged 2", 5, 5, 5, FALSE), ward (5, "P", "LSOA split", 6, 6, 6, TRUE),
    ward (6, "E", "E", 7, 7, 7, FALSE), ward (7, "F", "F", 8, 8, 8, FALSE),
    ward (8, "Z1", "Pad", 9, 9, 9, FALSE), ward (9, "Z2", "Pad", 10, 10, 0, FALSE),
  };
  WaWard *after[] = {
    ward (0, "U", "Unchanged", 1, 2, 1, TRUE), ward (1, "R", "New name", 2, 1, 2, FALSE),
    ward (2, "S1", "Split 1", 3, 3, 3, FALSE), ward (3, "S2", "Split 2", 4, 4, 4, TRUE),
    ward (4, "M", "Merged", 5, 5, 5, TRUE), ward (5, "P", "P", 6, 6, 6, FALSE),
    ward (6, "Q", "Q", 7, 7, 7, FALSE), ward (7, "G", "G", 8, 8, 8, FALSE),
  };
  g_autoptr(GListStore) b = store (before, G_N_ELEMENTS (before));
  g_autoptr(GListStore) a = store (after, G_N_ELEMENTS (after));
  g_autoptr(GPtrArray) pieces = fixture_pieces ();
  g_autoptr(GError) error = NULL;
  WaChange *change = wa_change_new_from_pieces (G_LIST_MODEL (b), G_LIST_MODEL (a), pieces, &error);

  g_assert_no_error (error);
  return change;
}

static void
test_change_wards (void)
{
  g_autoptr(WaChange) change = fixture_change ();
  const WaWardChange *c;

  g_assert_cmpuint (wa_change_get_n_wards (change), ==, 8);
  c = wa_change_lookup (change, "U");
  g_assert_cmpuint (c->n_predecessors, ==, 1);
  g_assert_cmpfloat_with_epsilon (c->share_left_behind_then, 1, EPS);
  g_assert_cmpint (c->category, ==, WA_CHANGE_LEFT_BEHIND_BOTH);
  g_assert_false (c->partly);
  g_assert_cmpfloat_with_epsilon (c->changed_boundary_share, 0, EPS);
  /* Percentiles: 1 of 9 combined-ranked wards then, 1 of 8 now. */
  g_assert_cmpfloat_with_epsilon (c->position_then[WA_CHANGE_POSITION_COMBINED], 1.0 / 9, EPS);
  g_assert_cmpfloat_with_epsilon (c->position_now[WA_CHANGE_POSITION_COMBINED], 1.0 / 8, EPS);
  g_assert_cmpfloat_with_epsilon (c->position_now[WA_CHANGE_POSITION_CNI], 2.0 / 8, EPS);
  g_assert_cmpfloat_with_epsilon (c->decile1_then, 1, EPS);
  g_assert_cmpfloat_with_epsilon (c->decile1_now, 1, EPS);
  g_assert_cmpfloat_with_epsilon (c->list_residents_then, 400, EPS);

  /* Renamed, same code: not a boundary change; no longer left behind. */
  c = wa_change_lookup (change, "R");
  g_assert_cmpfloat_with_epsilon (c->changed_boundary_share, 0, EPS);
  g_assert_cmpint (c->category, ==, WA_CHANGE_NO_LONGER_LEFT_BEHIND);
  g_assert_cmpstr (wa_ward_get_name (c->predecessors[0].ward), ==, "Old name");

  /* Split: both halves come wholly from a left-behind ward. */
  c = wa_change_lookup (change, "S2");
  g_assert_cmpfloat_with_epsilon (c->changed_boundary_share, 1, EPS);
  g_assert_cmpint (c->category, ==, WA_CHANGE_LEFT_BEHIND_BOTH);
  g_assert_cmpfloat_with_epsilon (c->list_residents_then, 600, EPS);
  g_assert_cmpint (wa_change_lookup (change, "S1")->category, ==, WA_CHANGE_NO_LONGER_LEFT_BEHIND);

  /* Merge of two wards not left behind: newly left behind; the 2019
   * position is the share-weighted mean of the predecessors'. */
  c = wa_change_lookup (change, "M");
  g_assert_cmpuint (c->n_predecessors, ==, 2);
  g_assert_cmpstr (c->predecessors[0].code, ==, "M2");
  g_assert_cmpint (c->category, ==, WA_CHANGE_NEWLY_LEFT_BEHIND);
  g_assert_cmpfloat_with_epsilon (c->position_then[WA_CHANGE_POSITION_IMD],
                                  (4.0 / 10) * 0.225 + (5.0 / 10) * 0.775, EPS);
  /* The padding ward without a combined rank is not in the denominator. */
  g_assert_cmpfloat_with_epsilon (c->predecessors[0].position[WA_CHANGE_POSITION_COMBINED],
                                  5.0 / 9, EPS);

  /* Merged LSOA: G from E (30 %) and F (70 %), none left behind. */
  c = wa_change_lookup (change, "G");
  g_assert_cmpint (c->category, ==, WA_CHANGE_NEITHER);
  g_assert_cmpfloat_with_epsilon (c->changed_lsoa_share, 1, EPS);
  g_assert_cmpfloat_with_epsilon (c->decile1_then, 1, EPS);

  g_assert_null (wa_change_lookup (change, "Z1"));
}

static void
test_change_classify (void)
{
  gboolean partly = TRUE;

  g_assert_cmpint (wa_change_classify (0.25, TRUE, &partly), ==, WA_CHANGE_NEWLY_LEFT_BEHIND);
  g_assert_false (partly);
  g_assert_cmpint (wa_change_classify (0.26, TRUE, &partly), ==, WA_CHANGE_LEFT_BEHIND_BOTH);
  g_assert_true (partly);
  g_assert_cmpint (wa_change_classify (0.74, FALSE, &partly), ==, WA_CHANGE_NO_LONGER_LEFT_BEHIND);
  g_assert_true (partly);
  g_assert_cmpint (wa_change_classify (0.75, FALSE, &partly), ==, WA_CHANGE_NO_LONGER_LEFT_BEHIND);
  g_assert_false (partly);
  g_assert_cmpint (wa_change_classify (0, FALSE, &partly), ==, WA_CHANGE_NEITHER);
  g_assert_false (partly);
  for (guint c = 0; c < WA_N_CHANGE_CATEGORIES; c++)
    {
      WaChangeCategory back;

      g_assert_true (wa_change_category_from_id (wa_change_category_id (c), &back));
      g_assert_cmpint (back, ==, c);
      g_assert_nonnull (wa_change_category_label (c, TRUE));
    }
  g_assert_false (wa_change_category_from_id ("improved", NULL));
}

static void
test_change_successor_and_totals (void)
{
  g_autoptr(WaChange) change = fixture_change ();
  WaChangeTotals totals;
  double share = 0;

  g_assert_cmpstr (wa_ward_get_code (wa_change_main_successor (change, "S", &share)), ==, "S2");
  g_assert_cmpfloat_with_epsilon (share, 0.75, EPS);
  g_assert_cmpstr (wa_ward_get_code (wa_change_main_successor (change, "P", &share)), ==, "P");
  g_assert_cmpfloat_with_epsilon (share, 0.7, EPS);
  g_assert_null (wa_change_main_successor (change, "Z1", &share));

  /* U, S2 in both; R, S1, P, Q no longer; M newly; G neither. */
  wa_change_get_totals (change, WA_CHANGE_LEFT_BEHIND_BOTH, &totals);
  g_assert_cmpuint (totals.n_wards, ==, 2);
  g_assert_cmpfloat_with_epsilon (totals.residents_now, 400 + 590, EPS);
  wa_change_get_totals (change, WA_CHANGE_NO_LONGER_LEFT_BEHIND, &totals);
  g_assert_cmpuint (totals.n_wards, ==, 4);
  wa_change_get_totals (change, WA_CHANGE_NEWLY_LEFT_BEHIND, &totals);
  g_assert_cmpuint (totals.n_wards, ==, 1);
  g_assert_cmpfloat_with_epsilon (totals.list_residents_then, 0, EPS);
  /* The 2019 list's residents (U 400, R 50, S 800, P 200) are all carried. */
  g_assert_cmpfloat_with_epsilon (wa_change_get_list_residents_then (change), 1450, EPS);
}

/* What the ranking table shows: cells, a filter by category and the
 * totals of the shown wards, all from the core. */
static void
test_change_table (void)
{
  g_autoptr(WaChange) change = fixture_change ();
  g_autoptr(GPtrArray) wards = g_ptr_array_new ();
  g_autoptr(WaWardFilter) filter = wa_ward_filter_new ();
  g_autoptr(WaWardFilter) copy = NULL;
  g_autofree char *text = NULL;
  WaWard *u = wa_change_lookup (change, "U")->ward;
  WaWard *m = wa_change_lookup (change, "M")->ward;
  WaChangeTotals totals;

  for (guint i = 0; i < wa_change_get_n_wards (change); i++)
    g_ptr_array_add (wards, wa_change_get_ward (change, i)->ward);

  wa_ward_filter_set_change_category (filter, change, WA_CHANGE_LEFT_BEHIND_BOTH);
  g_assert_false (wa_ward_filter_is_empty (filter));
  g_assert_true (wa_ward_filter_match (filter, u));
  g_assert_false (wa_ward_filter_match (filter, m));
  for (guint i = wards->len; i-- > 0;)
    if (!wa_ward_filter_match (filter, g_ptr_array_index (wards, i)))
      g_ptr_array_remove_index (wards, i);
  /* U and S2, as wa_change_get_totals counts the category. */
  wa_change_sum_wards (change, wards, &totals);
  g_assert_cmpuint (totals.n_wards, ==, 2);
  g_assert_cmpfloat_with_epsilon (totals.residents_now, 400 + 590, EPS);
  g_assert_cmpfloat_with_epsilon (totals.list_residents_then, 400 + 600, EPS);
  text = wa_change_describe_totals (&totals, WA_CHANGE_LEFT_BEHIND_BOTH);
  g_assert_cmpstr (text, ==, "2 wards, 990 residents left behind in 2019 and now");
  g_clear_pointer (&text, g_free);
  text = wa_change_describe_totals (&totals, -1);
  g_assert_cmpstr (text, ==, "2 wards, 990 residents");
  g_clear_pointer (&text, g_free);

  copy = wa_ward_filter_copy (filter);
  g_assert_cmpint (wa_ward_filter_get_change_category (copy), ==, WA_CHANGE_LEFT_BEHIND_BOTH);
  wa_ward_filter_set_change_category (filter, change, WA_CHANGE_NEWLY_LEFT_BEHIND);
  g_assert_true (wa_ward_filter_match (filter, m));
  g_assert_false (wa_ward_filter_match (filter, u));
  wa_ward_filter_set_change_category (filter, NULL, -1);
  g_assert_true (wa_ward_filter_is_empty (filter));
  g_assert_true (wa_ward_filter_match (filter, u));

  /* Cells: U is 1st of 9 then (11 %), left behind in both. */
  text = wa_change_field_format (change, u, WA_CHANGE_FIELD_POSITION_THEN);
  g_assert_cmpstr (text, ==, "11 %");
  g_clear_pointer (&text, g_free);
  text = wa_change_field_format (change, u, WA_CHANGE_FIELD_CATEGORY);
  g_assert_cmpstr (text, ==, "Left behind in 2019 and now");
  g_clear_pointer (&text, g_free);
  text = wa_change_format_position (0.0029);
  g_assert_cmpstr (text, ==, "0.29 %");
  g_clear_pointer (&text, g_free);
  /* Beside the left-behind line (10 %), a position is never printed on
   * it unless it is on it. */
  text = wa_change_format_position (0.0996);
  g_assert_cmpstr (text, ==, "9.96 %");
  g_clear_pointer (&text, g_free);
  text = wa_change_format_position (0.1004);
  g_assert_cmpstr (text, ==, "10.04 %");
  g_clear_pointer (&text, g_free);
  text = wa_change_format_position (0.1);
  g_assert_cmpstr (text, ==, "10 %");
  g_clear_pointer (&text, g_free);
  text = wa_change_format_position (NAN);
  g_assert_cmpstr (text, ==, "–");
}

static void
test_change_errors (void)
{
  WaWard *before[] = { ward (0, "A", "A", 1, 1, 1, TRUE) };
  WaWard *after[] = { ward (0, "B", "B", 1, 1, 1, TRUE) };
  g_autoptr(GListStore) b = store (before, 1);
  g_autoptr(GListStore) a = store (after, 1);
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_crosswalk_piece_free);
  WaCrosswalkPiece *piece = g_new0 (WaCrosswalkPiece, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(WaChange) change = NULL;

  piece->before = g_strdup ("A");
  piece->after = g_strdup ("C");
  piece->share_of_before = piece->share_of_after = 1;
  g_ptr_array_add (pieces, piece);
  g_assert_null (wa_change_new_from_pieces (G_LIST_MODEL (b), G_LIST_MODEL (a), pieces, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_UNKNOWN_CODE);
  g_clear_error (&error);

  /* Re-coded without a boundary change: the same area. */
  g_free (piece->after);
  piece->after = g_strdup ("B");
  change = wa_change_new_from_pieces (G_LIST_MODEL (b), G_LIST_MODEL (a), pieces, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (wa_change_lookup (change, "B")->changed_boundary_share, 0, EPS);
  piece->share_of_before = 0.9;
  g_clear_object (&change);
  change = wa_change_new_from_pieces (G_LIST_MODEL (b), G_LIST_MODEL (a), pieces, &error);
  g_assert_cmpfloat_with_epsilon (wa_change_lookup (change, "B")->changed_boundary_share, 1, EPS);

  piece->share_of_after = 1.5;
  g_assert_null (wa_change_new_from_pieces (G_LIST_MODEL (b), G_LIST_MODEL (a), pieces, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "1.5"));
}

static void
test_change_export (void)
{
  g_autoptr(WaChange) change = fixture_change ();
  WaChangeExportOptions options = { "2019", "2025", NULL, WA_CHANGE_NEWLY_LEFT_BEHIND };
  g_autoptr(GBytes) csv = wa_change_export_csv (change, &options);
  g_autofree char *text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GBytes) json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  /* Header, the one newly left-behind ward (M), and the final newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "ward_code,ward_name,lad_name,category,partly,left_behind_share_2019,"));
  g_assert_cmpstr (lines[1], ==,
                   "M,Merged,Lad,newly-left-behind,false,0.0000,true,53.06,62.50,47.75,62.50,47.75,62.50,"
                   "1.0000,0.0000,1.00,1.00,\"M2:0.7750;M1:0.2250\"");

  options.category = -1;
  options.ward_code = "G";
  json = wa_change_export_json (change, &options);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (json, NULL),
                                             g_bytes_get_size (json), &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "wards")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "caveats")), ==, 4);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (root, "totals"), WA_CHANGE_NO_LONGER_LEFT_BEHIND),
                     "wards"), ==, 4);
}

/* ---- the build step, end to end on the fixture sources ----------------- */

static void
append_source (GString *manifest, const char *id, const char *role, const char *columns)
{
  g_string_append_printf (manifest,
                          "\n[source %s]\nrole=%s\ntitle=Test %s\nfile=%s.csv\neditions=2025\n"
                          "publisher=Test\nurl=https://example.org/%s\nlicence=OGL\n"
                          "attribution=Test data\n%s",
                          id, role, id, id, id, columns);
}

/* Old LSOAs K1..K8 in old wards O1..O5 (and a Welsh one): K1, K2 -> L1, L2
 * unchanged; K3 split into L3, L4; K4 (O3) and K5 (O4) merged into L5; K6
 * (O4) -> L7; K7 (O5) -> L8; K8 -> L6 (Wales). X9 is outside the old IMD
 * table and ignored. */
static void
add_crosswalk_sources (WaTestSources *f, const char *change_csv)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) manifest = NULL;

  g_assert_true (g_file_get_contents (f->manifest, &text, NULL, NULL));
  manifest = g_string_new (text);
  append_source (manifest, "change", "lsoa-change-lookup",
                 "column.lsoa_before=before\ncolumn.lsoa_after=after\ncolumn.change=code\n");
  append_source (manifest, "old_lookup", "crosswalk-lsoa-ward-lookup", "column.lsoa=lsoa\ncolumn.ward=ward\n");
  append_source (manifest, "old_population", "crosswalk-lsoa-population",
                 "column.lsoa=lsoa\ncolumn.population=people\n");
  append_source (manifest, "old_imd", "crosswalk-imd-lsoa", "column.lsoa=lsoa\ncolumn.imd.decile=decile\n");
  g_assert_true (g_file_set_contents (f->manifest, manifest->str, -1, NULL));
  /* Every new LSOA of the IMD table needs a ward: L8 goes to E05000004. */
  wa_test_sources_write_csv (f, "lookup.csv",
                             "lsoa,ward\nL1,E05000001\nL2,E05000001\nL3,E05000002\nL4,E05000002\n"
                             "L5,E05000003\nL6,W05000099\nL7,E05000003\nL8,E05000004\n");
  wa_test_sources_write_csv (f, "old_lookup.csv",
                             "lsoa,ward\nK1,O1\nK2,O1\nK3,O2\nK4,O3\nK5,O4\nK6,O4\nK7,O5\nK8,W05000098\nX9,W05000001\n");
  wa_test_sources_write_csv (f, "old_population.csv",
                             "lsoa,people\nK1,100\nK2,300\nK3,400\nK4,20\nK5,30\nK6,150\nK7,999\nK8,10\nX9,5\n");
  wa_test_sources_write_csv (f, "old_imd.csv",
                             "lsoa,decile\nK1,5\nK2,5\nK3,1\nK4,5\nK5,5\nK6,5\nK7,5\nK8,5\n");
  wa_test_sources_write_csv (f, "change.csv", change_csv);
}

static const char *const fixture_changes =
  "before,after,code\nK1,L1,U\nK2,L2,U\nK3,L3,S\nK3,L4,S\nK4,L5,M\nK5,L5,M\nK6,L7,U\nK7,L8,U\nK8,L6,U\nX9,Y9,U\n";

static void
test_build_step (void)
{
  WaTestSources f = { 0 };
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(GError) error = NULL;
  GDALDatasetH dataset;
  OGRLayerH layer;
  OGRFeatureH feature;
  guint n = 0;

  wa_test_sources_init (&f);
  add_crosswalk_sources (&f, fixture_changes);
  atlas = wa_test_sources_open (&f, FALSE);
  g_assert_nonnull (strstr (wa_atlas_get_metadata (atlas, WA_PACK_META_CROSSWALK_METHOD), "LSOA"));
  g_assert_cmpstr (wa_atlas_get_metadata (atlas, WA_PACK_META_CROSSWALK_SOURCES), ==,
                   "old_lookup; old_population; old_imd; change; lookup; population; imd");
  dataset = wa_gdal_open_vector (f.output, &error);
  g_assert_no_error (error);
  layer = GDALDatasetGetLayerByName (dataset, WA_PACK_LAYER_CROSSWALK);
  g_assert_nonnull (layer);
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      const char *before = OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, WA_PACK_CW_BEFORE));
      double share = OGR_F_GetFieldAsDouble (feature, OGR_F_GetFieldIndex (feature, WA_PACK_CW_SHARE_OF_AFTER));
      double decile1 = OGR_F_GetFieldAsDouble (feature, OGR_F_GetFieldIndex (feature, WA_PACK_CW_DECILE1_BEFORE));

      n++;
      /* E05000003: 20 residents of L5 from O3, 30 of L5 and 150 of L7 from O4. */
      if (strcmp (before, "O3") == 0)
        g_assert_cmpfloat_with_epsilon (share, 0.1, EPS);
      if (strcmp (before, "O4") == 0)
        g_assert_cmpfloat_with_epsilon (share, 0.9, EPS);
      if (strcmp (before, "O2") == 0)
        g_assert_cmpfloat_with_epsilon (decile1, 1, EPS);
      OGR_F_Destroy (feature);
    }
  /* W05000098 -> W05000099 (K8 -> L6) is left out: not a ward of the pack. */
  g_assert_cmpuint (n, ==, 5);
  GDALClose (dataset);
  wa_test_sources_clear (&f);
}

static void
test_build_step_bad_code (void)
{
  WaTestSources f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *changes = g_strdup (fixture_changes);
  g_autofree char *bad = NULL;

  wa_test_sources_init (&f);
  *strstr (changes, "K6,L7,U") = '\0';
  bad = g_strconcat (changes, "K6,L7,Q\nK7,L8,U\nK8,L6,U\n", NULL);
  add_crosswalk_sources (&f, bad);
  g_assert_false (wa_test_sources_build (&f, FALSE, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, "change.csv: line 8") == NULL || strstr (error->message, "“Q”") == NULL)
    g_error ("unexpected message: %s", error->message);
  g_clear_error (&error);

  /* An old LSOA twice in the old ward lookup. */
  wa_test_sources_write_csv (&f, "change.csv", fixture_changes);
  wa_test_sources_write_csv (&f, "old_lookup.csv", "lsoa,ward\nK1,O1\nK2,O1\nK1,O9\n");
  g_assert_false (wa_test_sources_build (&f, FALSE, &error));
  if (strstr (error->message, "old_lookup.csv: line 4") == NULL || strstr (error->message, "K1 appears twice") == NULL)
    g_error ("unexpected message: %s", error->message);
  wa_test_sources_clear (&f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crosswalk/cases", test_crosswalk_cases);
  g_test_add_func ("/crosswalk/shares-sum-to-one", test_crosswalk_shares_sum_to_one);
  g_test_add_func ("/crosswalk/errors", test_crosswalk_errors);
  g_test_add_func ("/change/wards", test_change_wards);
  g_test_add_func ("/change/classify", test_change_classify);
  g_test_add_func ("/change/successor-and-totals", test_change_successor_and_totals);
  g_test_add_func ("/change/errors", test_change_errors);
  g_test_add_func ("/change/table", test_change_table);
  g_test_add_func ("/change/export", test_change_export);
  g_test_add_func ("/crosswalk/build-step", test_build_step);
  g_test_add_func ("/crosswalk/build-step-bad-code", test_build_step_bad_code);
  return g_test_run ();
}
