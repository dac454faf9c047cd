/* wa-ward-filter.c: ranking-table filters and sort order. */
#include "wa-ward-filter.h"
#include "wa-atlas.h"
#include "wa-edition.h"
#include "wa-error.h"
#include "wa-format.h"
#include "wa-heap.h"
#include "wa-indicator.h"
#include "wa-search.h"
#include "wa-ward.h"

#include "wa-lsoa.h"
#include "wa-rank-method.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

struct _WaWardFilter
{
  char *region;
  GPtrArray *lads;        /* char* */
  gboolean left_behind_only;
  char *text;
  char **words;           /* folded words of text */
  WaChange *change;       /* with change_category >= 0: only wards of that category */
  int change_category;
  WaNeighbourhoodFilter neighbourhoods;
};

static const struct {
  const char *id;
  const char *alias;
  const char *title;
  gboolean numeric;
} columns[WA_N_WARD_COLUMNS] = {
  [WA_WARD_COLUMN_COMBINED_RANK] = { "combined_rank", "combined", N_("Combined"), TRUE },
  [WA_WARD_COLUMN_NAME] = { "ward_name", "ward", N_("Ward"), FALSE },
  [WA_WARD_COLUMN_CODE] = { "ward_code", "code", N_("Code"), FALSE },
  [WA_WARD_COLUMN_LAD] = { "lad_name", "lad", N_("Local Authority"), FALSE },
  [WA_WARD_COLUMN_REGION] = { "region_name", "region", N_("Region"), FALSE },
  [WA_WARD_COLUMN_POPULATION] = { "population", "pop", N_("Population"), TRUE },
  [WA_WARD_COLUMN_IMD_RANK] = { "imd_rank", "imd", N_("IMD"), TRUE },
  [WA_WARD_COLUMN_CNI_RANK] = { "cni_rank", "cni", N_("CNI"), TRUE },
  [WA_WARD_COLUMN_CNI_CIVIC_ASSETS_RANK] = { "cni_civic_assets_rank", "civic", N_("Civic Assets"), TRUE },
  [WA_WARD_COLUMN_CNI_CONNECTEDNESS_RANK] = { "cni_connectedness_rank", "connectedness", N_("Connectedness"), TRUE },
  [WA_WARD_COLUMN_CNI_ENGAGED_RANK] = { "cni_engaged_rank", "engaged", N_("Engaged Community"), TRUE },
  [WA_WARD_COLUMN_LEFT_BEHIND] = { "left_behind", "left-behind", N_("Left Behind"), FALSE },
  [WA_WARD_COLUMN_OFFICIAL] = { "official_left_behind", "official", N_("Official List"), FALSE },
  [WA_WARD_COLUMN_LAD_CODE] = { "lad_code", "lad-code", N_("Authority Code"), FALSE },
  [WA_WARD_COLUMN_REGION_CODE] = { "region_code", "region-code", N_("Region Code"), FALSE },
  [WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE] = { "neighbourhood_share", "neighbourhoods",
                                           N_("In Left-Behind Neighbourhoods"), TRUE },
};

const char *
wa_ward_column_id (WaWardColumn column)
{
  g_return_val_if_fail (column < WA_N_WARD_COLUMNS, NULL);
  return columns[column].id;
}

const char *
wa_ward_column_title (WaWardColumn column)
{
  g_return_val_if_fail (column < WA_N_WARD_COLUMNS, NULL);
  return _(columns[column].title);
}

gboolean
wa_ward_column_is_numeric (WaWardColumn column)
{
  return column < WA_N_WARD_COLUMNS && columns[column].numeric;
}

gboolean
wa_ward_column_is_text (WaWardColumn column)
{
  switch (column)
    {
    case WA_WARD_COLUMN_NAME:
    case WA_WARD_COLUMN_CODE:
    case WA_WARD_COLUMN_LAD:
    case WA_WARD_COLUMN_REGION:
    case WA_WARD_COLUMN_LAD_CODE:
    case WA_WARD_COLUMN_REGION_CODE:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
wa_ward_column_from_id (const char *id, WaWardColumn *out_column)
{
  for (guint c = 0; id != NULL && c < WA_N_WARD_COLUMNS; c++)
    if (g_ascii_strcasecmp (id, columns[c].id) == 0 || g_ascii_strcasecmp (id, columns[c].alias) == 0
        || (c == WA_WARD_COLUMN_NAME && g_ascii_strcasecmp (id, "name") == 0))
      {
        *out_column = c;
        return TRUE;
      }
  return FALSE;
}

gboolean
wa_ward_sort_parse (const char *text, WaWardColumn *out_column, gboolean *out_descending,
                    GError **error)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ":", 2);
  gboolean descending = FALSE;

  if (parts[0] != NULL && parts[1] != NULL)
    {
      if (g_ascii_strcasecmp (parts[1], "desc") == 0)
        descending = TRUE;
      else if (g_ascii_strcasecmp (parts[1], "asc") != 0)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                       _("“%s”: the direction after “:” must be “asc” or “desc”"), text);
          return FALSE;
        }
    }
  if (parts[0] == NULL || !wa_ward_column_from_id (parts[0], out_column))
    {
      g_autoptr(GString) known = g_string_new (NULL);

      for (guint c = 0; c < WA_N_WARD_COLUMNS; c++)
        g_string_append_printf (known, "%s%s", c > 0 ? ", " : "", columns[c].alias);
      g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                   _("“%s” is not a column (%s; add “:desc” to reverse)"), text, known->str);
      return FALSE;
    }
  *out_descending = descending;
  return TRUE;
}

