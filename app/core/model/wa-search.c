/* wa-search.c: the search index and ranking.
 *
 * Every name (ward, ward code, LAD, LAD code, place, alias) is folded once
 * into an entry key. Each key contributes one "suffix" per word start, and
 * the suffixes are sorted once, so that any query is a binary search plus a
 * scan of the keys that start with it: a prefix of the whole name (word 0)
 * or of a later word. A keystroke therefore costs microseconds whatever the
 * number of names; the scan keeps only the best few candidates. Postcodes
 * never enter the index: they go to the pack's indexed table. */
#include "wa-search.h"
#include "wa-atlas-private.h"
#include "wa-atlas.h"
#include "wa-error.h"
#include "wa-geometry.h"
#include "wa-postcode.h"
#include "wa-ward.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

typedef enum {
  TARGET_WARD,
  TARGET_LAD,
  TARGET_PLACE,
} Target;

/* Within one match tier: local authorities, then cities, towns, wards and
 * smaller places. */
enum {
  ORDER_LAD,
  ORDER_CITY,
  ORDER_MAJOR_TOWN,
  ORDER_TOWN,
  ORDER_WARD,
  ORDER_VILLAGE,
  ORDER_SUBURB,
  ORDER_HAMLET,
  ORDER_OTHER,
};

typedef enum {
  TIER_EXACT,
  TIER_PREFIX,
  TIER_WORD_PREFIX,
} Tier;

typedef struct {
  const char *key;    /* folded name, code or alias, in the search's keys */
  guint32 item;       /* dedup id: wards, then LADs, then places */
  guint8 target;      /* Target */
  guint8 order;
  guint8 is_code;
  float weight;       /* bigger first */
} Entry;

/* What ranking needs is copied in, so that a query scans its range of
 * suffixes in order without touching the entries. */
typedef struct {
  const char *text;   /* points into an entry's key, at a word start */
  guint32 entry;
  guint32 item;
  float weight;
  guint16 len;        /* strlen (text), to spot exact matches */
  guint8 order;
  guint8 word;        /* 0 = the key's start */
} Suffix;

typedef struct {
  guint8 tier;
  guint8 order;
  float weight;
  guint32 entry;
  guint32 item;
} Candidate;

struct _WaSearch
{
  GObject parent_instance;

  WaAtlas *atlas;
  GArray *entries;        /* Entry */
  /* The entries' keys, in blocks rather than a malloc each: the 10x
   * pack's 150,000 keys cost 12 MB as folded strings of their own. */
  GStringChunk *keys;
  /* Sorted by text; counted, then allocated once at their number. */
  Suffix *suffixes;
  guint n_suffixes;
  guint n_wards, n_lads, n_items;
  gboolean owns_atlas;    /* FALSE when the atlas owns the search */
};

G_DEFINE_FINAL_TYPE (WaSearch, wa_search, G_TYPE_OBJECT)

/* Well-known short names that the official names do not contain. */
static const struct { const char *alias, *name; } aliases[] = {
  { "Hull", "Kingston upon Hull" },
  { "Newcastle", "Newcastle upon Tyne" },
  { "Stoke", "Stoke-on-Trent" },
  { "Southend", "Southend-on-Sea" },
  { "Bristol", "City of Bristol" },
};

void
wa_search_result_free (WaSearchResult *result)
{
  if (result == NULL)
    return;
  g_free (result->title);
  g_free (result->context);
  g_free (result->code);
  g_free (result);
}

/* ---- folding ------------------------------------------------------------ */

static void
append_word (GString *out, const char *word, gsize len)
{
  if (len == 0)
    return;
  if (out->len > 0)
    g_string_append_c (out, ' ');
  if (len == 5 && strncmp (word, "saint", 5) == 0)
    g_string_append (out, "st");
  else
    g_string_append_len (out, word, len);
}

/* Most names are plain ASCII: fold them without Unicode tables. */
static gboolean
fold_ascii (const char *text, GString *flat)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '.')
        continue;
      if (*p == '&')
        g_string_append (flat, " and ");
      else if (g_ascii_isalnum (*p))
        g_string_append_c (flat, g_ascii_tolower (*p));
      else
        g_string_append_c (flat, ' ');
    }
  return TRUE;
}

