#!/usr/bin/env bash
# Builds the libvips this machine runs (Debian bookworm's 8.14.1, from Debian's own source package)
# with its symbols, for profiling only: Debian's libvips42 is stripped and the debian-debug archive is
# not reachable from here, so `perf` shows libvips' own functions as addresses. The product never links
# this build. Usage:
#   scripts/libvips-symbols.sh            # builds into $VIPS_SYMBOLS (default /tmp/marquee-vips-symbols)
#   LD_LIBRARY_PATH=$(scripts/libvips-symbols.sh --libdir) perf record -g .build/release/marquee covers compose ...
# Session 20 checked that covers composed against this build are byte-identical to Debian's.
set -euo pipefail
PREFIX=${VIPS_SYMBOLS:-/tmp/marquee-vips-symbols}
LIBDIR="$PREFIX/lib/$(gcc -dumpmachine)"
if [ "${1:-}" = "--libdir" ]; then echo "$LIBDIR"; exit 0; fi
[ -f "$LIBDIR/libvips.so.42" ] && { echo "already built: $LIBDIR"; exit 0; }
POOL=http://deb.debian.org/debian/pool/main/v/vips
ORIG=vips_8.14.1.orig.tar.gz; SHA=a4a6b282216f7522b42ebb5cd64cfd82a0d1a632033e9c0502f021e945fed641
DEBIAN=vips_8.14.1-3+deb12u3.debian.tar.xz
WORK="$PREFIX/src"; mkdir -p "$WORK"; cd "$WORK"
[ -f "$ORIG" ] || curl -fsSL -o "$ORIG" "$POOL/$ORIG"
echo "$SHA  $ORIG" | sha256sum -c --quiet
[ -f "$DEBIAN" ] || curl -fsSL -o "$DEBIAN" "$POOL/${DEBIAN/+/%2B}"
rm -rf libvips-8.14.1 && tar xzf "$ORIG" && tar xJf "$DEBIAN" -C libvips-8.14.1
cd libvips-8.14.1
# Debian's patches (security fixes of the running version), in their order.
if [ -f debian/patches/series ]; then
  grep -v '^#' debian/patches/series | while read -r p; do [ -n "$p" ] && patch -p1 -s < "debian/patches/$p"; done
fi
python3 -m venv "$PREFIX/venv" && "$PREFIX/venv/bin/pip" install --quiet meson ninja
export PATH="$PREFIX/venv/bin:$PATH"
meson setup build --prefix="$PREFIX" --buildtype=release -Ddebug=true -Dmodules=disabled -Dintrospection=false \
  -Dcplusplus=false -Dmagick=disabled -Dpoppler=disabled -Dopenslide=disabled -Dheif=disabled -Djpeg-xl=disabled \
  -Dpdfium=disabled >/dev/null
ninja -C build install >/dev/null
echo "built: $LIBDIR (use it with LD_LIBRARY_PATH=$LIBDIR)"
