/* wa-postcode.c: UK postcode normalisation. */
#include "wa-postcode.h"

#include <string.h>

/* The shapes of a UK unit postcode without its space: outward code A9, A99,
 * AA9, AA99, A9A or AA9A, then the inward code 9AA. 'A' = letter, '9' = digit. */
static const char *const patterns[] = {
  "A99AA", "A999AA", "AA99AA", "AA999AA", "A9A9AA", "AA9A9AA",
};

#define MAX_POSTCODE_LEN 7

/* Upper-cases and drops ASCII white space. NULL if anything other than
 * letters and digits remains, or if it is too long to be a postcode. */
static char *
squeeze (const char *text)
{
  g_autofree char *out = NULL;
  gsize len = 0;

  if (text == NULL)
    return NULL;

  out = g_malloc (MAX_POSTCODE_LEN + 1);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        continue;
      if (!g_ascii_isalnum (*p) || len == MAX_POSTCODE_LEN)
        return NULL;
      out[len++] = g_ascii_toupper (*p);
    }
  out[len] = '\0';
  return g_steal_pointer (&out);
}

static gboolean
matches_pattern (const char *code,
                 const char *pattern,
                 gboolean    allow_prefix)
{
  gsize len = strlen (code);

  if (len > strlen (pattern) || (!allow_prefix && len != strlen (pattern)))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      gboolean want_letter = pattern[i] == 'A';

      if (want_letter ? !g_ascii_isalpha (code[i]) : !g_ascii_isdigit (code[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
matches_any (const char *code,
             gboolean    allow_prefix)
{
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    if (matches_pattern (code, patterns[i], allow_prefix))
      return TRUE;
  return FALSE;
}

char *
wa_postcode_normalise (const char *text)
{
  g_autofree char *code = squeeze (text);

  if (code == NULL || !matches_any (code, FALSE))
    return NULL;
  return g_steal_pointer (&code);
}

char *
wa_postcode_format (const char *text)
{
  g_autofree char *code = wa_postcode_normalise (text);
  gsize outward;

  if (code == NULL)
    return NULL;

  outward = strlen (code) - 3;
  return g_strdup_printf ("%.*s %s", (int) outward, code, code + outward);
}

char *
wa_postcode_normalise_prefix (const char *text)
{
  g_autofree char *code = squeeze (text);

  if (code == NULL || code[0] == '\0' || !matches_any (code, TRUE))
    return NULL;
  return g_steal_pointer (&code);
}

gboolean
wa_postcode_is_valid (const char *text)
{
  g_autofree char *code = wa_postcode_normalise (text);

  return code != NULL;
}
