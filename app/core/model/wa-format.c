/* wa-format.c
 *
 * Numbers follow the user's locale (LC_NUMERIC): "7,461" and "34.73" in
 * English, "7 461" and "34,73" in French. printf's grouping flag is not
 * portable and the C locale has no grouping at all, so group by hand,
 * with England's comma when the locale names no separator (C, POSIX).
 * Machine-readable output (CSV, JSON) must not use these functions.
 */
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "wa-format.h"

/* The separators of the locale the user asked for (LC_ALL, LC_NUMERIC or
 * LANG), read through a locale object rather than the process's global
 * locale: GDAL switches LC_NUMERIC to "C" around its own parsing, and with
 * several threads opening files the global setting can be left at "C". */
static void
numeric_separators (const char **out_thousands, const char **out_decimal)
{
  static GMutex lock;
  static locale_t cached = (locale_t) 0;
  static char *cached_for = NULL;
  static char thousands[8], decimal[8];
  g_autofree char *wanted = g_strdup_printf ("%s|%s|%s", g_getenv ("LC_ALL") ?: "",
                                             g_getenv ("LC_NUMERIC") ?: "",
                                             g_getenv ("LANG") ?: "");

  g_mutex_lock (&lock);
  if (cached_for == NULL || strcmp (cached_for, wanted) != 0)
    {
      locale_t fresh = newlocale (LC_NUMERIC_MASK, "", (locale_t) 0);
      const char *sep = fresh ? nl_langinfo_l (THOUSEP, fresh) : "";
      const char *point = fresh ? nl_langinfo_l (RADIXCHAR, fresh) : ".";

      /* England's comma where the locale names no separator (C, POSIX). */
      g_strlcpy (thousands, sep && *sep ? sep : ",", sizeof thousands);
      g_strlcpy (decimal, point && *point ? point : ".", sizeof decimal);
      if (cached)
        freelocale (cached);
      cached = fresh;
      g_free (cached_for);
      cached_for = g_strdup (wanted);
    }
  *out_thousands = thousands;
  *out_decimal = decimal;
  g_mutex_unlock (&lock);
}

/* Groups the integer digits of an ASCII number in place of text. */
static char *
localise (const char *ascii)
{
  const char *thousands, *decimal;
  const char *point = strchr (ascii, '.');
  gsize int_len = point != NULL ? (gsize) (point - ascii) : strlen (ascii);
  GString *out = g_string_new (NULL);
  gsize start = 0;

  numeric_separators (&thousands, &decimal);
  if (ascii[0] == '-')
    {
      g_string_append (out, "−");
      start = 1;
    }
  for (gsize i = start; i < int_len; i++)
    {
      if (i > start && (int_len - i) % 3 == 0)
        g_string_append (out, thousands);
      g_string_append_c (out, ascii[i]);
    }
  if (point != NULL)
    {
      g_string_append (out, decimal);
      g_string_append (out, point + 1);
    }
  return g_string_free (out, FALSE);
}

