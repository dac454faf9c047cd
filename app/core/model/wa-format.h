/* wa-format.h: numbers for people to read, in the user's locale ("7,461",
 * "2.39 million" in English; "7 461", "2,39 millions" in French), shared
 * by the app, the CLI and briefings. In the C locale they read as in
 * en-GB. Not for CSV or JSON. Every function returns a new string. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *wa_format_count (gint64 value);                   /* "7,461" */
char *wa_format_population_short (gint64 value);        /* "2.39 million", "45,210" */
char *wa_format_score (double value, int decimals);     /* "34.72"; "No data" for NAN */
char *wa_format_rank_of (guint rank, guint n_ranked);   /* "123 of 7,461"; "No data" for 0 */
/* Percentages, one form everywhere people read them: "10 %", "12.5 %". */
char *wa_format_percent (double value);                 /* "10 %", "12.5 %", "12.25 %"; else 1 decimal */
char *wa_format_percent_decimals (double value, int decimals);   /* "0.29 %" */
/* A value read beside a threshold ("the most deprived 10 %"): decimals,
 * or up to three more where fewer would print it on the other side of
 * the threshold or on it (9.96 is "9.96 %", never "10 %"). */
char *wa_format_percent_beside (double value, int decimals, double threshold);
/* An ISO 8601 date or date-time as the user's locale writes dates
 * (LC_TIME: "30/11/26" in en-GB, "30/11/2026" in French); a copy of
 * iso if it does not parse, NULL for NULL. */
char *wa_format_date (const char *iso);

G_END_DECLS

G_BEGIN_DECLS

/* One short line for a map legend or a page footer that carries every
 * notice the data licences require, from the sources' full attribution
 * texts: each copyright owner once, with the latest year named, plus the
 * OGL statement and the CNI's source. The full texts stay in About and in
 * exports' source lists. */
char *wa_format_attribution_line (const char * const *attributions);
/* The full attribution texts with those that differ only in the year of a
 * "database right YEAR" merged into one naming every year ("… database
 * right 2015, 2017, 2019"), first place kept: the same notices, shorter. */
char **wa_format_merge_attribution_years (const char * const *attributions);
/* The copyright owners and publishers named in the attributions, in one
 * line short enough to sit on a map ("© Crown copyright, ONS, MHCLG,
 * OCSI, OpenStreetMap contributors"); "" when none is known. The map
 * links it to the full list. */
char *wa_format_attribution_owners (const char * const *attributions);

G_END_DECLS
