// Tesseract's C API (capi.h), and the one libgomp call Marquee makes: Debian's Tesseract runs its LSTM
// loops on GCC's OpenMP, whose header (omp.h) lives in GCC's private include folder, so the two
// functions are declared here, as omp.h declares them.
#ifndef MARQUEE_CTESSERACT_SHIM_H
#define MARQUEE_CTESSERACT_SHIM_H
#include <tesseract/capi.h>
int omp_get_max_active_levels(void);
void omp_set_max_active_levels(int max_levels);
#endif
