/* test-postcode.c: postcode normalisation, formatting and prefixes. */
#include "wa-test-fixtures.h"

static void
check_normalise (const char *text,
                 const char *expected)
{
  g_autofree char *normalised = wa_postcode_normalise (text);

  g_assert_cmpstr (normalised, ==, expected);
  g_assert_cmpint (wa_postcode_is_valid (text), ==, expected != NULL);
}

static void
test_normalise (void)
{
  check_normalise ("sw1a0aa", "SW1A0AA");
  check_normalise ("SW1A 0AA", "SW1A0AA");
  check_normalise (" sw1a  0aa ", "SW1A0AA");
  check_normalise ("\tSw1A\n0aA", "SW1A0AA");
  check_normalise ("M1 1AD", "M11AD");        /* A9 */
  check_normalise ("M60 2LA", "M602LA");      /* A99 */
  check_normalise ("B33 8TH", "B338TH");      /* A99 */
  check_normalise ("CR2 6XH", "CR26XH");      /* AA9 */
  check_normalise ("DN55 1PT", "DN551PT");    /* AA99 */
  check_normalise ("W1A 0AX", "W1A0AX");      /* A9A */
  check_normalise ("EC1A 1BB", "EC1A1BB");    /* AA9A */
}

static void
test_invalid (void)
{
  check_normalise ("SW1A", NULL);
  check_normalise ("12345", NULL);
  check_normalise ("", NULL);
  check_normalise ("   ", NULL);
  check_normalise (NULL, NULL);
  check_normalise ("SW1A 0A", NULL);          /* inward code too short */
  check_normalise ("SW1A 0AAA", NULL);        /* too long */
  check_normalise ("SW1A AAA", NULL);         /* inward must start with a digit */
  check_normalise ("1W1A 0AA", NULL);         /* outward must start with a letter */
  check_normalise ("SWA1 0AA", NULL);         /* no AAA9 outward code */
  check_normalise ("SW1A-0AA", NULL);         /* punctuation is not white space */
  check_normalise ("SW1A 0A1", NULL);
  check_normalise ("SW1Ä 0AA", NULL);
  check_normalise ("HELLO WORLD", NULL);
}

static void
test_format (void)
{
  static const char *cases[][2] = {
    { "sw1a0aa", "SW1A 0AA" },
    { " m1 1ad", "M1 1AD" },
    { "B338TH", "B33 8TH" },
    { "ec1a 1bb", "EC1A 1BB" },
    { "cr26xh", "CR2 6XH" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *formatted = wa_postcode_format (cases[i][0]);
      g_assert_cmpstr (formatted, ==, cases[i][1]);
    }
  g_assert_null (wa_postcode_format ("SW1A"));
  g_assert_null (wa_postcode_format ("nonsense"));
}

static void
check_prefix (const char *text,
              const char *expected)
{
  g_autofree char *prefix = wa_postcode_normalise_prefix (text);

  g_assert_cmpstr (prefix, ==, expected);
}

static void
test_prefix (void)
{
  check_prefix ("s", "S");
  check_prefix ("sw", "SW");
  check_prefix ("sw1a", "SW1A");
  check_prefix ("SW1A 0", "SW1A0");
  check_prefix (" sw1a 0a ", "SW1A0A");
  check_prefix ("sw1a 0aa", "SW1A0AA");
  check_prefix ("m1", "M1");
  check_prefix ("b33 8", "B338");

  check_prefix ("", NULL);
  check_prefix ("  ", NULL);
  check_prefix (NULL, NULL);
  check_prefix ("123", NULL);
  check_prefix ("HELLO WORLD", NULL);
  check_prefix ("SWA", NULL);           /* no outward code starts with three letters */
  check_prefix ("SW1A 0AAA", NULL);
  check_prefix ("SW1A0A1", NULL);
  check_prefix ("sw1a!", NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/postcode/normalise", test_normalise);
  g_test_add_func ("/postcode/invalid", test_invalid);
  g_test_add_func ("/postcode/format", test_format);
  g_test_add_func ("/postcode/prefix", test_prefix);

  return g_test_run ();
}
