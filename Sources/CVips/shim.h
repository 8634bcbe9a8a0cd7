// Only what Swift cannot call directly: GType and GObject function-like macros.
#ifndef MARQUEE_CVIPS_SHIM_H
#define MARQUEE_CVIPS_SHIM_H
#include <vips/vips.h>

static inline GType mq_type_int(void) { return G_TYPE_INT; }
static inline GType mq_type_uint64(void) { return G_TYPE_UINT64; }
static inline GType mq_type_double(void) { return G_TYPE_DOUBLE; }
static inline GType mq_type_boolean(void) { return G_TYPE_BOOLEAN; }
static inline GType mq_type_enum(void) { return G_TYPE_ENUM; }
static inline GType mq_type_flags(void) { return G_TYPE_FLAGS; }
static inline GType mq_type_image(void) { return VIPS_TYPE_IMAGE; }
static inline GType mq_type_array_double(void) { return VIPS_TYPE_ARRAY_DOUBLE; }
static inline GType mq_type_array_int(void) { return VIPS_TYPE_ARRAY_INT; }
static inline GType mq_type_blob(void) { return VIPS_TYPE_BLOB; }

static inline GType mq_fundamental(GType t) { return G_TYPE_FUNDAMENTAL(t); }
static inline gboolean mq_is_a(GType t, GType of) { return g_type_is_a(t, of); }
static inline GType mq_pspec_value_type(GParamSpec *p) { return G_PARAM_SPEC_VALUE_TYPE(p); }
static inline GObject *mq_object(void *p) { return G_OBJECT(p); }
static inline VipsObject *mq_vips_object(void *p) { return VIPS_OBJECT(p); }
static inline VipsImage *mq_vips_image(void *p) { return VIPS_IMAGE(p); }
static inline void mq_unref(void *p) { if (p) g_object_unref(p); }
static inline void mq_ref(void *p) { if (p) g_object_ref(p); }
static inline void mq_blob_unref(VipsBlob *b) { vips_area_unref(VIPS_AREA(b)); }
#endif