char *
wa_search_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) flat = NULL;
  GString *out;
  const char *word;
  char *folded;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  flat = g_string_new (NULL);
  if (!fold_ascii (text, flat))
    decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  for (const char *p = decomposed != NULL ? decomposed : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;               /* accents */
      if (c == '\'' || c == 0x2019 || c == '.')
        continue;               /* "Bishop's" = "Bishops", "St." = "St" */
      if (c == '&')
        g_string_append (flat, " and ");
      else if (g_unichar_isalnum (c))
        {
          char buf[6];
          g_autofree char *folded = g_utf8_casefold (buf, g_unichar_to_utf8 (c, buf));

          g_string_append (flat, folded);
        }
      else
        g_string_append_c (flat, ' ');
    }

  out = g_string_sized_new (flat->len);
  word = NULL;
  for (const char *p = flat->str; ; p++)
    {
      if (*p == ' ' || *p == '\0')
        {
          if (word != NULL)
            append_word (out, word, p - word);
          word = NULL;
          if (*p == '\0')
            break;
        }
      else if (word == NULL)
        word = p;
    }
  /* Exactly its length: a GString keeps at least 64 bytes. */
  folded = g_strndup (out->str, out->len);
  g_string_free (out, TRUE);
  return folded;
}

/* ---- building the index ------------------------------------------------- */

static void
add_entry (WaSearch *self, const char *name, Target target, guint32 item,
           guint8 order, double weight, gboolean is_code)
{
  Entry entry = { 0 };
  g_autofree char *key = wa_search_fold (name);

  if (*key == '\0')
    return;
  entry.key = g_string_chunk_insert (self->keys, key);
  entry.target = target;
  entry.item = item;
  entry.order = order;
  entry.weight = (float) weight;
  entry.is_code = is_code;
  g_array_append_val (self->entries, entry);
}

static guint8
place_order (const WaPlace *place)
{
  switch (place->kind)
    {
    case WA_PLACE_CITY: return ORDER_CITY;
    case WA_PLACE_TOWN: return place->major ? ORDER_MAJOR_TOWN : ORDER_TOWN;
    case WA_PLACE_VILLAGE: return ORDER_VILLAGE;
    case WA_PLACE_SUBURB: return ORDER_SUBURB;
    case WA_PLACE_HAMLET: return ORDER_HAMLET;
    case WA_PLACE_OTHER:
    default: return ORDER_OTHER;
    }
}

/* "Bristol, City of" -> "City of Bristol", the form people type (found,
 * never shown); other names unchanged. */
static char *
natural_area_name (const char *name)
{
  const char *comma = name != NULL ? strstr (name, ", ") : NULL;

  if (comma == NULL || (!g_str_has_prefix (comma + 2, "City of")
                        && !g_str_has_prefix (comma + 2, "County of")))
    return g_strdup (name);
  return g_strdup_printf ("%s %.*s", comma + 2, (int) (comma - name), name);
}

/* LAD code -> people, summed over the wards once. */
static GHashTable *
lad_populations (WaSearch *self)
{
  GHashTable *totals = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < self->n_wards; i++)
    {
      WaWard *ward = wa_atlas_get_ward (self->atlas, i);
      const char *code = wa_ward_get_lad_code (ward);
      gint64 *total;

      if (code == NULL || wa_ward_get_population (ward) <= 0)
        continue;
      total = g_hash_table_lookup (totals, code);
      if (total == NULL)
        {
          total = g_new0 (gint64, 1);
          g_hash_table_insert (totals, (gpointer) code, total);
        }
      *total += wa_ward_get_population (ward);
    }
  return totals;
}

static void
add_wards (WaSearch *self)
{
  for (guint i = 0; i < self->n_wards; i++)
    {
      WaWard *ward = wa_atlas_get_ward (self->atlas, i);
      double weight = MAX (wa_ward_get_population (ward), 0);

      add_entry (self, wa_ward_get_name (ward), TARGET_WARD, i, ORDER_WARD, weight, FALSE);
      add_entry (self, wa_ward_get_code (ward), TARGET_WARD, i, ORDER_WARD, weight, TRUE);
    }
}

