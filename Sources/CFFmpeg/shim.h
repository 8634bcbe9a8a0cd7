// Only what Swift cannot call directly: FFmpeg's function-like macros.
#ifndef MARQUEE_CFFMPEG_SHIM_H
#define MARQUEE_CFFMPEG_SHIM_H
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/error.h>
#include <libavutil/opt.h>
#include <libavutil/channel_layout.h>
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>
#include <libavutil/imgutils.h>
#include <libswscale/swscale.h>
#include <libswresample/swresample.h>

static inline int mq_averror(int e) { return AVERROR(e); }
static inline int mq_averror_eof(void) { return AVERROR_EOF; }
static inline int mq_averror_eagain(void) { return AVERROR(EAGAIN); }
/// av_err2str is a macro over a compound literal; this fills a caller buffer instead.
static inline const char *mq_err2str(int err, char *buf, size_t size) {
    av_strerror(err, buf, size);
    return buf;
}
static inline int64_t mq_nopts(void) { return AV_NOPTS_VALUE; }
#endif
