/* fuzz-rank-settings.c: the state the app keeps in GSettings and reads back
 * at start (edition, rank method id, threshold and weights: dconf can hold
 * anything a user or an older version wrote) and the rank computation they
 * drive. Input: "edition\0method\0" then three doubles, then ward ranks. */
#include "ward-atlas-core.h"
#include "fuzz-util.h"

#include <string.h>

static const char *
take_string (const uint8_t **data, size_t *size)
{
  const uint8_t *end = memchr (*data, '\0', *size);
  const char *text = (const char *) *data;

  if (end == NULL)
    return NULL;
  *size -= (size_t) (end - *data) + 1;
  *data = end + 1;
  return text;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *edition_id = take_string (&data, &size);
  const char *method_id = edition_id != NULL ? take_string (&data, &size) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree WaRankInput *inputs = NULL;
  g_autofree WaRankResult *results = NULL;
  g_autofree char *words = NULL;
  WaEdition edition = WA_EDITION_2019;
  WaRankParams params;
  gsize n;

  if (method_id == NULL || size < 3 * sizeof (double))
    return 0;
  wa_rank_params_init (&params);
  /* The app falls back to defaults on unknown ids, as here. */
  wa_edition_from_string (edition_id, &edition);
  wa_rank_method_from_id (method_id, &params.method);
  memcpy (&params.threshold_percent, data, sizeof (double));
  memcpy (&params.weight_imd, data + sizeof (double), sizeof (double));
  memcpy (&params.weight_cni, data + 2 * sizeof (double), sizeof (double));
  data += 3 * sizeof (double);
  size -= 3 * sizeof (double);

  if (!wa_rank_params_validate (&params, edition, &error))
    {
      fuzz_check_message (error);
      return 0;
    }
  words = wa_rank_params_describe (&params);
  g_assert (g_utf8_validate (words, -1, NULL));

  /* Each ward: IMD rank, CNI rank, official flag, one byte each, out of 8
   * wards per index (a rank above the count must be refused). */
  n = size / 3;
  inputs = g_new0 (WaRankInput, MAX (n, 1));
  results = g_new0 (WaRankResult, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      inputs[i].imd_rank = data[3 * i] % 10;
      inputs[i].imd_n = 8;
      inputs[i].cni_rank = data[3 * i + 1] % 10;
      inputs[i].cni_n = 8;
      inputs[i].official = (int) (data[3 * i + 2] % 3) - 1;
    }
  if (!wa_rank_method_compute (&params, inputs, n, results, &error))
    {
      fuzz_check_message (error);
      return 0;
    }
  for (gsize i = 0; i < n; i++)
    {
      g_assert (results[i].combined_rank <= n);
      if (params.method != WA_RANK_METHOD_OFFICIAL && (inputs[i].imd_rank == 0 || inputs[i].cni_rank == 0))
        g_assert (results[i].combined_rank == 0 && !results[i].left_behind);
    }
  return 0;
}
