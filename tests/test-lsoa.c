/* test-lsoa.c: the neighbourhood figures of wa-lsoa.h on LSOAs made in
 * code: MHCLG's decile cut, the three left-behind flags and a ward's
 * summary. */
#include <math.h>
#include <string.h>
#include "ward-atlas-core.h"

static void
add (WaLsoas *lsoas, const char *code, guint ward, gint64 population, guint imd_rank,
     guint cni_rank, int published, int before)
{
  WaLsoa lsoa = { 0 };

  lsoa.code = g_strdup (code);
  lsoa.name = g_strdup_printf ("Name %s", code);
  lsoa.ward_index = ward;
  lsoa.population = population;
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    lsoa.score[i] = NAN;
  lsoa.rank[WA_INDICATOR_IMD] = imd_rank;
  lsoa.rank[WA_INDICATOR_CNI] = cni_rank;
  lsoa.published = published;
  lsoa.before_decile1 = before;
  wa_lsoas_add (lsoas, &lsoa);
}

/* 95 LSOAs ranked: decile 1 is ranks 1..9 (9.5 rounded down), the CNI's
 * most deprived 10 % likewise. */
static WaLsoas *
make_lsoas (void)
{
  WaLsoas *lsoas = wa_lsoas_new (3);

  wa_lsoas_set_n_ranked (lsoas, WA_INDICATOR_IMD, 95);
  wa_lsoas_set_n_ranked (lsoas, WA_INDICATOR_CNI, 95);
  add (lsoas, "E01000003", 0, 1000, 9, 9, 1, 1);    /* all three flags */
  add (lsoas, "E01000001", 0, 3000, 10, 1, 1, 1);   /* IMD decile 2 now: published, not current */
  add (lsoas, "E01000002", 0, 1000, 1, 10, 0, 1);   /* CNI just outside */
  add (lsoas, "E01000004", 1, -1, 1, 1, 0, 0);      /* current only; population unknown */
  add (lsoas, "E01000005", 1, 2000, 0, 0, -1, -1);  /* no figures */
  return lsoas;
}

static void
test_deciles (void)
{
  g_autoptr(WaLsoas) lsoas = make_lsoas ();
  const WaLsoa *a = wa_lsoas_lookup (lsoas, "E01000003");
  const WaLsoa *b = wa_lsoas_lookup (lsoas, "E01000001");

  g_assert_nonnull (a);
  g_assert_cmpuint (wa_lsoas_decile (lsoas, a, WA_INDICATOR_IMD), ==, 1);
  g_assert_cmpuint (wa_lsoas_decile (lsoas, b, WA_INDICATOR_IMD), ==, 2);
  g_assert_cmpuint (wa_lsoas_decile (lsoas, wa_lsoas_lookup (lsoas, "E01000005"), WA_INDICATOR_IMD), ==, 0);
  g_assert_cmpuint (wa_lsoas_decile (lsoas, a, WA_INDICATOR_IMD_INCOME), ==, 0);
  g_assert_null (wa_lsoas_lookup (lsoas, "E01999999"));
}

