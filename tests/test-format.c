/* test-format.c: en-GB number formatting and the attribution line. */
#include <locale.h>
#include <math.h>
#include <string.h>

#include "wa-format.h"

static void
check (char *got, const char *want)
{
  g_assert_cmpstr (got, ==, want);
  g_free (got);
}

static void
test_count (void)
{
  check (wa_format_count (0), "0");
  check (wa_format_count (999), "999");
  check (wa_format_count (1000), "1,000");
  check (wa_format_count (7461), "7,461");
  check (wa_format_count (2386368), "2,386,368");
  check (wa_format_count (-45210), "−45,210");
}

static void
test_population_short (void)
{
  check (wa_format_population_short (2386368), "2.39 million");
  check (wa_format_population_short (1000000), "1.00 million");
  check (wa_format_population_short (45210), "45,210");
}

static void
test_score_rank_percent (void)
{
  check (wa_format_score (34.7251, 2), "34.73");
  check (wa_format_score (NAN, 2), "No data");
  check (wa_format_rank_of (123, 7461), "123 of 7,461");
  check (wa_format_rank_of (0, 7461), "No data");
  check (wa_format_percent (10), "10%");
  check (wa_format_percent (12.5), "12.5%");
}

static void
test_attribution_line (void)
{
  const char *sources[] = {
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right 2019",
    "Contains OS data © Crown copyright and database right 2025.\n"
    "Contains Royal Mail data © Royal Mail copyright and database right 2025.\n"
    "Contains National Statistics data © Crown copyright and database right 2025.",
    "Community Needs Index 2019: OCSI for Local Trust. Licence not stated.",
    NULL
  };
  g_autofree char *line = wa_format_attribution_line (sources);

  g_test_message ("%s", line);
  g_assert_nonnull (strstr (line, "Contains OS data © Crown copyright and database right 2025."));
  g_assert_null (strstr (line, "right 2019"));
  g_assert_nonnull (strstr (line, "Royal Mail copyright and database right 2025"));
  g_assert_nonnull (strstr (line, "National Statistics data © Crown copyright and database right 2025"));
  g_assert_nonnull (strstr (line, "Open Government Licence v3.0"));
  g_assert_nonnull (strstr (line, "OCSI"));
}

static void
test_attribution_line_only_what_is_used (void)
{
  const char *sources[] = { "Contains OS data © Crown copyright and database right 2017", NULL };
  g_autofree char *line = wa_format_attribution_line (sources);

  g_assert_cmpstr (line, ==, "Contains OS data © Crown copyright and database right 2017.");
}

int
main (int argc, char *argv[])
{
  /* A locale with a decimal comma must not leak into the output. */
  setlocale (LC_ALL, "de_DE.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/count", test_count);
  g_test_add_func ("/format/population-short", test_population_short);
  g_test_add_func ("/format/score-rank-percent", test_score_rank_percent);
  g_test_add_func ("/format/attribution-line", test_attribution_line);
  g_test_add_func ("/format/attribution-line-only-what-is-used", test_attribution_line_only_what_is_used);
  return g_test_run ();
}
