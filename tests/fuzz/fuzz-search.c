/* fuzz-search.c: the search box (app/core/wa-search.h): any text a person
 * types or pastes, over a small pack built once from the unit tests'
 * fixture sources. Results must be well-formed and bounded. Also the
 * assets importer's name folding, which sees names from any dataset. */
#include "wa-test-fixtures.h"
#include "wa-search.h"
#include "fuzz-util.h"

static WaAtlas *atlas;
static WaSearch *search;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  WaTestSources sources = { 0 };
  g_autoptr(GError) error = NULL;

  wa_test_sources_init (&sources);
  if (!wa_test_sources_build (&sources, TRUE, &error)
      || (atlas = wa_atlas_open (sources.output, &error)) == NULL)
    g_error ("fuzz-search: cannot build the fixture pack: %s", error->message);
  search = wa_search_new (atlas);
  /* The atlas keeps the pack open; the folder may go. */
  wa_test_sources_clear (&sources);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *folded = wa_search_fold (text);
  g_autoptr(GPtrArray) results = wa_search_query (search, text, 8);
  /* The assets importer's name key for merging duplicates folds names too. */
  g_autofree char *key = wa_asset_name_key (text);

  g_assert (folded != NULL && g_utf8_validate (folded, -1, NULL));
  g_assert (key == NULL || g_utf8_validate (key, -1, NULL));
  g_assert (results->len <= 8);
  for (guint i = 0; i < results->len; i++)
    {
      const WaSearchResult *result = g_ptr_array_index (results, i);

      g_assert (result->title != NULL && g_utf8_validate (result->title, -1, NULL));
      g_assert (result->ward_index < (int) wa_atlas_get_n_wards (atlas));
      g_assert (wa_search_result_kind_label (result) != NULL);
    }
  return 0;
}
