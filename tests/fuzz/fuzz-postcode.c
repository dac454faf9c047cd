/* fuzz-postcode.c: postcode normalisation (typed by people into the search
 * box and read from Code-Point Open). Checks its promises too. */
#include "ward-atlas-core.h"
#include "fuzz-util.h"

#include <string.h>

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *code = wa_postcode_normalise (text);
  g_autofree char *formatted = wa_postcode_format (text);
  g_autofree char *prefix = wa_postcode_normalise_prefix (text);

  g_assert ((code != NULL) == wa_postcode_is_valid (text));
  g_assert ((code != NULL) == (formatted != NULL));
  if (code != NULL)
    {
      g_autofree char *again = wa_postcode_normalise (code);
      g_autofree char *from_formatted = wa_postcode_normalise (formatted);

      g_assert (strlen (code) >= 5 && strlen (code) <= 7);
      g_assert_cmpstr (again, ==, code);
      g_assert_cmpstr (from_formatted, ==, code);
      /* A full postcode is also a prefix of itself. */
      g_assert_cmpstr (prefix, ==, code);
      g_assert (strlen (formatted) == strlen (code) + 1 && formatted[strlen (code) - 3] == ' ');
    }
  if (prefix != NULL)
    {
      g_assert (prefix[0] != '\0' && strlen (prefix) <= 7);
      for (const char *p = prefix; *p != '\0'; p++)
        g_assert (g_ascii_isdigit (*p) || g_ascii_isupper (*p));
    }
  return 0;
}
