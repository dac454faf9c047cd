/* wa-format.c
 *
 * printf's thousands grouping depends on the C locale, which is whatever
 * the user runs; a briefing must read the same everywhere, so group by
 * hand.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
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

typedef struct {
  const char *needle;      /* found in a source's attribution text */
  const char *notice;      /* printf format with one %s for the year, or none */
} Notice;

/* The notices OGL and OS OpenData sources ask for, in the order they are
 * usually given. Matching on the owners' own wording keeps this working
 * for any manifest that quotes them. */
static const Notice notices[] = {
  { "OS data", N_("Contains OS data © Crown copyright and database right %s.") },
  { "Royal Mail", N_("Contains Royal Mail data © Royal Mail copyright and database right %s.") },
  { "National Statistics", N_("Contains National Statistics data © Crown copyright and database right %s.") },
  { "Open Government Licence", N_("Contains public sector information licensed under the Open Government Licence v3.0.") },
  { "OCSI", N_("Community Needs Index © OCSI for Local Trust (no stated licence).") },
  /* Asset sources (wa-build-assets.c): ODbL asks for this wherever the data shows. */
  { "OpenStreetMap", N_("© OpenStreetMap contributors (ODbL).") },
  { "Arts Council England", N_("Libraries: Arts Council England.") },
  { "Trafford Data Lab", N_("Greater Manchester and Trafford assets via Trafford Data Lab.") },
};

/* The latest four-digit year in text after each occurrence of needle. */
static int
latest_year (const char *text, const char *needle, int latest)
{
  for (const char *hit = strstr (text, needle); hit != NULL; hit = strstr (hit + 1, needle))
    {
      const char *end = strchr (hit, '.');

      for (const char *p = hit; *p != '\0' && (end == NULL || p < end); p++)
        if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2])
            && g_ascii_isdigit (p[3]) && !g_ascii_isdigit (p[4]))
          latest = MAX (latest, atoi (p));
    }
  return latest;
}

char *
wa_format_attribution_line (const char * const *attributions)
{
  GString *line = g_string_new (NULL);

  for (guint n = 0; n < G_N_ELEMENTS (notices); n++)
    {
      gboolean found = FALSE;
      int year = 0;

      for (guint i = 0; attributions != NULL && attributions[i] != NULL; i++)
        if (strstr (attributions[i], notices[n].needle) != NULL)
          {
            found = TRUE;
            year = latest_year (attributions[i], notices[n].needle, year);
          }
      if (!found)
        continue;
      if (line->len > 0)
        g_string_append_c (line, ' ');
      if (strstr (notices[n].notice, "%s") != NULL)
        {
          g_autofree char *year_text = year > 0 ? g_strdup_printf ("%d", year) : g_strdup ("");

          g_string_append_printf (line, _(notices[n].notice), year_text);
        }
      else
        g_string_append (line, _(notices[n].notice));
    }
  return g_string_free (line, FALSE);
}
