// Tesseract's C API (capi.h), and the one libgomp call Marquee makes: Debian's Tesseract runs its LSTM
// loops on GCC's OpenMP, whose header (omp.h) lives in GCC's private include folder, so the function
// is declared here, as omp.h declares it.
#ifndef MARQUEE_CTESSERACT_SHIM_H
#define MARQUEE_CTESSERACT_SHIM_H
#include <tesseract/capi.h>
void omp_set_max_active_levels(int max_levels);
#endif