gboolean
wa_ward_column_available (WaWardColumn column, WaAtlas *atlas)
{
  if (column == WA_WARD_COLUMN_OFFICIAL)
    return wa_edition_has_official_flag (wa_atlas_get_edition (atlas));
  if (column == WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE)
    return wa_lsoas_has_flag (wa_atlas_get_lsoas (atlas), WA_LSOA_FLAG_PUBLISHED);
  return column < WA_N_WARD_COLUMNS;
}

static WaIndicator
column_indicator (WaWardColumn column)
{
  switch (column)
    {
    case WA_WARD_COLUMN_IMD_RANK: return WA_INDICATOR_IMD;
    case WA_WARD_COLUMN_CNI_RANK: return WA_INDICATOR_CNI;
    case WA_WARD_COLUMN_CNI_CIVIC_ASSETS_RANK: return WA_INDICATOR_CNI_CIVIC_ASSETS;
    case WA_WARD_COLUMN_CNI_CONNECTEDNESS_RANK: return WA_INDICATOR_CNI_CONNECTEDNESS;
    case WA_WARD_COLUMN_CNI_ENGAGED_RANK: return WA_INDICATOR_CNI_ENGAGED;
    default: return WA_N_INDICATORS;
    }
}

double
wa_ward_column_value (WaWardColumn column, WaWard *ward)
{
  return column == WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE ? wa_ward_get_neighbourhood_share (ward) : NAN;
}

guint
wa_ward_column_rank (WaWardColumn column, WaWard *ward)
{
  WaIndicator indicator = column_indicator (column);

  if (column == WA_WARD_COLUMN_COMBINED_RANK)
    return wa_ward_get_combined_rank (ward);
  if (indicator == WA_N_INDICATORS)
    return 0;
  return wa_ward_get_figure (ward, indicator)->rank;
}

const char *
wa_ward_column_text (WaWardColumn column, WaWard *ward)
{
  switch (column)
    {
    case WA_WARD_COLUMN_NAME: return wa_ward_get_name (ward);
    case WA_WARD_COLUMN_CODE: return wa_ward_get_code (ward);
    case WA_WARD_COLUMN_LAD: return wa_ward_get_lad_name (ward);
    case WA_WARD_COLUMN_REGION: return wa_ward_get_region_name (ward);
    case WA_WARD_COLUMN_LAD_CODE: return wa_ward_get_lad_code (ward);
    case WA_WARD_COLUMN_REGION_CODE: return wa_ward_get_region_code (ward);
    default: return NULL;
    }
}

char *
wa_ward_column_format (WaWardColumn column, WaWard *ward)
{
  if (wa_ward_column_is_text (column))
    {
      const char *text = wa_ward_column_text (column, ward);
      return g_strdup (text != NULL && *text != '\0' ? text : "–");
    }
  switch (column)
    {
    case WA_WARD_COLUMN_POPULATION:
      return wa_ward_get_population (ward) >= 0 ? wa_format_count (wa_ward_get_population (ward))
                                                : g_strdup ("–");
    case WA_WARD_COLUMN_LEFT_BEHIND:
      return g_strdup (wa_ward_get_left_behind (ward) ? _("Yes") : _("No"));
    case WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE:
      {
        double share = wa_ward_column_value (column, ward);
        return isnan (share) ? g_strdup ("–") : wa_format_percent (100 * share);
      }
    case WA_WARD_COLUMN_OFFICIAL:
      switch (wa_ward_get_official_left_behind (ward))
        {
        case 1: return g_strdup (_("Yes"));
        case 0: return g_strdup (_("No"));
        default: return g_strdup ("–");
        }
    default:
      {
        guint rank = wa_ward_column_rank (column, ward);
        return rank > 0 ? wa_format_count (rank) : g_strdup ("–");
      }
    }
}

/* ---- order ---------------------------------------------------------------- */

/* g_utf8_collate normalises both strings on every call, far too slow for
 * sorting thousands of rows per click. A council's or a region's name or
 * code, which thousands of wards share (74,060 wards in the 10x pack, a
 * few hundred councils), keeps its collation key and folded text once for
 * the process (SharedText). A ward keeps only its folded text (WardText);
 * its name's and code's places in collation order are kept for the whole
 * atlas (TextOrder), made from keys that are freed once sorted: kept on
 * each ward, an en_GB.UTF-8 key is several times its text, and the keys
 * took 18 MB of the 10x pack's launch. */

