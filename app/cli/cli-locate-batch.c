/* cli-locate-batch.c: locate --postcodes-file: many postcodes in, a CSV of
 * their wards out, each row what "locate --postcode" says for it. One
 * prepared, indexed query per postcode on the lazy model (or the whole
 * pack when it is not yet stamped): 100,000 postcodes in well under 2 s. */
#include "wa-cli.h"
#include "ward-atlas-core.h"
#include "wa-csv.h"
#include "wa-file-check.h"
#include "wa-safe-write.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

static const char *const header[] = {
  "input", "postcode", "lon", "lat", "ward_code", "ward_name", "local_authority", "region",
  "combined_rank", "left_behind", "error",
};
#define N_COLUMNS G_N_ELEMENTS (header)

/* Splits one CSV line ("a,"b ""c""",d"): quoted fields may hold commas and
 * doubled quotes, not line breaks (a postcode never does). */
static GPtrArray *
split_csv_line (const char *line)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; ; p++)
    {
      if (quoted && *p == '"' && p[1] == '"')
        g_string_append_c (field, *p++);
      else if (*p == '"' && (quoted || field->len == 0))
        quoted = !quoted;
      else if ((*p == ',' && !quoted) || *p == '\0')
        {
          g_ptr_array_add (fields, g_strstrip (g_string_free (field, FALSE)));
          if (*p == '\0')
            break;
          field = g_string_new (NULL);
        }
      else
        g_string_append_c (field, *p);
    }
  return fields;
}

/* Which column holds the postcodes: a header names one "postcode" (any
 * case); a file of one column may have no header. -1 after printing. */
static int
postcode_column (const char *file, const char *first_line, gboolean *has_header)
{
  g_autoptr(GPtrArray) fields = split_csv_line (first_line);

  for (guint i = 0; i < fields->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (fields, i), "postcode") == 0)
      {
        *has_header = TRUE;
        return (int) i;
      }
  *has_header = FALSE;
  if (fields->len == 1)
    return 0;
  g_printerr (_("ward-atlas-cli locate: %s: several columns and none named “postcode”\n"), file);
  return -1;
}

/* FALSE after printing why the pack cannot answer at all (damaged or
 * unreadable): no table is written then, rather than one whose rows
 * after the damage look like postcodes that do not exist. */
static gboolean
append_result (GString *out, WaPackQuery *query, WaAtlas *atlas, const char *input)
{
  g_autoptr(WaPostcodeHit) hit = NULL;
  g_autoptr(GError) error = NULL;
  WaWard *ward = wa_cli_locate_postcode (query, atlas, input, &hit, &error);
  g_autofree char *lon = hit != NULL ? g_strdup_printf ("%.6f", hit->lon) : NULL;
  g_autofree char *lat = hit != NULL ? g_strdup_printf ("%.6f", hit->lat) : NULL;
  g_autofree char *rank = ward != NULL ? wa_cli_format_rank (wa_ward_get_combined_rank (ward)) : NULL;
  g_autofree char *outside = NULL;
  const char *row[N_COLUMNS] = { input };

  if (g_error_matches (error, WA_ERROR, WA_ERROR_DAMAGED) || g_error_matches (error, WA_ERROR, WA_ERROR_IO))
    {
      g_printerr ("ward-atlas-cli locate: %s\n", error->message);
      return FALSE;
    }
  if (hit != NULL && ward == NULL)
    /* The words "locate --postcode" prints for it. */
    outside = g_strdup_printf (_("%.6f, %.6f is not in any ward of this pack (England only)"),
                               hit->lon, hit->lat);
  row[1] = hit != NULL ? hit->postcode : NULL;
  row[2] = lon;
  row[3] = lat;
  if (ward != NULL)
    {
      row[4] = wa_ward_get_code (ward);
      row[5] = wa_ward_get_name (ward);
      row[6] = wa_ward_get_lad_name (ward);
      row[7] = wa_ward_get_region_name (ward);
      row[8] = rank;
      row[9] = wa_ward_get_left_behind (ward) ? _("yes") : _("no");
    }
  row[10] = error != NULL ? error->message : outside;
  for (guint c = 0; c < N_COLUMNS; c++)
    row[c] = row[c] != NULL ? row[c] : "";
  wa_csv_append_row (out, row, N_COLUMNS);
  return TRUE;
}

/* The result table for every non-empty line of CONTENTS; NULL after
 * printing a bad header or a damaged pack. */
static GString *
locate_all (const char *file, char *contents, WaPackQuery *query, WaAtlas *atlas)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean has_header = FALSE;
  int column = -1;

  wa_csv_append_row (out, header, N_COLUMNS);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strchomp (lines[i]);   /* and a "\r" */
      g_autoptr(GPtrArray) fields = NULL;

      if (i == 0 && g_str_has_prefix (line, "\xEF\xBB\xBF"))
        line += 3;   /* a spreadsheet's byte-order mark */
      if (*line == '\0')
        continue;
      if (column < 0)
        {
          if ((column = postcode_column (file, line, &has_header)) < 0)
            return NULL;
          if (has_header)
            continue;
        }
      fields = split_csv_line (line);
      if (!append_result (out, query, atlas, (guint) column < fields->len
                                             ? g_ptr_array_index (fields, column) : ""))
        return NULL;
    }
  return g_steal_pointer (&out);
}

/* Refuses a special file or an input as OUTPUT, even with --force. */
static gboolean
check_output (const char *output, const char *pack, const char *file)
{
  const char *inputs[] = { pack, file, NULL };
  g_autoptr(GError) error = NULL;

  if (wa_output_path_check (output, WA_OUTPUT_TEXT, inputs, TRUE, &error))
    return TRUE;
  g_printerr ("ward-atlas-cli locate: %s\n", error->message);
  return FALSE;
}

int
wa_cli_locate_batch (const char *pack, WaPackQuery *query, WaAtlas *atlas, const char *file,
                     const char *output, gboolean force)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GString) table = NULL;

  if (output != NULL && !check_output (output, pack, file))
    return 1;
  if (output != NULL && !force && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("ward-atlas-cli locate: %s already exists; add --force to replace it\n"), output);
      return 1;
    }
  /* A FIFO would block the read for ever. */
  if (!wa_check_regular_file (file, &error) || !g_file_get_contents (file, &contents, NULL, &error))
    {
      g_printerr ("ward-atlas-cli locate: %s\n", error->message);
      return 1;
    }
  if ((table = locate_all (file, contents, query, atlas)) == NULL)
    return 1;
  if (output == NULL)
    return fwrite (table->str, 1, table->len, stdout) == table->len ? 0 : 1;
  if (!wa_safe_write_bytes (output, table->str, table->len, force, &error))
    {
      g_printerr ("ward-atlas-cli locate: %s\n", error->message);
      return 1;
    }
  return 0;
}
