/* wa-format.c
 *
 * printf's thousands grouping depends on the C locale, which is whatever
 * the user runs; a briefing must read the same everywhere, so group by
 * hand.
 */
#include <math.h>
#include <glib/gi18n.h>

#include "wa-format.h"

/* "%.Nf" with a full stop whatever LC_NUMERIC says. */
static char *
fixed (double value, int decimals)
{
  char format[8], buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 6));
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

char *
wa_format_count (gint64 value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                             (guint64) (value < 0 ? -value : value));
  GString *out = g_string_new (value < 0 ? "−" : "");
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
wa_format_population_short (gint64 value)
{
  if (value >= 1000000)
    /* Translators: a population, e.g. "2.39 million". */
    {
      g_autofree char *millions = fixed (value / 1e6, 2);

      return g_strdup_printf (_("%s million"), millions);
    }
  return wa_format_count (value);
}

char *
wa_format_score (double value, int decimals)
{
  if (isnan (value))
    return g_strdup (_("No data"));
  return fixed (value, decimals);
}

char *
wa_format_rank_of (guint rank, guint n_ranked)
{
  g_autofree char *r = NULL;
  g_autofree char *n = NULL;

  if (rank == 0)
    return g_strdup (_("No data"));
  r = wa_format_count (rank);
  n = wa_format_count (n_ranked);
  /* Translators: a rank among all ranked wards, e.g. "123 of 7,461". */
  return g_strdup_printf (_("%s of %s"), r, n);
}

char *
wa_format_percent (double value)
{
  g_autofree char *number = fixed (value, fabs (value - round (value)) < 1e-9 ? 0 : 1);

  return g_strconcat (number, "%", NULL);
}
