/* test-lsoa-real.c: the neighbourhoods of the real packs (issue 20): every
 * LSOA is in a ward and the ward's population is its LSOAs' sum; OCSI's
 * 2023 left-behind neighbourhoods are reproduced exactly from CNI 2023 and
 * IMD 2019. */
#include <math.h>
#include "ward-atlas-core.h"
#include "wa-test-fixtures.h"

/* The builder sums each ward's population over its LSOAs: the layer must
 * hold exactly those LSOAs. */
static void
check_populations (WaAtlas *atlas)
{
  WaLsoas *lsoas = wa_atlas_get_lsoas (atlas);
  guint n_checked = 0;

  for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
    {
      WaWard *ward = wa_atlas_get_ward (atlas, w);
      WaLsoaWardSummary s;

      wa_lsoas_summarise_ward (lsoas, w, &s);
      g_assert_cmpuint (s.n_lsoas, ==, wa_ward_get_n_lsoa (ward));
      if (wa_ward_get_population (ward) < 0)
        continue;
      g_assert_cmpint (s.population, ==, wa_ward_get_population (ward));
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, wa_atlas_get_n_wards (atlas) * 9 / 10);
}

static void
test_2019 (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2019");
  WaLsoas *lsoas;

  if (atlas == NULL)
    return;
  lsoas = wa_atlas_get_lsoas (atlas);
  g_assert_cmpuint (wa_lsoas_get_n (lsoas), ==, 32844);
  g_assert_cmpuint (wa_lsoas_get_n_ranked (lsoas, WA_INDICATOR_IMD), ==, 32844);
  /* CNI 2019 is published per ward only: no neighbourhood flag. */
  for (WaLsoaFlag f = 0; f < WA_N_LSOA_FLAGS; f++)
    g_assert_false (wa_lsoas_has_flag (lsoas, f));
  check_populations (atlas);
}

static void
test_2025 (void)
{
  g_autoptr(WaAtlas) atlas = wa_test_open_pack ("2025");
  guint counts[WA_N_LSOA_FLAGS] = { 0 }, differ = 0;
  WaLsoas *lsoas;

  if (atlas == NULL)
    return;
  lsoas = wa_atlas_get_lsoas (atlas);
  g_assert_cmpuint (wa_lsoas_get_n (lsoas), ==, 33755);
  for (guint i = 0; i < wa_lsoas_get_n (lsoas); i++)
    {
      const WaLsoa *lsoa = wa_lsoas_get (lsoas, i);
      int published = wa_lsoas_flag (lsoas, lsoa, WA_LSOA_FLAG_PUBLISHED);

      g_assert_cmpint (published, >=, 0);
      g_assert_cmpint (wa_lsoas_flag (lsoas, lsoa, WA_LSOA_FLAG_REPRODUCED), ==, published);
      for (WaLsoaFlag f = 0; f < WA_N_LSOA_FLAGS; f++)
        counts[f] += wa_lsoas_flag (lsoas, lsoa, f) == 1;
      differ += wa_lsoas_flag (lsoas, lsoa, WA_LSOA_FLAG_CURRENT) != published;
    }
  g_assert_cmpuint (counts[WA_LSOA_FLAG_PUBLISHED], ==, 1305);
  g_assert_cmpuint (counts[WA_LSOA_FLAG_REPRODUCED], ==, 1305);
  /* The current recomputation is its own list, not a copy of the old. */
  g_assert_cmpuint (counts[WA_LSOA_FLAG_CURRENT], >, 1000);
  g_assert_cmpuint (differ, >, 0);
  check_populations (atlas);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lsoa-real/2019", test_2019);
  g_test_add_func ("/lsoa-real/2025", test_2025);
  return g_test_run ();
}