static void
add_lads (WaSearch *self)
{
  GPtrArray *lads = wa_atlas_get_areas (self->atlas, WA_AREA_LAD);
  g_autoptr(GHashTable) populations = lad_populations (self);

  for (guint i = 0; i < self->n_lads; i++)
    {
      const WaArea *lad = g_ptr_array_index (lads, i);
      g_autofree char *natural = natural_area_name (lad->name);
      guint32 item = self->n_wards + i;
      const gint64 *people = g_hash_table_lookup (populations, lad->code);
      double weight = people != NULL ? (double) *people : 0;

      add_entry (self, lad->name, TARGET_LAD, item, ORDER_LAD, weight, FALSE);
      add_entry (self, lad->code, TARGET_LAD, item, ORDER_LAD, weight, TRUE);
      if (g_strcmp0 (natural, lad->name) != 0)
        {
          const char *comma = strstr (lad->name, ", ");
          g_autofree char *bare = g_strndup (lad->name, comma - lad->name);

          add_entry (self, natural, TARGET_LAD, item, ORDER_LAD, weight, FALSE);
          add_entry (self, bare, TARGET_LAD, item, ORDER_LAD, weight, FALSE);
        }
    }
}

static void
add_places (WaSearch *self)
{
  GPtrArray *places = wa_atlas_get_places (self->atlas);

  for (guint i = 0; i < places->len; i++)
    {
      const WaPlace *place = g_ptr_array_index (places, i);

      add_entry (self, place->name, TARGET_PLACE, self->n_wards + self->n_lads + i,
                 place_order (place), place->importance, FALSE);
    }
}

/* An alias becomes another name of every entry already called by the long
 * name (the place and the LAD both, for "Hull"). */
static void
add_aliases (WaSearch *self)
{
  guint n = self->entries->len;

  for (guint a = 0; a < G_N_ELEMENTS (aliases); a++)
    {
      g_autofree char *long_key = wa_search_fold (aliases[a].name);

      for (guint i = 0; i < n; i++)
        {
          Entry e = g_array_index (self->entries, Entry, i);

          if (!e.is_code && strcmp (e.key, long_key) == 0)
            add_entry (self, aliases[a].alias, e.target, e.item, e.order, e.weight, FALSE);
        }
    }
}

static int
compare_suffixes (gconstpointer a, gconstpointer b, gpointer data)
{
  const Suffix *suffixes = data;

  return strcmp (suffixes[*(const guint32 *) a].text, suffixes[*(const guint32 *) b].text);
}

/* Makes suffixes[i] what suffixes[order[i]] was, a cycle of the
 * permutation at a time (order[j] = j marks a place done). */
static void
permute_suffixes (Suffix *suffixes, guint32 *order, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      Suffix first = suffixes[i];
      guint j = i;

      while (order[j] != i)
        {
          guint next = order[j];

          suffixes[j] = suffixes[next];
          order[j] = j;
          j = next;
        }
      suffixes[j] = first;
      order[j] = j;
    }
}

/* Where suffixes start in an entry's key: its start, and for a name each
 * word's. */
static const char *
next_word (const Entry *e, const char *p)
{
  p = e->is_code ? NULL : strchr (p, ' ');
  return p != NULL ? p + 1 : NULL;
}

static void
build_suffixes (WaSearch *self)
{
  g_autofree guint32 *order = NULL;
  guint n = 0;

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *e = &g_array_index (self->entries, Entry, i);

      for (const char *p = e->key; p != NULL; p = next_word (e, p))
        n++;
    }
  self->suffixes = g_new (Suffix, n);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *e = &g_array_index (self->entries, Entry, i);
      guint8 word = 0;

      for (const char *p = e->key; p != NULL; )
        {
          self->suffixes[self->n_suffixes++] = (Suffix) {
            p, i, e->item, e->weight, (guint16) MIN (strlen (p), G_MAXUINT16), e->order, word
          };
          /* Codes are one word; names get every word start. */
          p = next_word (e, p);
          word = 1;
        }
    }
  /* Their indices are sorted, then the suffixes put in that order: a merge
   * sort's work area of the suffixes themselves was another 12 MB on the
   * 10x pack, at the app's busiest moment. GLib's sort, as g_array_sort
   * was: stable, so equal texts keep the order of their entries. */
  order = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, (gint) n, sizeof (guint32), compare_suffixes, self->suffixes);
  permute_suffixes (self->suffixes, order, n);
}