typedef struct {
  char *key;        /* collation key */
  char *haystack;   /* " " and the folded text */
} SharedText;

enum { SHARED_LAD, SHARED_REGION, SHARED_LAD_CODE, SHARED_REGION_CODE, N_SHARED };

typedef struct {
  const SharedText *shared[N_SHARED];    /* NULL where the ward has no such text */
  char haystack[];                       /* " name code", folded */
} WardText;

static GHashTable *shared_texts;   /* text -> SharedText, never freed */
G_LOCK_DEFINE_STATIC (shared_texts);

static const SharedText *
shared_text (const char *text)
{
  SharedText *shared;

  if (text == NULL)
    return NULL;
  G_LOCK (shared_texts);
  if (shared_texts == NULL)
    shared_texts = g_hash_table_new (g_str_hash, g_str_equal);
  shared = g_hash_table_lookup (shared_texts, text);
  if (shared == NULL)
    {
      g_autofree char *folded = wa_search_fold (text);

      shared = g_new (SharedText, 1);
      shared->key = g_utf8_collate_key (text, -1);
      shared->haystack = g_strconcat (" ", folded, NULL);
      g_hash_table_insert (shared_texts, g_strdup (text), shared);
    }
  G_UNLOCK (shared_texts);
  return shared;
}

static gpointer
ward_text_new (gpointer data)
{
  WaWard *ward = data;
  g_autofree char *joined = g_strjoin (" ", wa_ward_get_name (ward), wa_ward_get_code (ward), NULL);
  g_autofree char *folded = wa_search_fold (joined);
  gsize folded_size = strlen (folded) + 1;
  WardText *text = g_malloc (sizeof *text + 1 + folded_size);

  text->haystack[0] = ' ';
  memcpy (text->haystack + 1, folded, folded_size);
  text->shared[SHARED_LAD] = shared_text (wa_ward_get_lad_name (ward));
  text->shared[SHARED_REGION] = shared_text (wa_ward_get_region_name (ward));
  text->shared[SHARED_LAD_CODE] = shared_text (wa_ward_get_lad_code (ward));
  text->shared[SHARED_REGION_CODE] = shared_text (wa_ward_get_region_code (ward));
  return text;
}

/* What is kept on object under *quark (name's, looked up once: text
 * filters ask for every ward per keystroke), made by make on first use;
 * any thread (one that loses the race frees what it made). */
static gpointer
kept_on (gpointer object, GQuark *quark_cache, const char *name, gpointer (*make) (gpointer),
         GDestroyNotify destroy)
{
  GQuark quark = *quark_cache != 0 ? *quark_cache : (*quark_cache = g_quark_from_static_string (name));
  gpointer kept = g_object_get_qdata (object, quark), made;

  if (kept != NULL)
    return kept;
  made = make (object);
  if (g_object_replace_qdata (object, quark, NULL, made, destroy, NULL))
    return made;
  destroy (made);
  return g_object_get_qdata (object, quark);
}

/* Made on first use and kept on the ward (wa_ward_filter_prepare makes
 * them ahead). */
static const WardText *
ward_text (WaWard *ward)
{
  static GQuark quark;

  return kept_on (ward, &quark, "wa-ward-filter-text", ward_text_new, g_free);
}

/* The wards' own text columns, by ward index: each ward's place in the
 * collation order of the atlas's names (or codes), equal keys sharing a
 * place, so comparing places is comparing keys. An en_GB.UTF-8 key is
 * eight times its text (36 MB for the 10x pack's names and codes), its
 * first level (the letters, case and accents aside) ending at the first
 * 0x01 byte, so until the sort only each key's start is kept: up to and
 * with that byte, at most KEY_PREFIX bytes, made ward by ward (in a front
 * end's idle slices, wa_ward_filter_prepare). Two starts that differ
 * order their keys alike (a start shorter than the other and equal to
 * its beginning is a whole key); wards whose starts are equal and cut
 * short have their whole keys made again to order them. Places are set
 * once and never change. */
enum { ORDER_NAME, ORDER_CODE, N_ORDERS };

#define KEY_PREFIX 48
#define WHOLE_KEY 0x80000000u   /* in starts: the start is the whole key */

typedef struct {
  GMutex lock;
  guint n_wards;
  guint n_keyed;
  gboolean sorting;             /* the sort was started (wa_ward_filter_prepare) */
  GString *prefixes[N_ORDERS];  /* the starts, each ended by '\0' */
  GArray *starts[N_ORDERS];     /* guint: where ward i's start is, | WHOLE_KEY */
  guint *places[N_ORDERS];      /* atomic; NULL until sorted */
} TextOrder;