static void
test_flags (void)
{
  g_autoptr(WaLsoas) lsoas = make_lsoas ();
  struct { const char *code; int published, reproduced, current; } expected[] = {
    { "E01000003", 1, 1, 1 },
    { "E01000001", 1, 1, 0 },
    { "E01000002", 0, 0, 0 },
    { "E01000004", 0, 0, 1 },
    { "E01000005", -1, -1, -1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const WaLsoa *lsoa = wa_lsoas_lookup (lsoas, expected[i].code);

      g_assert_cmpint (wa_lsoas_flag (lsoas, lsoa, WA_LSOA_FLAG_PUBLISHED), ==, expected[i].published);
      g_assert_cmpint (wa_lsoas_flag (lsoas, lsoa, WA_LSOA_FLAG_REPRODUCED), ==, expected[i].reproduced);
      g_assert_cmpint (wa_lsoas_flag (lsoas, lsoa, WA_LSOA_FLAG_CURRENT), ==, expected[i].current);
    }
  g_assert_true (wa_lsoas_has_flag (lsoas, WA_LSOA_FLAG_PUBLISHED));
}

/* A selection of wards turned into an LSOA set: each ward's LSOAs by
 * code, none twice (an LSOA already chosen stays where it was), a ward
 * without LSOAs or out of range adds nothing. */
static void
test_expand_wards (void)
{
  g_autoptr(WaLsoas) lsoas = make_lsoas ();
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  const guint wards[] = { 1, 0, 2, 7 };
  const char *const expected[] = { "E01000002", "E01000004", "E01000005",
                                   "E01000001", "E01000003" };
  guint chosen = (guint) wa_lsoas_lookup_index (lsoas, "E01000002");

  g_assert_cmpint (wa_lsoas_lookup_index (lsoas, "E01000003"), ==, 0);
  g_assert_cmpint (wa_lsoas_lookup_index (lsoas, "E01000005"), ==, 4);
  g_assert_cmpint (wa_lsoas_lookup_index (lsoas, "E01999999"), ==, -1);

  g_array_append_val (indices, chosen);
  wa_lsoas_expand_wards (lsoas, wards, G_N_ELEMENTS (wards), indices);
  g_assert_cmpuint (indices->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < indices->len; i++)
    g_assert_cmpstr (wa_lsoas_get (lsoas, g_array_index (indices, guint, i))->code, ==, expected[i]);

  /* Again: nothing new. */
  wa_lsoas_expand_wards (lsoas, wards, G_N_ELEMENTS (wards), indices);
  g_assert_cmpuint (indices->len, ==, G_N_ELEMENTS (expected));
}

static void
test_ward_summary (void)
{
  g_autoptr(WaLsoas) lsoas = make_lsoas ();
  WaLsoaWardSummary s;
  const guint *indices;
  guint n;

  indices = wa_lsoas_get_ward_lsoas (lsoas, 0, &n);
  g_assert_cmpuint (n, ==, 3);
  /* By code. */
  g_assert_cmpstr (wa_lsoas_get (lsoas, indices[0])->code, ==, "E01000001");
  g_assert_cmpstr (wa_lsoas_get (lsoas, indices[2])->code, ==, "E01000003");

  wa_lsoas_summarise_ward (lsoas, 0, &s);
  g_assert_cmpuint (s.n_lsoas, ==, 3);
  g_assert_cmpuint (s.n_imd_decile1, ==, 2);
  g_assert_cmpuint (s.n_cni_top10, ==, 2);
  g_assert_cmpint (s.population, ==, 5000);
  g_assert_cmpuint (s.n_flagged[WA_LSOA_FLAG_PUBLISHED], ==, 2);
  g_assert_cmpfloat_with_epsilon (s.share_flagged[WA_LSOA_FLAG_PUBLISHED], 0.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.share_flagged[WA_LSOA_FLAG_CURRENT], 0.2, 1e-12);

  /* Ward 1: the flagged LSOA has no known population; the share is of
   * the known residents. Ward 2: no LSOA, no share. */
  wa_lsoas_summarise_ward (lsoas, 1, &s);
  g_assert_cmpuint (s.n_flagged[WA_LSOA_FLAG_CURRENT], ==, 1);
  g_assert_cmpfloat_with_epsilon (s.share_flagged[WA_LSOA_FLAG_CURRENT], 0.0, 1e-12);
  wa_lsoas_summarise_ward (lsoas, 2, &s);
  g_assert_cmpuint (s.n_lsoas, ==, 0);
  g_assert_true (isnan (s.share_flagged[WA_LSOA_FLAG_PUBLISHED]));
}

/* ---- boundaries read on demand ----------------------------------------- */

typedef struct {
  gint calls;
  gboolean fail;
} ReaderState;

/* LSOA i is the unit square [i, i + 1] x [50, 51]; the last has none. */
static gboolean
square_reader (WaLsoas *lsoas, GPtrArray *geometries, gpointer data, GError **error)
{
  ReaderState *state = data;

  g_atomic_int_inc (&state->calls);
  g_usleep (G_USEC_PER_SEC / 100);   /* so that other threads arrive meanwhile */
  if (state->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "pack.gpkg: cannot read");
      return FALSE;
    }
  for (guint i = 0; i + 1 < wa_lsoas_get_n (lsoas); i++)
    {
      double xy[] = { i, 50, i + 1, 50, i + 1, 51, i, 51 };
      guint start = 0;

      g_ptr_array_index (geometries, i) = wa_geometry_new (xy, 4, &start, 1);
    }
  return TRUE;
}

static gpointer
locate_in_thread (gpointer data)
{
  return GINT_TO_POINTER (wa_lsoas_locate (data, 2.5, 50.5) + 1);
}

