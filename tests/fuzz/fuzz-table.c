/* fuzz-table.c: indicator and lookup tables (CSV, TSV, headerless CSV) as
 * the pack builder reads them: GDAL's CSV driver with every field as text,
 * then our strict number, rank and code readers on every field.
 * The first input byte picks the format. */
#include "ward-atlas-core.h"
#include "wa-gdal-util.h"
#include "fuzz-util.h"

#include <math.h>

static const char *const formats[] = { "csv", "tsv", "csv-noheader" };

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  const char *format, *path;
  GDALDatasetH dataset;
  OGRLayerH layer;
  OGRFeatureH feature;

  if (size == 0)
    return 0;
  format = formats[data[0] % G_N_ELEMENTS (formats)];
  path = fuzz_write_file (".csv", data + 1, size - 1);
  wa_gdal_init ();
  dataset = wa_gdal_open_table (path, format, &error);
  if (dataset == NULL)
    {
      fuzz_check_message (error);
      return 0;
    }
  layer = wa_gdal_get_layer (dataset, path, NULL, &error);
  if (layer == NULL)
    fuzz_check_message (error);
  else
    {
      int n_fields = OGR_FD_GetFieldCount (OGR_L_GetLayerDefn (layer));

      if (wa_gdal_field_index (layer, path, "field1", &error) < 0)
        fuzz_check_message (error);
      while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
        {
          for (int i = 0; i < n_fields; i++)
            {
              double value;
              gint64 integer;
              const char *text = wa_gdal_field_string (feature, i);

              if (wa_gdal_field_double (feature, i, &value))
                g_assert (text != NULL && isfinite (value));
              if (wa_gdal_field_int64 (feature, i, &integer))
                g_assert (text != NULL);
            }
          OGR_F_Destroy (feature);
        }
    }
  GDALClose (dataset);
  return 0;
}