static void
order_free_prefixes (TextOrder *order, guint o)
{
  if (order->prefixes[o] != NULL)
    g_string_free (order->prefixes[o], TRUE);
  order->prefixes[o] = NULL;
  g_clear_pointer (&order->starts[o], g_array_unref);
}

static void
text_order_free (gpointer data)
{
  TextOrder *order = data;

  for (guint o = 0; o < N_ORDERS; o++)
    {
      order_free_prefixes (order, o);
      g_free (order->places[o]);
    }
  g_mutex_clear (&order->lock);
  g_free (order);
}

static gpointer
text_order_new (gpointer atlas)
{
  TextOrder *order = g_new0 (TextOrder, 1);

  g_mutex_init (&order->lock);
  order->n_wards = wa_atlas_get_n_wards (atlas);
  return order;
}

static TextOrder *
text_order (WaAtlas *atlas)
{
  static GQuark quark;

  return kept_on (atlas, &quark, "wa-ward-filter-order", text_order_new, text_order_free);
}

static char *
order_key (WaAtlas *atlas, guint ward, guint o)
{
  WaWard *w = wa_atlas_get_ward (atlas, ward);

  return g_utf8_collate_key (o == ORDER_NAME ? wa_ward_get_name (w) : wa_ward_get_code (w), -1);
}

/* Key starts for wards up to end (exclusive); with the lock held. */
static void
order_add_keys (TextOrder *order, WaAtlas *atlas, guint end)
{
  for (guint o = 0; o < N_ORDERS; o++)
    if (order->prefixes[o] == NULL)
      {
        order->prefixes[o] = g_string_sized_new ((gsize) order->n_wards * 24);
        order->starts[o] = g_array_sized_new (FALSE, FALSE, sizeof (guint), order->n_wards);
      }
  for (; order->n_keyed < end; order->n_keyed++)
    for (guint o = 0; o < N_ORDERS; o++)
      {
        g_autofree char *key = order_key (atlas, order->n_keyed, o);
        gsize length = 0;
        guint start = order->prefixes[o]->len;

        while (length < KEY_PREFIX && key[length] != '\0' && key[length++] != '\1')
          ;
        if (key[length] == '\0')
          start |= WHOLE_KEY;
        g_array_append_val (order->starts[o], start);
        g_string_append_len (order->prefixes[o], key, length);
        g_string_append_c (order->prefixes[o], '\0');
      }
}

static const char *
order_prefix (const TextOrder *order, guint o, guint ward, gboolean *whole)
{
  guint start = g_array_index (order->starts[o], guint, ward);

  if (whole != NULL)
    *whole = (start & WHOLE_KEY) != 0;
  return order->prefixes[o]->str + (start & ~WHOLE_KEY);
}

static int
compare_prefixes (gconstpointer a, gconstpointer b, gpointer data)
{
  const TextOrder *order = ((gpointer *) data)[0];
  guint o = GPOINTER_TO_UINT (((gpointer *) data)[1]);

  return strcmp (order_prefix (order, o, *(const guint *) a, NULL),
                 order_prefix (order, o, *(const guint *) b, NULL));
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Orders the wards sorted[first, end), whose prefixes tie, by their whole
 * keys, and places them from first. */
static void
order_place_tie (WaAtlas *atlas, guint o, guint *sorted, guint first, guint end, guint *places)
{
  guint n = end - first;
  g_autofree char **keys = g_new (char *, 2 * n);

  /* Each key followed by its ward, so that the pairs sort together. */
  for (guint i = 0; i < n; i++)
    {
      keys[2 * i] = order_key (atlas, sorted[first + i], o);
      keys[2 * i + 1] = GUINT_TO_POINTER (sorted[first + i]);
    }
  qsort (keys, n, 2 * sizeof (char *), compare_strings);
  for (guint i = 0; i < n; i++)
    {
      sorted[first + i] = GPOINTER_TO_UINT (keys[2 * i + 1]);
      places[sorted[first + i]] = i > 0 && strcmp (keys[2 * i], keys[2 * i - 2]) == 0
                                  ? places[sorted[first + i - 1]] : first + i;
    }
  for (guint i = 0; i < n; i++)
    g_free (keys[2 * i]);
}

/* Sorts the starts into places and frees them; with the lock held. */
static void
order_sort (TextOrder *order, WaAtlas *atlas, guint o)
{
  g_autofree guint *sorted = g_new (guint, order->n_wards);
  guint *places = g_new (guint, order->n_wards);
  gpointer data[2] = { order, GUINT_TO_POINTER (o) };

  for (guint i = 0; i < order->n_wards; i++)
    sorted[i] = i;
  g_qsort_with_data (sorted, order->n_wards, sizeof (guint), compare_prefixes, data);
  for (guint k = 0, end; k < order->n_wards; k = end)
    {
      gboolean whole, all_whole;
      const char *prefix = order_prefix (order, o, sorted[k], &all_whole);

      places[sorted[k]] = k;
      for (end = k + 1; end < order->n_wards
           && strcmp (prefix, order_prefix (order, o, sorted[end], &whole)) == 0; end++)
        {
          places[sorted[end]] = k;
          all_whole = all_whole && whole;
        }
      if (end - k > 1 && !all_whole)
        order_place_tie (atlas, o, sorted, k, end, places);
    }
  order_free_prefixes (order, o);
  g_atomic_pointer_set (&order->places[o], places);
}

/* Both orders' places, made now unless they are; any thread. */
static void
order_ensure (TextOrder *order, WaAtlas *atlas)
{
  g_mutex_lock (&order->lock);
  /* Both are sorted under one lock, so the last tells for both. */
  if (order->places[ORDER_CODE] == NULL)
    {
      order_add_keys (order, atlas, order->n_wards);
      for (guint o = 0; o < N_ORDERS; o++)
        order_sort (order, atlas, o);
    }
  g_mutex_unlock (&order->lock);
}

/* The sort of the prepared starts, off the front end's main thread: on
 * the 10x pack it took 50 ms of one idle slice. A sort asked for
 * meanwhile waits for it (order_places takes the lock), or does it
 * first, and this finds it done. */
static void
order_sort_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  order_ensure (text_order (source), source);
  /* The keys' starts the sort freed, 4 MB on the 10x pack, grown on the
   * main thread's heap by the idle slices. */
  wa_heap_give_back_freed ();
  g_task_return_boolean (task, TRUE);
}

