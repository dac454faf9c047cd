/* render-test-util.h: what the render tests that compare two drawings of
 * the same tile share. */
#pragma once

#include <cairo.h>

/* The fraction of pixels of two same-size image surfaces (RGB24/ARGB32)
 * in which some colour channel differs by more than step (0-255). */
double wa_render_test_fraction_differing (cairo_surface_t *a, cairo_surface_t *b, int step);

/* The mean over pixels and colour channels of the difference between two
 * same-size image surfaces, 0-255. */
double wa_render_test_mean_difference (cairo_surface_t *a, cairo_surface_t *b);

/* A new RGB24 surface k times smaller than the square image surface big,
 * each pixel the mean of the k x k pixels it stands for: a drawing at k
 * times the size, averaged so, is a reference for antialiasing that no
 * way of filling areas one by one biases (wa-raster.h, colour mode). */
cairo_surface_t *wa_render_test_box_average (cairo_surface_t *big, int k);
