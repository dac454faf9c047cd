/* wa-colour.c: deficiency simulation and CIEDE2000 (Sharma, Wu and Dalal
 * 2005, whose test pairs the unit test uses). */
#include <math.h>

#include "wa-colour.h"

/* Machado et al. (2009), severity 1.0, rows applied to linear RGB. */
static const double machado[WA_N_VISIONS][3][3] = {
  { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
  { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 },
    { -0.003882, -0.048116, 1.051998 } },
  { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 },
    { -0.011820, 0.042940, 0.968881 } },
  { { 1.255528, -0.076749, -0.178779 }, { -0.078411, 0.930809, 0.147602 },
    { 0.004733, 0.691367, 0.303900 } },
};

static double
to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
to_srgb (double c)
{
  c = CLAMP (c, 0.0, 1.0);
  return c <= 0.0031308 ? 12.92 * c : 1.055 * pow (c, 1 / 2.4) - 0.055;
}

void
wa_colour_simulate (WaVision vision, const WaRgb *in, WaRgb *out)
{
  double l[3] = { to_linear (in->red), to_linear (in->green), to_linear (in->blue) }, o[3];

  g_return_if_fail (vision < WA_N_VISIONS);
  for (guint i = 0; i < 3; i++)
    o[i] = machado[vision][i][0] * l[0] + machado[vision][i][1] * l[1]
           + machado[vision][i][2] * l[2];
  out->red = to_srgb (o[0]);
  out->green = to_srgb (o[1]);
  out->blue = to_srgb (o[2]);
}

static double
lab_f (double t)
{
  return t > 216.0 / 24389 ? cbrt (t) : (24389.0 / 27 * t + 16) / 116;
}

static void
to_lab (const WaRgb *c, double lab[3])
{
  double r = to_linear (c->red), g = to_linear (c->green), b = to_linear (c->blue);
  double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
  double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;

  lab[0] = 116 * lab_f (y) - 16;
  lab[1] = 500 * (lab_f (x) - lab_f (y));
  lab[2] = 200 * (lab_f (y) - lab_f (z));
}

#define RAD(d) ((d) * G_PI / 180)

static double
hue (double b, double a)
{
  double h = atan2 (b, a) * 180 / G_PI;

  return a == 0 && b == 0 ? 0 : h < 0 ? h + 360 : h;
}

/* CIEDE2000 of two CIELAB colours (kL = kC = kH = 1). */
double
wa_colour_delta_e_lab (const double p[3], const double q[3])
{
  double cb = (hypot (p[1], p[2]) + hypot (q[1], q[2])) / 2;
  double g = 0.5 * (1 - sqrt (pow (cb, 7) / (pow (cb, 7) + pow (25, 7))));
  double a1 = (1 + g) * p[1], a2 = (1 + g) * q[1];
  double c1 = hypot (a1, p[2]), c2 = hypot (a2, q[2]);
  double h1 = hue (p[2], a1), h2 = hue (q[2], a2), dh = 0, hb = h1 + h2;
  double dl, dc, dhh, lb, cbp, t, dth, rc, sl, sc, sh, rt;

  if (c1 * c2 != 0)
    {
      dh = h2 - h1;
      dh += dh > 180 ? -360 : dh < -180 ? 360 : 0;
      hb = fabs (h1 - h2) <= 180 ? (h1 + h2) / 2
           : h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
    }
  dl = q[0] - p[0];
  dc = c2 - c1;
  dhh = 2 * sqrt (c1 * c2) * sin (RAD (dh / 2));
  lb = (p[0] + q[0]) / 2;
  cbp = (c1 + c2) / 2;
  t = 1 - 0.17 * cos (RAD (hb - 30)) + 0.24 * cos (RAD (2 * hb)) + 0.32 * cos (RAD (3 * hb + 6))
      - 0.20 * cos (RAD (4 * hb - 63));
  dth = 30 * exp (-pow ((hb - 275) / 25, 2));
  rc = 2 * sqrt (pow (cbp, 7) / (pow (cbp, 7) + pow (25, 7)));
  sl = 1 + 0.015 * pow (lb - 50, 2) / sqrt (20 + pow (lb - 50, 2));
  sc = 1 + 0.045 * cbp;
  sh = 1 + 0.015 * cbp * t;
  rt = -sin (RAD (2 * dth)) * rc;
  return sqrt (pow (dl / sl, 2) + pow (dc / sc, 2) + pow (dhh / sh, 2)
               + rt * (dc / sc) * (dhh / sh));
}

double
wa_colour_delta_e (const WaRgb *a, const WaRgb *b)
{
  double p[3], q[3];

  to_lab (a, p);
  to_lab (b, q);
  return wa_colour_delta_e_lab (p, q);
}

double
wa_colour_luminance (const WaRgb *c)
{
  return 0.2126 * to_linear (c->red) + 0.7152 * to_linear (c->green) + 0.0722 * to_linear (c->blue);
}

double
wa_colour_contrast (const WaRgb *a, const WaRgb *b)
{
  double la = wa_colour_luminance (a), lb = wa_colour_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}