static void
test_geometry_on_demand (void)
{
  g_autoptr(WaLsoas) lsoas = make_lsoas ();
  ReaderState state = { 0 };
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  WaBBox box = { 1.2, 50.2, 2.8, 50.4 };
  GThread *threads[4];

  wa_lsoas_set_geometry_reader (lsoas, square_reader, &state, NULL);
  g_assert_false (wa_lsoas_has_geometry (lsoas));
  g_assert_cmpint (state.calls, ==, 0);
  /* Tile threads ask at once: one read, every one gets the answer. */
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("locate", locate_in_thread, lsoas);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_assert_cmpint (GPOINTER_TO_INT (g_thread_join (threads[t])), ==, 3);
  g_assert_cmpint (state.calls, ==, 1);
  g_assert_true (wa_lsoas_has_geometry (lsoas));

  g_assert_cmpint (wa_lsoas_locate (lsoas, 0.5, 50.5), ==, 0);
  g_assert_cmpint (wa_lsoas_locate (lsoas, 4.5, 50.5), ==, -1);   /* the last has none */
  g_assert_cmpint (wa_lsoas_locate (lsoas, 0.5, 52), ==, -1);
  g_assert_cmpint (wa_lsoas_locate (lsoas, NAN, 50.5), ==, -1);
  g_assert_null (wa_lsoas_get_geometry (lsoas, 4));
  g_assert_nonnull (wa_lsoas_get_geometry (lsoas, 1));
  wa_lsoas_query_box (lsoas, &box, found);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpuint (MIN (g_array_index (found, guint, 0), g_array_index (found, guint, 1)), ==, 1);
  g_assert_cmpuint (MAX (g_array_index (found, guint, 0), g_array_index (found, guint, 1)), ==, 2);
  g_assert_cmpint (state.calls, ==, 1);
}

static void
test_geometry_failure (void)
{
  g_autoptr(WaLsoas) lsoas = make_lsoas ();
  g_autoptr(WaLsoas) none = make_lsoas ();
  ReaderState state = { 0, TRUE };
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  WaBBox box = { -10, 40, 10, 60 };

  wa_lsoas_set_geometry_reader (lsoas, square_reader, &state, NULL);
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GError) error = NULL;

      /* The error each time, the reader once: a failed read is not retried
       * by every tile. */
      g_assert_false (wa_lsoas_ensure_geometry (lsoas, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "pack.gpkg"));
    }
  g_assert_cmpint (state.calls, ==, 1);
  g_assert_cmpint (wa_lsoas_locate (lsoas, 0.5, 50.5), ==, -1);
  wa_lsoas_query_box (lsoas, &box, found);
  g_assert_cmpuint (found->len, ==, 0);
  /* No reader (LSOAs made in code): no boundaries, no crash. */
  g_assert_false (wa_lsoas_ensure_geometry (none, NULL));
  g_assert_null (wa_lsoas_get_geometry (none, 0));
}

static void
test_facts (void)
{
  g_autoptr(WaLsoas) lsoas = make_lsoas ();
  WaLsoaFacts facts;
  guint index = (guint) (wa_lsoas_lookup (lsoas, "E01000001") - wa_lsoas_get (lsoas, 0));

  wa_lsoas_get_facts (lsoas, index, &facts);
  g_assert_cmpuint (facts.imd_decile, ==, 2);
  g_assert_cmpuint (facts.cni_decile, ==, 1);
  g_assert_cmpfloat_with_epsilon (facts.ward_share, 0.6, 1e-12);   /* 3,000 of 5,000 */
  g_assert_cmpint (facts.flag[WA_LSOA_FLAG_PUBLISHED], ==, 1);
  g_assert_cmpint (facts.flag[WA_LSOA_FLAG_CURRENT], ==, 0);
  g_assert_cmpint (wa_lsoas_map_indicator (lsoas), ==, WA_INDICATOR_CNI);
  index = (guint) (wa_lsoas_lookup (lsoas, "E01000004") - wa_lsoas_get (lsoas, 0));
  wa_lsoas_get_facts (lsoas, index, &facts);
  g_assert_true (isnan (facts.ward_share));   /* population unknown */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lsoa/deciles", test_deciles);
  g_test_add_func ("/lsoa/flags", test_flags);
  g_test_add_func ("/lsoa/ward-summary", test_ward_summary);
  g_test_add_func ("/lsoa/expand-wards", test_expand_wards);
  g_test_add_func ("/lsoa/geometry-on-demand", test_geometry_on_demand);
  g_test_add_func ("/lsoa/geometry-failure", test_geometry_failure);
  g_test_add_func ("/lsoa/facts", test_facts);
  return g_test_run ();
}
