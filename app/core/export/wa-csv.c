/* wa-csv.c: quoting fields and joining rows; see the header for the rule. */
#include <string.h>

#include "wa-csv.h"

/* Besides the comma, quote and line breaks, a semicolon or a tab makes a
 * spreadsheet set to another separator split the field. */
#define SPECIAL_CHARACTERS "\",;\t\n\r"

gboolean
wa_csv_needs_quoting (const char *text)
{
  return text != NULL && text[strcspn (text, SPECIAL_CHARACTERS)] != '\0';
}

void
wa_csv_append_field (GString *out, const char *text)
{
  if (text == NULL)
    return;
  if (!wa_csv_needs_quoting (text))
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
wa_csv_append_row (GString *out, const char * const *fields, gsize n_fields)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      wa_csv_append_field (out, fields[i]);
    }
  g_string_append_c (out, '\n');
}