/* "%.Nf" in the locale's notation. */
static char *
fixed (double value, int decimals)
{
  char format[8], buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 6));
  return localise (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

char *
wa_format_count (gint64 value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return localise (digits);
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

/* Every percentage people read goes through here, so that the app, the
 * CLI, briefings and exports write it one way: "10 %", with a space, as
 * the README and most of the interface did. */
char *
wa_format_percent_decimals (double value, int decimals)
{
  g_autofree char *number = fixed (value, decimals);

  /* Translators: a percentage, e.g. "10 %"; keep or drop the space as your
   * language writes percentages. */
  return g_strdup_printf (_("%s %%"), number);
}

char *
wa_format_percent (double value)
{
  /* As many decimals as the value has, up to two (a threshold of 12.25),
   * else one. */
  for (int decimals = 0; decimals <= 2; decimals++)
    {
      double scaled = value * pow (10, decimals);

      if (fabs (scaled - round (scaled)) < 1e-6)
        return wa_format_percent_decimals (value, decimals);
    }
  return wa_format_percent_decimals (value, 1);
}

/* The sign of a - b, with the error a decimal printout carries. */
static int
compare (double a, double b)
{
  return fabs (a - b) < 1e-9 ? 0 : a < b ? -1 : 1;
}

char *
wa_format_percent_beside (double value, int decimals, double threshold)
{
  int shown = CLAMP (decimals, 0, 4);

  /* 9.96 rounds to "10 %", 10.04 too: beside "the most deprived 10 %"
   * either would read as on the line. Add decimals until the printed
   * value is on the same side of the threshold as the value. */
  while (shown < decimals + 3)
    {
      double scale = pow (10, shown);
      double printed = round (value * scale) / scale;

      if (compare (printed, threshold) == compare (value, threshold))
        break;
      shown++;
    }
  return wa_format_percent_decimals (value, shown);
}

char *
wa_format_date (const char *iso)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (iso == NULL)
    return NULL;
  when = g_date_time_new_from_iso8601 (iso, utc);
  if (when == NULL)
    {
      /* A date alone ("2026-11-30") is not an ISO 8601 date-time. */
      g_autofree char *midnight = g_strconcat (iso, "T00:00:00Z", NULL);

      when = g_date_time_new_from_iso8601 (midnight, utc);
    }
  if (when == NULL)
    return g_strdup (iso);
  return g_date_time_format (when, "%x");
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
  /* The stations layer (wa-build-roads.c): ODbL, like OpenStreetMap. */
  { "uk-railway-stations", N_("Railway stations: uk-railway-stations, trainline-eu/stations (ODbL).") },
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

static void
string_free (gpointer string)
{
  g_string_free (string, TRUE);
}

char **
wa_format_merge_attribution_years (const char * const *attributions)
{
  g_autoptr(GRegex) year = g_regex_new ("^(.*database right) ((?:19|20)[0-9]{2})(.*)$",
                                        G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) years = g_ptr_array_new_with_free_func (string_free);
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();

  /* keys[k]: the text with the year as "\x01"; years[k]: its years. */
  for (guint i = 0; attributions != NULL && attributions[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *key = NULL, *y = NULL;
      guint k;

      if (!g_regex_match (year, attributions[i], 0, &match))
        key = g_strdup (attributions[i]);
      else
        {
          g_autofree char *head = g_match_info_fetch (match, 1);
          g_autofree char *tail = g_match_info_fetch (match, 3);

          key = g_strconcat (head, " \x01", tail, NULL);
          y = g_match_info_fetch (match, 2);
        }
      for (k = 0; k < keys->len; k++)
        if (g_str_equal (keys->pdata[k], key))
          break;
      if (k == keys->len)
        {
          g_ptr_array_add (keys, g_steal_pointer (&key));
          g_ptr_array_add (years, g_string_new (NULL));
        }
      if (y != NULL && strstr (((GString *) years->pdata[k])->str, y) == NULL)
        g_string_append_printf (years->pdata[k], "%s%s",
                                ((GString *) years->pdata[k])->len > 0 ? ", " : "", y);
    }
  for (guint k = 0; k < keys->len; k++)
    {
      g_auto(GStrv) parts = g_strsplit (keys->pdata[k], "\x01", 2);

      if (parts[1] == NULL)
        g_strv_builder_add (out, parts[0]);
      else
        {
          g_autofree char *text = g_strconcat (parts[0], ((GString *) years->pdata[k])->str,
                                               parts[1], NULL);

          g_strv_builder_add (out, text);
        }
    }
  return g_strv_builder_end (out);
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

typedef struct {
  const char *needles[3];  /* any of these in an attribution text */
  const char *owner;       /* its short name on the map */
} Owner;

/* Short names people recognise; the order is the one maps usually give. */
static const Owner owners[] = {
  { { "Crown copyright", NULL }, N_("Crown copyright") },
  { { "Office for National Statistics", "National Statistics", NULL }, N_("ONS") },
  { { "Ministry of Housing", "MHCLG", NULL }, N_("MHCLG") },
  { { "OCSI", NULL }, N_("OCSI") },
  { { "OpenStreetMap", NULL }, N_("OpenStreetMap contributors") },
};

static gboolean
names_owner (const char * const *attributions, const Owner *owner)
{
  for (guint i = 0; attributions != NULL && attributions[i] != NULL; i++)
    for (guint k = 0; owner->needles[k] != NULL; k++)
      if (strstr (attributions[i], owner->needles[k]) != NULL)
        return TRUE;
  return FALSE;
}

char *
wa_format_attribution_owners (const char * const *attributions)
{
  GString *line = g_string_new (NULL);

  for (guint n = 0; n < G_N_ELEMENTS (owners); n++)
    {
      if (!names_owner (attributions, &owners[n]))
        continue;
      g_string_append (line, line->len == 0 ? "© " : ", ");
      g_string_append (line, _(owners[n].owner));
    }
  return g_string_free (line, FALSE);
}