static void
wa_search_finalize (GObject *object)
{
  WaSearch *self = WA_SEARCH (object);

  g_clear_pointer (&self->suffixes, g_free);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->keys, g_string_chunk_free);
  if (self->owns_atlas)
    g_clear_object (&self->atlas);
  G_OBJECT_CLASS (wa_search_parent_class)->finalize (object);
}

static void
wa_search_class_init (WaSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wa_search_finalize;
}

static void
wa_search_init (WaSearch *self)
{
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->keys = g_string_chunk_new (64 * 1024);
}

static WaSearch *
build (WaAtlas *atlas, gboolean owns_atlas)
{
  WaSearch *self = g_object_new (WA_TYPE_SEARCH, NULL);

  self->atlas = owns_atlas ? g_object_ref (atlas) : atlas;
  self->owns_atlas = owns_atlas;
  self->n_wards = wa_atlas_get_n_wards (atlas);
  self->n_lads = wa_atlas_get_areas (atlas, WA_AREA_LAD)->len;
  self->n_items = self->n_wards + self->n_lads + wa_atlas_get_places (atlas)->len;
  add_wards (self);
  add_lads (self);
  add_places (self);
  add_aliases (self);
  build_suffixes (self);
  return self;
}

WaSearch *
wa_search_new (WaAtlas *atlas)
{
  g_return_val_if_fail (WA_IS_ATLAS (atlas), NULL);
  return build (atlas, TRUE);
}

WaSearch *
wa_search_get_for_atlas (WaAtlas *atlas)
{
  g_return_val_if_fail (WA_IS_ATLAS (atlas), NULL);

  /* Owned by the atlas and gone with it, so it holds no reference back. */
  if (atlas->search == NULL)
    atlas->search = build (atlas, FALSE);
  return atlas->search;
}

WaSearch *
wa_search_new_unattached (WaAtlas *atlas)
{
  g_return_val_if_fail (WA_IS_ATLAS (atlas), NULL);
  return build (atlas, FALSE);
}

void
wa_search_attach (WaSearch *search)
{
  g_return_if_fail (WA_IS_SEARCH (search) && !search->owns_atlas);

  if (search->atlas->search == NULL)
    search->atlas->search = g_object_ref (search);
}

WaAtlas *
wa_search_get_atlas (WaSearch *self)
{
  g_return_val_if_fail (WA_IS_SEARCH (self), NULL);
  return self->atlas;
}

/* ---- querying names ----------------------------------------------------- */

