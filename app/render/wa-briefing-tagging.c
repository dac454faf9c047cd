/* wa-briefing-tagging.c: what cairo 1.16 leaves out of a tagged PDF.
 *
 * cairo 1.16's PDF surface writes the structure tree (Document, H1, H2,
 * P, Table, TR, TH, TD, L, LI, Figure elements and their marked content)
 * and marks the file tagged when the tree has one root; but it ignores
 * the attributes of structure tags, so a figure can carry no /Alt, and it
 * has no call for the document's /Lang. This appends an incremental
 * update (PDF 1.7, 7.5.6): a new catalog with /Lang (and /MarkInfo, should
 * it be missing), and each Figure element again with its /Alt; the
 * objects cairo wrote are left as they are.
 *
 * It reads only what cairo 1.16 writes (a classic cross-reference table,
 * no object streams, one "/S /Figure" line per Figure element); a file
 * that does not look like that (a later cairo) is an error for the caller
 * to report, never a guess. */
#include <string.h>

#include "wa-briefing-private.h"
#include "wa-error.h"

static const char *
find (const GByteArray *pdf, gsize from, const char *needle)
{
  if (from >= pdf->len)
    return NULL;
  return memmem (pdf->data + from, pdf->len - from, needle, strlen (needle));
}

/* The last occurrence of needle in pdf. */
static const char *
find_last (const GByteArray *pdf, const char *needle)
{
  const char *last = NULL;

  for (const char *p = find (pdf, 0, needle); p != NULL;
       p = find (pdf, (const guint8 *) p - pdf->data + 1, needle))
    last = p;
  return last;
}

/* The integer after key in the trailer, or -1. */
static gint64
trailer_int (const char *trailer, const char *key)
{
  const char *p = strstr (trailer, key);

  return p != NULL ? g_ascii_strtoll (p + strlen (key), NULL, 10) : -1;
}

/* The text of object number from "N 0 obj" to its "endobj", or NULL. */
static char *
object_text (const GByteArray *pdf, gint64 number)
{
  g_autofree char *head = g_strdup_printf ("\n%" G_GINT64_FORMAT " 0 obj\n", number);
  const char *start = find (pdf, 0, head), *end;

  if (start == NULL)
    return NULL;
  start += strlen (head);
  end = find (pdf, (const guint8 *) start - pdf->data, "endobj");
  return end != NULL ? g_strndup (start, end - start) : NULL;
}

/* text as a PDF text string: UTF-16BE with a byte order mark, in hex. */
static char *
pdf_text_string (const char *text)
{
  g_autofree gunichar2 *utf16 = NULL;
  glong n = 0;
  GString *out = g_string_new ("<FEFF");

  utf16 = g_utf8_to_utf16 (text, -1, NULL, &n, NULL);
  for (glong i = 0; utf16 != NULL && i < n; i++)
    g_string_append_printf (out, "%04X", utf16[i]);
  g_string_append_c (out, '>');
  return g_string_free (out, FALSE);
}

typedef struct {
  gint64 number;
  gsize offset;
} XrefEntry;

static void
append_object (GByteArray *pdf, GArray *xref, gint64 number, const char *body)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT " 0 obj\n%sendobj\n", number, body);
  XrefEntry entry = { number, pdf->len };

  g_array_append_val (xref, entry);
  g_byte_array_append (pdf, (const guint8 *) text, strlen (text));
}

/* The catalog again, with /Lang (and /MarkInfo, which cairo 1.16 writes
 * only when the structure has a single root) before its closing ">>". */