/* The places of column's text (the ward's name or code) for sorting
 * n_sorted wards; NULL for any other column. Made on first use by a list
 * long enough to pay for them: a few wards (a council's, sorted by name
 * from the command line) are collated pair by pair, the same order,
 * rather than making two keys for every ward of the atlas (20 ms of a
 * 0.5 s command on the 2019 pack). */
static const guint *
order_places (WaAtlas *atlas, WaWardColumn column, guint n_sorted)
{
  guint o = column == WA_WARD_COLUMN_NAME ? ORDER_NAME : ORDER_CODE;
  TextOrder *order;
  const guint *places;

  if (column != WA_WARD_COLUMN_NAME && column != WA_WARD_COLUMN_CODE)
    return NULL;
  order = text_order (atlas);
  if ((places = g_atomic_pointer_get (&order->places[o])) != NULL)
    return places;
  /* About n log n pairs, each collated twice, against the atlas's keys. */
  if ((gsize) n_sorted * g_bit_storage (n_sorted) < order->n_wards)
    return NULL;
  order_ensure (order, atlas);
  return order->places[o];
}

/* A council's or region's key; the wards' own names and codes are
 * compared by order_places in a sort and by g_utf8_collate alone. */
static const char *
shared_key (WaWard *ward, WaWardColumn column, const char *text)
{
  const WardText *kept = ward_text (ward);
  const SharedText *shared = NULL;

  switch (column)
    {
    case WA_WARD_COLUMN_LAD: shared = kept->shared[SHARED_LAD]; break;
    case WA_WARD_COLUMN_REGION: shared = kept->shared[SHARED_REGION]; break;
    case WA_WARD_COLUMN_LAD_CODE: shared = kept->shared[SHARED_LAD_CODE]; break;
    case WA_WARD_COLUMN_REGION_CODE: shared = kept->shared[SHARED_REGION_CODE]; break;
    default: break;
    }
  /* Every such column is one of the above; the rest only for safety. */
  return shared != NULL ? shared->key : shared_text (text)->key;
}

/* Missing figures sort as "no value": last in both directions. */
static int
compare_missing (gboolean a_missing, gboolean b_missing)
{
  return a_missing - b_missing;
}

/* Collated, so that case and accents do not split the order; places
 * (order_places) for the wards' own names and codes when sorting a whole
 * list, else g_utf8_collate: the same order. */
static int
compare_text (WaWard *a, const char *ta, WaWard *b, const char *tb, WaWardColumn column,
              const guint *places)
{
  if (places != NULL)
    {
      guint pa = places[wa_ward_get_index (a)], pb = places[wa_ward_get_index (b)];
      return (pa > pb) - (pa < pb);
    }
  if (column == WA_WARD_COLUMN_NAME || column == WA_WARD_COLUMN_CODE)
    return g_utf8_collate (ta, tb);
  return strcmp (shared_key (a, column, ta), shared_key (b, column, tb));
}