/* First suffix whose text is >= key. */
static guint
lower_bound (WaSearch *self, const char *key)
{
  guint lo = 0, hi = self->n_suffixes;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (strcmp (self->suffixes[mid].text, key) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
candidate_better (const Candidate *a, const Candidate *b, WaSearch *self)
{
  if (a->tier != b->tier)
    return a->tier < b->tier;
  if (a->order != b->order)
    return a->order < b->order;
  if (a->weight != b->weight)
    return a->weight > b->weight;
  return strcmp (g_array_index (self->entries, Entry, a->entry).key,
                 g_array_index (self->entries, Entry, b->entry).key) < 0;
}

static void
sift_up (WaSearch *self, GArray *top, guint pos)
{
  while (pos > 0 && candidate_better (&g_array_index (top, Candidate, pos),
                                      &g_array_index (top, Candidate, pos - 1), self))
    {
      Candidate tmp = g_array_index (top, Candidate, pos - 1);

      g_array_index (top, Candidate, pos - 1) = g_array_index (top, Candidate, pos);
      g_array_index (top, Candidate, pos) = tmp;
      pos--;
    }
}

/* Keeps the best limit candidates, sorted, one per item. Most candidates
 * lose to the current last one and cost a comparison. */
static void
offer (WaSearch *self, GArray *top, guint limit, const Candidate *c)
{
  if (top->len == limit
      && !candidate_better (c, &g_array_index (top, Candidate, top->len - 1), self))
    return;
  for (guint i = 0; i < top->len; i++)
    if (g_array_index (top, Candidate, i).item == c->item)
      {
        /* The same place, ward or authority by another name or word. */
        if (candidate_better (c, &g_array_index (top, Candidate, i), self))
          {
            g_array_index (top, Candidate, i) = *c;
            sift_up (self, top, i);
          }
        return;
      }
  g_array_append_val (top, *c);
  sift_up (self, top, top->len - 1);
  if (top->len > limit)
    g_array_set_size (top, limit);
}

/* The suffixes starting with key are [lower_bound (key), lower_bound (key
 * with its last byte + 1)). */
static GArray *
match_names (WaSearch *self, const char *key, guint limit)
{
  GArray *top = g_array_sized_new (FALSE, FALSE, sizeof (Candidate), limit + 1);
  gsize len = strlen (key);
  g_autofree char *next = g_strdup (key);
  guint first, end;

  next[len - 1] = (char) ((guchar) next[len - 1] + 1);
  first = lower_bound (self, key);
  end = lower_bound (self, next);
  for (guint i = first; i < end; i++)
    {
      const Suffix *s = &self->suffixes[i];
      Candidate c = { s->word > 0 ? TIER_WORD_PREFIX : s->len == len ? TIER_EXACT : TIER_PREFIX,
                      s->order, s->weight, s->entry, s->item };

      offer (self, top, limit, &c);
    }
  return top;
}

/* ---- results ------------------------------------------------------------ */

static char *
ward_place_words (WaSearch *self, WaWard *ward)
{
  /* Councils are named as published everywhere (panel, table, briefings):
   * "Kingston upon Hull, City of". "City of …" only finds them. */
  const char *lad = wa_ward_get_lad_name (ward);

  if (lad == NULL || *lad == '\0')
    return g_strdup (wa_ward_get_name (ward));
  return g_strdup_printf ("%s, %s", wa_ward_get_name (ward), lad);
}

static WaSearchResult *
ward_result (WaSearch *self, guint index, gboolean by_code)
{
  WaWard *ward = wa_atlas_get_ward (self->atlas, index);
  WaSearchResult *r = g_new0 (WaSearchResult, 1);
  const char *lad = wa_ward_get_lad_name (ward);
  WaGeometry *geometry = wa_ward_get_geometry (ward);

  r->kind = WA_SEARCH_WARD;
  r->title = g_strdup (wa_ward_get_name (ward));
  r->code = g_strdup (wa_ward_get_code (ward));
  if (by_code)
    /* Translators: search result context: ward code, then local authority. */
    r->context = g_strdup_printf (_("ward %s in %s"), wa_ward_get_code (ward), lad);
  else
    /* Translators: search result context, e.g. "ward in Barking and Dagenham". */
    r->context = g_strdup_printf (_("ward in %s"), lad);
  r->ward_index = index;
  r->area_index = -1;
  if (geometry != NULL)
    {
      r->has_bbox = TRUE;
      r->bbox = *wa_geometry_get_bbox (geometry);
    }
  return r;
}

static WaSearchResult *
lad_result (WaSearch *self, guint index, gboolean by_code)
{
  const WaArea *lad = g_ptr_array_index (wa_atlas_get_areas (self->atlas, WA_AREA_LAD), index);
  WaSearchResult *r = g_new0 (WaSearchResult, 1);

  r->kind = WA_SEARCH_LAD;
  r->title = g_strdup (lad->name);
  r->code = g_strdup (lad->code);
  if (by_code)
    r->context = g_strdup_printf (_("local authority %s in %s"), lad->code,
                                  lad->region_name != NULL ? lad->region_name : _("England"));
  else if (lad->region_name != NULL)
    r->context = g_strdup_printf (_("local authority in %s"), lad->region_name);
  else
    r->context = g_strdup (_("local authority"));
  r->ward_index = -1;
  r->area_index = index;
  if (lad->geometry != NULL)
    {
      r->has_bbox = TRUE;
      r->bbox = *wa_geometry_get_bbox (lad->geometry);
    }
  return r;
}

static const char *
place_kind_word (WaPlaceKind kind)
{
  switch (kind)
    {
    case WA_PLACE_CITY: return _("city");
    case WA_PLACE_TOWN: return _("town");
    case WA_PLACE_VILLAGE: return _("village");
    case WA_PLACE_HAMLET: return _("hamlet");
    case WA_PLACE_SUBURB: return _("suburb");
    case WA_PLACE_OTHER:
    default: return _("place");
    }
}

static WaSearchResult *
place_result (WaSearch *self, guint index)
{
  const WaPlace *place = g_ptr_array_index (wa_atlas_get_places (self->atlas), index);
  WaSearchResult *r = g_new0 (WaSearchResult, 1);
  WaWard *ward = place->ward_index >= 0 ? wa_atlas_get_ward (self->atlas, place->ward_index) : NULL;
  g_autofree char *where = NULL;

  /* The council as the rest of the app names it; OS Open Names' own
   * district form ("City of Kingston upon Hull") only without a ward. */
  if (ward != NULL && wa_ward_get_lad_name (ward) != NULL)
    where = g_strdup (wa_ward_get_lad_name (ward));
  else if (place->district != NULL && *place->district != '\0')
    where = g_strdup (place->district);

  r->kind = WA_SEARCH_PLACE;
  r->place_kind = place->kind;
  r->title = g_strdup (place->name);
  /* Translators: search result context, e.g. "town in Sefton". */
  r->context = where != NULL ? g_strdup_printf (_("%s in %s"), place_kind_word (place->kind), where)
                             : g_strdup (place_kind_word (place->kind));
  r->ward_index = place->ward_index;
  r->area_index = -1;
  r->has_point = TRUE;
  r->lon = place->lon;
  r->lat = place->lat;
  if (place->extent.max_x > place->extent.min_x && place->extent.max_y > place->extent.min_y)
    {
      r->has_bbox = TRUE;
      r->bbox = place->extent;
    }
  return r;
}

const char *
wa_search_result_kind_label (const WaSearchResult *result)
{
  switch (result->kind)
    {
    case WA_SEARCH_POSTCODE: return _("postcode");
    case WA_SEARCH_POSTCODE_DISTRICT: return _("postcode district");
    case WA_SEARCH_WARD: return _("ward");
    case WA_SEARCH_LAD: return _("local authority");
    case WA_SEARCH_CUSTOM_AREA: return _("your area");
    case WA_SEARCH_PLACE:
    default: return place_kind_word (result->place_kind);
    }
}

static WaSearchResult *
name_result (WaSearch *self, const Candidate *c)
{
  const Entry *e = &g_array_index (self->entries, Entry, c->entry);

  switch ((Target) e->target)
    {
    case TARGET_WARD:
      return ward_result (self, e->item, e->is_code);
    case TARGET_LAD:
      return lad_result (self, e->item - self->n_wards, e->is_code);
    case TARGET_PLACE:
    default:
      return place_result (self, e->item - self->n_wards - self->n_lads);
    }
}

/* ---- postcodes ---------------------------------------------------------- */

static WaSearchResult *
postcode_result (WaSearch *self, const WaPostcodeHit *hit)
{
  WaSearchResult *r = g_new0 (WaSearchResult, 1);
  WaWard *ward = hit->ward_index >= 0 ? wa_atlas_get_ward (self->atlas, hit->ward_index) : NULL;

  r->kind = WA_SEARCH_POSTCODE;
  r->title = g_strdup (hit->postcode);
  r->code = wa_postcode_normalise (hit->postcode);
  if (ward != NULL)
    {
      g_autofree char *where = ward_place_words (self, ward);

      /* Translators: search result context, e.g. "postcode in St James's, Westminster". */
      r->context = g_strdup_printf (_("postcode in %s"), where);
    }
  else
    r->context = g_strdup (_("postcode outside this edition's wards"));
  r->ward_index = hit->ward_index;
  r->area_index = -1;
  r->has_point = TRUE;
  r->lon = hit->lon;
  r->lat = hit->lat;
  return r;
}

static gboolean
has_digit (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      return TRUE;
  return FALSE;
}

/* No count or extent: aggregating a big district's postcodes takes longer
 * than a keystroke may; wa_atlas_get_postcode_district gives both when the
 * result is chosen. */
static WaSearchResult *
district_result (const char *outward)
{
  WaSearchResult *r = g_new0 (WaSearchResult, 1);

  r->kind = WA_SEARCH_POSTCODE_DISTRICT;
  r->title = g_strdup (outward);
  r->code = g_strdup (outward);
  r->context = g_strdup (_("postcode district"));
  r->ward_index = -1;
  r->area_index = -1;
  return r;
}

/* Text with a space ("M1 1", "sw1a ") names its outward code; without one
 * ("M11") it may be a whole outward code or the start of a longer one. */
/* A whole postcode goes through the checked lookup (row check value, and a
 * "not found" confirmed without the index): on a damaged pack the search
 * reports it rather than show no result or a wrong ward. */
static GPtrArray *
find_whole_postcode (WaSearch *self, const char *key, GError **error)
{
  GPtrArray *hits = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_postcode_hit_free);
  g_autoptr(GError) local = NULL;
  WaPostcodeHit *hit = wa_atlas_lookup_postcode (self->atlas, key, &local);

  if (hit != NULL)
    g_ptr_array_add (hits, hit);
  else if (g_error_matches (local, WA_ERROR, WA_ERROR_DAMAGED))
    g_propagate_error (error, g_steal_pointer (&local));
  return hits;
}

static void
add_postcodes (WaSearch *self, const char *text, guint limit, GPtrArray *results, GError **error)
{
  g_autofree char *prefix = wa_postcode_normalise_prefix (text);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autoptr(GPtrArray) hits = NULL;
  const char *space = strchr (trimmed, ' ');
  g_autofree char *outward = NULL;
  g_autofree char *head = NULL;
  g_autofree char *inward = NULL;

  /* Without a digit "SW" or "BATH" is a name, not a postcode area. */
  if (prefix == NULL || !has_digit (prefix))
    return;
  if (wa_postcode_is_valid (prefix))
    hits = find_whole_postcode (self, prefix, error);
  else
    {
      head = space != NULL ? g_strndup (trimmed, space - trimmed) : NULL;
      outward = space != NULL ? wa_postcode_normalise_prefix (head) : g_strdup (prefix);
      inward = space != NULL ? g_strchug (g_strdup (space)) : NULL;
      hits = outward != NULL ? wa_atlas_list_district_postcodes (self->atlas, outward, inward, limit) : NULL;
      if (hits != NULL && hits->len > 0 && (inward == NULL || *inward == '\0'))
        g_ptr_array_add (results, district_result (outward));
      else if ((hits == NULL || hits->len == 0) && space == NULL)
        {
          g_clear_pointer (&hits, g_ptr_array_unref);
          hits = wa_atlas_search_postcodes (self->atlas, prefix, limit);
        }
    }
  for (guint i = 0; hits != NULL && i < hits->len && results->len < limit; i++)
    g_ptr_array_add (results, postcode_result (self, g_ptr_array_index (hits, i)));
}

GPtrArray *
wa_search_query (WaSearch   *self,
                 const char *text,
                 guint       limit)
{
  GPtrArray *results = wa_search_query_checked (self, text, limit, NULL);

  return results != NULL ? results
                         : g_ptr_array_new_with_free_func ((GDestroyNotify) wa_search_result_free);
}

GPtrArray *
wa_search_query_checked (WaSearch    *self,
                         const char  *text,
                         guint        limit,
                         GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_search_result_free);
  g_autofree char *key = NULL;
  g_autoptr(GArray) top = NULL;
  GError *damage = NULL;

  g_return_val_if_fail (WA_IS_SEARCH (self), g_steal_pointer (&results));

  if (text == NULL || limit == 0 || self->atlas == NULL)
    return g_steal_pointer (&results);
  add_postcodes (self, text, limit, results, &damage);
  if (damage != NULL)
    {
      g_propagate_error (error, damage);
      return NULL;
    }
  key = wa_search_fold (text);
  if (*key == '\0' || results->len >= limit)
    return g_steal_pointer (&results);
  top = match_names (self, key, limit - results->len);
  for (guint i = 0; i < top->len; i++)
    g_ptr_array_add (results, name_result (self, &g_array_index (top, Candidate, i)));
  return g_steal_pointer (&results);
}