static gboolean
append_catalog (GByteArray *pdf, GArray *xref, gint64 root, const char *lang)
{
  g_autofree char *catalog = object_text (pdf, root);
  g_autofree char *body = NULL;
  char *close;

  /* A BCP 47 tag is letters, digits and hyphens: a literal string. */
  for (const char *c = lang; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-')
      return FALSE;
  if (catalog == NULL || strstr (catalog, "/Type /Catalog") == NULL
      || strstr (catalog, "/StructTreeRoot") == NULL || strstr (catalog, "/Lang") != NULL
      || (close = g_strrstr (catalog, ">>")) == NULL)
    return FALSE;
  *close = '\0';
  body = g_strdup_printf ("%s%s   /Lang (%s)\n>>\n", catalog,
                          strstr (catalog, "/MarkInfo") == NULL
                          ? "   /MarkInfo << /Marked true >>\n" : "", lang);
  append_object (pdf, xref, root, body);
  return TRUE;
}

/* Each "/S /Figure" element again with its /Alt, in the order cairo
 * numbered them (the order they were drawn); alts must match them one to
 * one. */
static gboolean
append_figures (GByteArray *pdf, GArray *xref, gsize end, const char * const *alts)
{
  const char *marker = "<< /Type /StructElem\n   /S /Figure\n";
  guint n = 0;

  for (const char *p = find (pdf, 0, marker); p != NULL && (gsize) ((const guint8 *) p - pdf->data) < end;
       p = find (pdf, (const guint8 *) p - pdf->data + 1, marker), n++)
    {
      const char *line = p - 1;
      g_autofree char *object = NULL, *alt = NULL, *body = NULL;
      gint64 number;

      if (alts[n] == NULL)
        return FALSE;
      /* "N 0 obj\n" just before the dictionary. */
      while (line > (const char *) pdf->data && line[-1] != '\n')
        line--;
      number = g_ascii_strtoll (line, NULL, 10);
      object = object_text (pdf, number);
      if (number <= 0 || object == NULL || !g_str_has_prefix (object, marker))
        return FALSE;
      if (alts[n][0] == '\0')
        continue;
      alt = pdf_text_string (alts[n]);
      body = g_strdup_printf ("%s   /Alt %s\n%s", marker, alt, object + strlen (marker));
      append_object (pdf, xref, number, body);
    }
  return alts[n] == NULL;
}

static void
append_xref (GByteArray *pdf, GArray *xref, const char *trailer_keys, gsize previous)
{
  GString *text = g_string_new ("xref\n");
  gsize start = pdf->len;

  for (guint i = 0; i < xref->len; i++)
    {
      XrefEntry *e = &g_array_index (xref, XrefEntry, i);

      /* Each entry is exactly 20 bytes. */
      g_string_append_printf (text, "%" G_GINT64_FORMAT " 1\n%010" G_GSIZE_FORMAT " 00000 n \n",
                              e->number, e->offset);
    }
  g_string_append_printf (text, "trailer\n<< %s /Prev %" G_GSIZE_FORMAT " >>\nstartxref\n%"
                          G_GSIZE_FORMAT "\n%%%%EOF\n", trailer_keys, previous, start);
  g_byte_array_append (pdf, (const guint8 *) text->str, text->len);
  g_string_free (text, TRUE);
}

gboolean
wa_briefing_tag_pdf (GByteArray *pdf, const char *lang, const char * const *figure_alts,
                     GError **error)
{
  const char *startxref = find_last (pdf, "startxref"), *trailer = find_last (pdf, "trailer");
  g_autofree char *trailer_text = NULL, *keys = NULL;
  g_autoptr(GArray) xref = g_array_new (FALSE, FALSE, sizeof (XrefEntry));
  gint64 size, root, info, previous;
  gsize end = pdf->len;

  if (startxref == NULL || trailer == NULL || trailer > startxref)
    goto unexpected;
  trailer_text = g_strndup (trailer, startxref - trailer);
  previous = g_ascii_strtoll (startxref + strlen ("startxref"), NULL, 10);
  size = trailer_int (trailer_text, "/Size");
  root = trailer_int (trailer_text, "/Root");
  info = trailer_int (trailer_text, "/Info");
  if (size <= 0 || root <= 0 || previous <= 0 || strstr (trailer_text, "/Prev") != NULL)
    goto unexpected;
  if (!append_catalog (pdf, xref, root, lang) || !append_figures (pdf, xref, end, figure_alts))
    goto unexpected;
  keys = info > 0 ? g_strdup_printf ("/Size %" G_GINT64_FORMAT " /Root %" G_GINT64_FORMAT
                                     " 0 R /Info %" G_GINT64_FORMAT " 0 R", size, root, info)
                  : g_strdup_printf ("/Size %" G_GINT64_FORMAT " /Root %" G_GINT64_FORMAT
                                     " 0 R", size, root);
  append_xref (pdf, xref, keys, (gsize) previous);
  return TRUE;

unexpected:
  g_byte_array_set_size (pdf, end);
  g_set_error_literal (error, WA_ERROR, WA_ERROR_FAILED,
                       "the PDF from cairo is not laid out as cairo 1.16 writes it");
  return FALSE;
}
