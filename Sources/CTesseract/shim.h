// Tesseract's C API (capi.h). Nothing here needs a shim: the header is plain C; this file only
// gives the module one entry point, like the other bindings.
#ifndef MARQUEE_CTESSERACT_SHIM_H
#define MARQUEE_CTESSERACT_SHIM_H
#include <tesseract/capi.h>
#endif
