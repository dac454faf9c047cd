/* test-lsoa.c: the neighbourhood figures of wa-lsoa.h on LSOAs made in
 * code: MHCLG's decile cut, the three left-behind flags and a ward's
 * summary. */
#include <math.h>
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lsoa/deciles", test_deciles);
  g_test_add_func ("/lsoa/flags", test_flags);
  g_test_add_func ("/lsoa/ward-summary", test_ward_summary);
  return g_test_run ();
}
