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

cairo_surface_t *
wa_render_test_box_average (cairo_surface_t *big, int k)
{
  int big_size = cairo_image_surface_get_width (big), size = big_size / k;
  int big_stride = cairo_image_surface_get_stride (big);
  const guint8 *src = cairo_image_surface_get_data (big);
  cairo_surface_t *small = cairo_image_surface_create (CAIRO_FORMAT_RGB24, size, size);
  int stride = cairo_image_surface_get_stride (small);
  guint8 *dst = cairo_image_surface_get_data (small);

  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      for (int c = 0; c < 4; c++)
        {
          guint sum = 0;

          for (int j = 0; j < k; j++)
            for (int i = 0; i < k; i++)
              sum += src[(y * k + j) * big_stride + 4 * (x * k + i) + c];
          dst[y * stride + 4 * x + c] = (sum + k * k / 2) / (k * k);
        }
  cairo_surface_mark_dirty (small);
  return small;
}