static int
compare_column (WaWard *a, WaWard *b, WaWardColumn column, gboolean descending,
                const guint *places)
{
  int result = 0;

  if (wa_ward_column_is_text (column))
    {
      const char *ta = wa_ward_column_text (column, a), *tb = wa_ward_column_text (column, b);
      gboolean ma = ta == NULL || *ta == '\0', mb = tb == NULL || *tb == '\0';

      if (ma || mb)
        return compare_missing (ma, mb);
      result = compare_text (a, ta, b, tb, column, places);
      return descending ? -result : result;
    }
  switch (column)
    {
    case WA_WARD_COLUMN_POPULATION:
      {
        gint64 pa = wa_ward_get_population (a), pb = wa_ward_get_population (b);

        if (pa < 0 || pb < 0)
          return compare_missing (pa < 0, pb < 0);
        result = (pa > pb) - (pa < pb);
        break;
      }
    case WA_WARD_COLUMN_NEIGHBOURHOOD_SHARE:
      {
        double sa = wa_ward_column_value (column, a), sb = wa_ward_column_value (column, b);

        if (isnan (sa) || isnan (sb))
          return compare_missing (isnan (sa), isnan (sb));
        /* Ascending: the largest shares first, like ranks (1 = most deprived). */
        result = (sa < sb) - (sa > sb);
        break;
      }
    case WA_WARD_COLUMN_LEFT_BEHIND:
      /* Ascending: left-behind wards first, as they are what users look for. */
      result = wa_ward_get_left_behind (b) - wa_ward_get_left_behind (a);
      break;
    case WA_WARD_COLUMN_OFFICIAL:
      {
        int oa = wa_ward_get_official_left_behind (a), ob = wa_ward_get_official_left_behind (b);

        if (oa < 0 || ob < 0)
          return compare_missing (oa < 0, ob < 0);
        result = ob - oa;
        break;
      }
    default:
      {
        guint ra = wa_ward_column_rank (column, a), rb = wa_ward_column_rank (column, b);

        if (ra == 0 || rb == 0)
          return compare_missing (ra == 0, rb == 0);
        result = (ra > rb) - (ra < rb);
        break;
      }
    }
  return descending ? -result : result;
}

static int
compare_wards (WaWard *a, WaWard *b, WaWardColumn column, gboolean descending,
               const guint *places)
{
  int result;

  if (a == b)
    return 0;
  result = compare_column (a, b, column, descending, places);
  if (result == 0 && column != WA_WARD_COLUMN_COMBINED_RANK)
    result = compare_column (a, b, WA_WARD_COLUMN_COMBINED_RANK, FALSE, NULL);
  if (result != 0)
    return result;
  return strcmp (wa_ward_get_code (a), wa_ward_get_code (b));
}

int
wa_ward_compare (WaWard *a, WaWard *b, WaWardColumn column, gboolean descending)
{
  return compare_wards (a, b, column, descending, NULL);
}

/* ---- filter --------------------------------------------------------------- */

WaWardFilter *
wa_ward_filter_new (void)
{
  WaWardFilter *filter = g_new0 (WaWardFilter, 1);

  filter->lads = g_ptr_array_new_with_free_func (g_free);
  filter->words = g_new0 (char *, 1);
  filter->change_category = -1;
  return filter;
}

WaWardFilter *
wa_ward_filter_copy (const WaWardFilter *filter)
{
  WaWardFilter *copy = wa_ward_filter_new ();

  wa_ward_filter_set_region (copy, filter->region);
  for (guint i = 0; i < filter->lads->len; i++)
    wa_ward_filter_add_lad (copy, g_ptr_array_index (filter->lads, i));
  copy->left_behind_only = filter->left_behind_only;
  wa_ward_filter_set_text (copy, filter->text);
  wa_ward_filter_set_change_category (copy, filter->change, filter->change_category);
  copy->neighbourhoods = filter->neighbourhoods;
  return copy;
}

void
wa_ward_filter_free (WaWardFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->region);
  g_clear_object (&filter->change);
  g_ptr_array_unref (filter->lads);
  g_free (filter->text);
  g_strfreev (filter->words);
  g_free (filter);
}

void
wa_ward_filter_set_region (WaWardFilter *filter, const char *region)
{
  g_free (filter->region);
  filter->region = region != NULL && *region != '\0' ? g_strdup (region) : NULL;
}

const char *
wa_ward_filter_get_region (const WaWardFilter *filter)
{
  return filter->region;
}

void
wa_ward_filter_add_lad (WaWardFilter *filter, const char *lad)
{
  if (lad != NULL && *lad != '\0' && !wa_ward_filter_has_lad (filter, lad))
    g_ptr_array_add (filter->lads, g_strdup (lad));
}

void
wa_ward_filter_clear_lads (WaWardFilter *filter)
{
  g_ptr_array_set_size (filter->lads, 0);
}

gboolean
wa_ward_filter_has_lad (const WaWardFilter *filter, const char *lad)
{
  for (guint i = 0; i < filter->lads->len; i++)
    if (g_strcmp0 (g_ptr_array_index (filter->lads, i), lad) == 0)
      return TRUE;
  return FALSE;
}

