// Pango through its FreeType/fontconfig backend, for font-coverage questions libvips' text
// operation does not answer. Only what Swift cannot call directly lives here.
#ifndef MARQUEE_CPANGO_SHIM_H
#define MARQUEE_CPANGO_SHIM_H
#include <pango/pangoft2.h>
static inline void mq_pango_unref(void *p) { if (p) g_object_unref(p); }
#endif
