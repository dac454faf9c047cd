/* render-test-util.c: see render-test-util.h. */
#include <glib.h>

#include "render-test-util.h"

double
wa_render_test_fraction_differing (cairo_surface_t *a, cairo_surface_t *b, int step)
{
  int size = cairo_image_surface_get_width (a), stride = cairo_image_surface_get_stride (a);
  const guint8 *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);
  guint n = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, size);
  g_assert_cmpint (cairo_image_surface_get_stride (b), ==, stride);
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      for (int c = 0; c < 3; c++)
        if (ABS (pa[y * stride + 4 * x + c] - pb[y * stride + 4 * x + c]) > step)
          {
            n++;
            break;
          }
  return n / (double) (size * size);
}

double
wa_render_test_mean_difference (cairo_surface_t *a, cairo_surface_t *b)
{
  int size = cairo_image_surface_get_width (a), stride = cairo_image_surface_get_stride (a);
  const guint8 *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);
  guint64 sum = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, size);
  g_assert_cmpint (cairo_image_surface_get_stride (b), ==, stride);
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      for (int c = 0; c < 3; c++)
        sum += ABS (pa[y * stride + 4 * x + c] - pb[y * stride + 4 * x + c]);
  return sum / (3.0 * size * size);
}
