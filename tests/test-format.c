/* test-format.c: number formatting (en-GB in the C locale, the user's
 * locale otherwise) and the attribution line. */
#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

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
  check (wa_format_percent (10), "10 %");
  check (wa_format_percent (12.5), "12.5 %");
  check (wa_format_percent_decimals (0.2872, 2), "0.29 %");
}

/* Beside a threshold, a value never prints on the line or on its other
 * side: 9.96 rounded was "10 %", next to "the most deprived 10 %". */
static void
test_percent_beside_threshold (void)
{
  check (wa_format_percent_beside (9.96, 0, 10), "9.96 %");
  check (wa_format_percent_beside (10.04, 0, 10), "10.04 %");
  check (wa_format_percent_beside (9.6, 0, 10), "9.6 %");
  check (wa_format_percent_beside (10, 0, 10), "10 %");
  check (wa_format_percent_beside (37.4, 0, 10), "37 %");
  check (wa_format_percent_beside (9.9996, 1, 10), "9.9996 %");
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

/* The map's one-line credit names each owner once, in a fixed order, and
 * only the owners the pack's sources name. */
static void
test_attribution_owners (void)
{
  const char *sources[] = {
    "Pubs: © OpenStreetMap contributors, ODbL",
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right 2019",
    "Community Needs Index 2023: OCSI (Oxford Consultants for Social Inclusion) for Local Trust.",
    "Source: Ministry of Housing, Communities and Local Government, English indices of deprivation 2025",
    "Contains National Statistics data © Crown copyright and database right 2025.",
    NULL
  };
  const char *only_os[] = { "Contains OS data © Crown copyright and database right 2017", NULL };
  g_autofree char *line = wa_format_attribution_owners (sources);
  g_autofree char *short_line = wa_format_attribution_owners (only_os);
  g_autofree char *none = wa_format_attribution_owners (NULL);

  g_assert_cmpstr (line, ==, "© Crown copyright, ONS, MHCLG, OCSI, OpenStreetMap contributors");
  g_assert_cmpstr (short_line, ==, "© Crown copyright");
  g_assert_cmpstr (none, ==, "");
}

/* Builds fr_FR.UTF-8 into a temporary LOCPATH with localedef (from the
 * "locales" package's sources), so the test needs no generated locales. */
static gboolean
use_french_numbers (char **out_dir)
{
  g_autofree char *dir = g_dir_make_tmp ("wa-locale-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (dir, "fr_FR.UTF-8", NULL);
  const char *argv[] = { "localedef", "-i", "fr_FR", "-f", "UTF-8", target, NULL };
  int status = -1;

  *out_dir = g_strdup (dir);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                     | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL)
      || !g_file_test (target, G_FILE_TEST_IS_DIR))
    return FALSE;
  g_setenv ("LOCPATH", dir, TRUE);
  /* wa-format follows the environment, whatever the global locale says. */
  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  return TRUE;
}

static void
test_locale_numbers (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *rm = NULL;

  if (!use_french_numbers (&dir))
    {
      g_test_skip ("cannot build the fr_FR.UTF-8 locale (localedef and the locales package)");
    }
  else
    {
      /* French groups with a (narrow) no-break space and uses a decimal comma. */
      g_autofree char *seven = wa_format_count (7461);
      const char *sep = seven + 1;   /* between "7" and "461" */

      g_assert_true (g_str_has_suffix (seven, "461"));
      g_assert_true (g_str_equal (sep, "\u202f461") || g_str_equal (sep, "\u00a0461"));
      g_autofree char *grouped = g_strdup_printf ("2%.*s386%.*s368",
                                                  (int) strlen (sep) - 3, sep,
                                                  (int) strlen (sep) - 3, sep);

      check (wa_format_count (2386368), grouped);
      check (wa_format_score (34.7251, 2), "34,73");
      /* Dates follow LC_TIME (set by the app's setlocale). */
      g_assert_nonnull (setlocale (LC_TIME, "fr_FR.UTF-8"));
      check (wa_format_date ("2026-11-30T13:53:23Z"), "30/11/2026");
      setlocale (LC_TIME, "C");
      check (wa_format_date ("2026-11-30T13:53:23Z"), "11/30/26");
      check (wa_format_date ("2026-11-30"), "11/30/26");
      check (wa_format_date ("not a date"), "not a date");
      /* The global locale does not matter, only what the user asked for. */
      setlocale (LC_NUMERIC, "C");
      check (wa_format_score (34.7251, 2), "34,73");
      g_setenv ("LC_ALL", "C", TRUE);
      check (wa_format_count (7461), "7,461");
      check (wa_format_score (34.7251, 2), "34.73");
    }
  rm = g_strdup_printf ("rm -rf %s", dir);
  g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));
}

/* Notices that differ only in the year become one naming every year; the
 * rest stay as they are, in their first places. */
static void
test_merge_attribution_years (void)
{
  const char *in[] = {
    "Source: ONS. Contains OS data © Crown copyright and database right 2019",
    "Pubs: © OpenStreetMap contributors, ODbL",
    "Source: ONS. Contains OS data © Crown copyright and database right 2017",
    "Source: ONS. Contains OS data © Crown copyright and database right 2019",
    "Contains OS data © Crown copyright and database right 2024. Royal Mail",
    NULL
  };
  g_auto(GStrv) out = wa_format_merge_attribution_years (in);

  g_assert_cmpuint (g_strv_length (out), ==, 3);
  g_assert_cmpstr (out[0], ==, "Source: ONS. Contains OS data © Crown copyright and database right 2019, 2017");
  g_assert_cmpstr (out[1], ==, in[1]);
  g_assert_cmpstr (out[2], ==, in[4]);
}

int
main (int argc, char *argv[])
{
  /* The C locale reads as en-GB; test_locale_numbers tries another. */
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/count", test_count);
  g_test_add_func ("/format/population-short", test_population_short);
  g_test_add_func ("/format/score-rank-percent", test_score_rank_percent);
  g_test_add_func ("/format/percent-beside-threshold", test_percent_beside_threshold);
  g_test_add_func ("/format/attribution-line", test_attribution_line);
  g_test_add_func ("/format/attribution-line-only-what-is-used", test_attribution_line_only_what_is_used);
  g_test_add_func ("/format/attribution-owners", test_attribution_owners);
  g_test_add_func ("/format/merge-attribution-years", test_merge_attribution_years);
  g_test_add_func ("/format/locale-numbers", test_locale_numbers);
  return g_test_run ();
}