guint
wa_ward_filter_get_n_lads (const WaWardFilter *filter)
{
  return filter->lads->len;
}

void
wa_ward_filter_set_left_behind_only (WaWardFilter *filter, gboolean only)
{
  filter->left_behind_only = only;
}

gboolean
wa_ward_filter_get_left_behind_only (const WaWardFilter *filter)
{
  return filter->left_behind_only;
}

void
wa_ward_filter_set_change_category (WaWardFilter *filter, WaChange *change, int category)
{
  g_return_if_fail (category < (int) WA_N_CHANGE_CATEGORIES);
  g_return_if_fail (change != NULL || category < 0);
  g_set_object (&filter->change, change);
  filter->change_category = category < 0 ? -1 : category;
}

int
wa_ward_filter_get_change_category (const WaWardFilter *filter)
{
  return filter->change_category;
}

void
wa_ward_filter_set_text (WaWardFilter *filter, const char *text)
{
  g_autofree char *folded = wa_search_fold (text);

  g_free (filter->text);
  filter->text = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  g_strfreev (filter->words);
  filter->words = *folded != '\0' ? g_strsplit (folded, " ", -1) : g_new0 (char *, 1);
}

static const struct {
  const char *id;
  const char *title;
} neighbourhood_filters[WA_N_NEIGHBOURHOOD_FILTERS] = {
  [WA_NEIGHBOURHOOD_FILTER_ANY] = { "any", N_("All Wards") },
  [WA_NEIGHBOURHOOD_FILTER_SOME] = { "some", N_("Some Residents in Left-Behind Neighbourhoods") },
  [WA_NEIGHBOURHOOD_FILTER_MAJORITY] = { "half", N_("Half or More in Left-Behind Neighbourhoods") },
};

void
wa_ward_filter_set_neighbourhoods (WaWardFilter *filter, WaNeighbourhoodFilter which)
{
  g_return_if_fail (which < WA_N_NEIGHBOURHOOD_FILTERS);
  filter->neighbourhoods = which;
}

WaNeighbourhoodFilter
wa_ward_filter_get_neighbourhoods (const WaWardFilter *filter)
{
  return filter->neighbourhoods;
}

gboolean
wa_neighbourhood_filter_from_id (const char *id, WaNeighbourhoodFilter *out)
{
  for (guint i = 0; id != NULL && i < WA_N_NEIGHBOURHOOD_FILTERS; i++)
    if (g_ascii_strcasecmp (id, neighbourhood_filters[i].id) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wa_neighbourhood_filter_title (WaNeighbourhoodFilter which)
{
  g_return_val_if_fail (which < WA_N_NEIGHBOURHOOD_FILTERS, NULL);
  return _(neighbourhood_filters[which].title);
}

static gboolean
neighbourhoods_match (WaNeighbourhoodFilter which, WaWard *ward)
{
  double share = wa_ward_get_neighbourhood_share (ward);

  switch (which)
    {
    case WA_NEIGHBOURHOOD_FILTER_SOME: return !isnan (share) && share > 0;
    case WA_NEIGHBOURHOOD_FILTER_MAJORITY: return !isnan (share) && share >= WA_RANK_NEIGHBOURHOOD_MAJORITY;
    default: return TRUE;
    }
}

const char *
wa_ward_filter_get_text (const WaWardFilter *filter)
{
  return filter->text;
}

gboolean
wa_ward_filter_is_empty (const WaWardFilter *filter)
{
  return filter->region == NULL && filter->lads->len == 0 && !filter->left_behind_only
         && filter->words[0] == NULL && filter->change_category < 0
         && filter->neighbourhoods == WA_NEIGHBOURHOOD_FILTER_ANY;
}

static gboolean
same_area (const char *want, const char *code, const char *name)
{
  return g_strcmp0 (want, code) == 0 || (name != NULL && g_ascii_strcasecmp (want, name) == 0);
}

/* Each word at the start of a word of the ward's name or code, or its
 * council's or region's name: refiltering 74,000 wards per keystroke
 * stays well under a frame, the folded texts being kept (ward_text). */
static gboolean
text_matches (const WaWardFilter *filter, WaWard *ward)
{
  const WardText *text;
  char needle[128];

  if (filter->words[0] == NULL)
    return TRUE;
  text = ward_text (ward);
  for (char **w = filter->words; *w != NULL; w++)
    {
      const SharedText *lad = text->shared[SHARED_LAD], *region = text->shared[SHARED_REGION];

      g_snprintf (needle, sizeof needle, " %s", *w);
      if (strstr (text->haystack, needle) == NULL
          && (lad == NULL || strstr (lad->haystack, needle) == NULL)
          && (region == NULL || strstr (region->haystack, needle) == NULL))
        return FALSE;
    }
  return TRUE;
}

gboolean
wa_ward_filter_match (const WaWardFilter *filter, WaWard *ward)
{
  if (filter->left_behind_only && !wa_ward_get_left_behind (ward))
    return FALSE;
  if (!neighbourhoods_match (filter->neighbourhoods, ward))
    return FALSE;
  if (filter->change_category >= 0)
    {
      const WaWardChange *c = wa_change_lookup (filter->change, wa_ward_get_code (ward));

      if (c == NULL || (int) c->category != filter->change_category)
        return FALSE;
    }
  if (filter->region != NULL
      && !same_area (filter->region, wa_ward_get_region_code (ward), wa_ward_get_region_name (ward)))
    return FALSE;
  if (filter->lads->len > 0)
    {
      gboolean any = FALSE;

      for (guint i = 0; !any && i < filter->lads->len; i++)
        any = same_area (g_ptr_array_index (filter->lads, i), wa_ward_get_lad_code (ward),
                         wa_ward_get_lad_name (ward));
      if (!any)
        return FALSE;
    }
  return text_matches (filter, ward);
}

static gboolean
any_ward_in (WaAtlas *atlas, const char *want, gboolean region)
{
  for (guint i = 0; i < wa_atlas_get_n_wards (atlas); i++)
    {
      WaWard *w = wa_atlas_get_ward (atlas, i);

      if (region ? same_area (want, wa_ward_get_region_code (w), wa_ward_get_region_name (w))
                 : same_area (want, wa_ward_get_lad_code (w), wa_ward_get_lad_name (w)))
        return TRUE;
    }
  return FALSE;
}

gboolean
wa_ward_filter_validate (const WaWardFilter *filter, WaAtlas *atlas, GError **error)
{
  if (filter->region != NULL && !any_ward_in (atlas, filter->region, TRUE))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND,
                   _("%s: no region called “%s” (use a name such as “North East” or a code such as E12000001)"),
                   wa_atlas_get_path (atlas), filter->region);
      return FALSE;
    }
  for (guint i = 0; i < filter->lads->len; i++)
    if (!any_ward_in (atlas, g_ptr_array_index (filter->lads, i), FALSE))
      {
        g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND,
                     _("%s: no local authority called “%s” in this edition"),
                     wa_atlas_get_path (atlas), (const char *) g_ptr_array_index (filter->lads, i));
        return FALSE;
      }
  return TRUE;
}

guint
wa_ward_filter_prepare (WaAtlas *atlas, guint first, guint n)
{
  guint end = MIN (first + n, wa_atlas_get_n_wards (atlas));
  TextOrder *order = text_order (atlas);

  for (guint i = first; i < end; i++)
    ward_text (wa_atlas_get_ward (atlas, i));
  g_mutex_lock (&order->lock);
  if (order->places[ORDER_CODE] == NULL)
    {
      order_add_keys (order, atlas, end);
      if (end == order->n_wards && !order->sorting)
        {
          g_autoptr(GTask) task = g_task_new (atlas, NULL, NULL, NULL);

          order->sorting = TRUE;
          g_task_set_source_tag (task, wa_ward_filter_prepare);
          g_task_run_in_thread (task, order_sort_in_thread);
        }
    }
  g_mutex_unlock (&order->lock);
  return end;
}

typedef struct {
  WaWardColumn column;
  gboolean descending;
  const guint *places;
} SortSpec;

static int
compare_for_sort (gconstpointer a, gconstpointer b, gpointer data)
{
  const SortSpec *spec = data;

  return compare_wards (*(WaWard **) a, *(WaWard **) b, spec->column, spec->descending,
                        spec->places);
}

GPtrArray *
wa_ward_filter_apply (const WaWardFilter *filter, WaAtlas *atlas, WaWardColumn sort,
                      gboolean descending)
{
  GPtrArray *wards = g_ptr_array_new ();
  SortSpec spec = { sort, descending, NULL };

  for (guint i = 0; i < wa_atlas_get_n_wards (atlas); i++)
    {
      WaWard *w = wa_atlas_get_ward (atlas, i);

      if (filter == NULL || wa_ward_filter_match (filter, w))
        g_ptr_array_add (wards, w);
    }
  spec.places = order_places (atlas, sort, wards->len);
  g_ptr_array_sort_with_data (wards, compare_for_sort, &spec);
  return wards;
}

gint64
wa_ward_list_population (GPtrArray *wards)
{
  gint64 total = 0;

  for (guint i = 0; i < wards->len; i++)
    total += MAX (wa_ward_get_population (g_ptr_array_index (wards, i)), 0);
  return total;
}

char *
wa_ward_list_describe (GPtrArray *wards)
{
  g_autofree char *count = wa_format_count (wards->len);
  g_autofree char *people = wa_format_population_short (wa_ward_list_population (wards));

  /* Translators: the rows of a ranking table, e.g. "225 wards, 2.39 million people". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s ward, %s people", "%s wards, %s people",
                                       wards->len), count, people);
}
