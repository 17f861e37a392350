//===- runtime/kernels/conv3x3_f32.cpp - 3x3 convolution, Winograd --------===//
//
// nnc_uk_conv3x3_f32 computes a 3x3 convolution (stride 1, any dilation) by
// Winograd's F(4x4, 3x3) (winograd_f43.h): 36 multiplications per 4x4
// output tile and channel pair instead of 144. Over C input and F output
// channels and T tiles it runs
//
//   U[36][F][C] = G g Gt   every filter (a Halide pipeline);
//   V[36][C][T] = Bt d B   every 6x6 input window (a Halide pipeline);
//   M[ab] = U[ab] * V[ab]  36 products, F x T x C (a Halide pipeline);
//   y = At M A             every tile's 4x4 pixels (a Halide pipeline).
//
// V and M are 36 / 16 times the input and the output: computed whole, they
// would go to memory and back. The tiles are cut into chunks (whole images,
// or runs of an image's tile rows) whose V and M fit half of a core's L2
// cache, and each thread of the pool runs its share of the chunks from the
// input transform to the output. Tiles run along the rows of each image,
// so the transforms are vectors of consecutive tiles. An output whose sides
// are not multiples of 4, and a dilated convolution, are computed on a copy
// of the input laid out as a mosaic of its phases (see Mosaic; zeros past
// its edge) into a mosaic of the output's, whose pixels are then copied
// out: a dilation d makes d x d dense convolutions of every d-th pixel.
//
//===----------------------------------------------------------------------===//

#include "nnc/kernels.h"

#include "HalideRuntime.h"
#include "halide_view.h"
#include "kernel_isa.h"
#include "nnc_halide_winograd_filter_f32_avx2.h"
#include "nnc_halide_winograd_filter_f32_avx512.h"
#include "nnc_halide_winograd_input_f32_avx2.h"
#include "nnc_halide_winograd_input_f32_avx512.h"
#include "nnc_halide_winograd_output_f32_avx2.h"
#include "nnc_halide_winograd_output_f32_avx512.h"
#include "nnc_halide_winograd_products_f32_avx2.h"
#include "nnc_halide_winograd_products_f32_avx512.h"
#include "pool_threads.h"
#include "winograd_f43.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

using namespace nnc::kernels::winograd;
using nnc::kernels::HalideView;

constexpr int64_t kProducts = kWindow * kWindow;
constexpr int64_t kFilterTaps = kFilter * kFilter;

/// Bytes of transformed windows and products (V and M) a chunk of tiles
/// takes at most, unless one tile row takes more: half of a core's L2
/// cache (1 MiB here).
constexpr int64_t kChunkBytes = int64_t(512) << 10;

/// Floats from one of the 36 matrices of V (or M) to the next: `elements`
/// rounded up to an odd number of 64-byte cache lines. The transforms write
/// (input) and read (output) the 36 matrices together, one element of each
/// per tile; 36 streams a multiple of 4 KiB apart (32 channels of 32 tiles)
/// would all fall in one set of the L1 cache, which holds 8.
int64_t planeStride(int64_t elements) {
  constexpr int64_t kLine = 16;
  const int64_t lines = (elements + kLine - 1) / kLine;
  return (lines | 1) * kLine;
}

/// The call's extents, which a failure names.
struct Shape {
  int64_t batch, channels, features, height, width;
};

/// Prints why the kernel cannot run and aborts (the contract of
/// nnc/kernels.h: generated code has no error channel).
[[noreturn]] void fail(const Shape &s, const char *why) {
  std::fprintf(
      stderr,
      "nnc: nnc_uk_conv3x3_f32(n=%lld, c=%lld, f=%lld, %lldx%lld): "
      "%s\n",
      static_cast<long long>(s.batch), static_cast<long long>(s.channels),
      static_cast<long long>(s.features), static_cast<long long>(s.height),
      static_cast<long long>(s.width), why);
  std::abort();
}

/// Floats from the runtime's allocator (which keeps large buffers for the
/// next call), freed when it goes out of scope.
class Scratch {
public:
  Scratch(const Shape &shape, int64_t elements, const char *what)
      : data(static_cast<float *>(_mlir_memref_to_llvm_alloc(
            static_cast<uint64_t>(elements) * sizeof(float)))) {
    if (!data)
      fail(shape, what);
  }
  ~Scratch() { _mlir_memref_to_llvm_free(data); }
  Scratch(const Scratch &) = delete;
  Scratch &operator=(const Scratch &) = delete;
  float *get() const { return data; }

private:
  float *data;
};

using Transform = int (*)(halide_buffer_t *, halide_buffer_t *);
using Products = int (*)(halide_buffer_t *, halide_buffer_t *,
                         halide_buffer_t *);

/// The pipelines of one instruction set.
struct Transforms {
  Transform filter, input;
  Products products;
  int (*output)(halide_buffer_t *, int, halide_buffer_t *);
};

/// The transforms of the chosen instruction set (kernel_isa.h).
const Transforms &transforms() {
  static constexpr Transforms kAvx512{nnc_halide_winograd_filter_f32_avx512,
                                      nnc_halide_winograd_input_f32_avx512,
                                      nnc_halide_winograd_products_f32_avx512,
                                      nnc_halide_winograd_output_f32_avx512};
  static constexpr Transforms kAvx2{nnc_halide_winograd_filter_f32_avx2,
                                    nnc_halide_winograd_input_f32_avx2,
                                    nnc_halide_winograd_products_f32_avx2,
                                    nnc_halide_winograd_output_f32_avx2};
  return nnc::kernels::kernelIsa() == nnc::kernels::Isa::Avx512 ? kAvx512
                                                                : kAvx2;
}

/// A convolution whose input x (padded) and output y hold whole tiles, cut
/// into chunks: `chunkImages` whole images each, or where one image's
/// transforms are too large, `chunkRows` tile rows of one image each. u
/// holds the transformed filters.
struct Convolution {
  Shape shape;
  const float *x, *u;
  float *y;
  int64_t xsn, xsc, xsh, ysn, ysf, ysh;
  int64_t tileRows, tileCols, chunkImages, chunkRows, chunksPerImage, chunks,
      tasks;
};

/// Chunk `chunk` of `conv`: its windows' transforms into `v`, their
/// products with the filters into `m`, and its tiles of the output.
bool convolveChunk(const Convolution &conv, int64_t chunk, float *v, float *m) {
  const Shape &s = conv.shape;
  const int64_t image = chunk / conv.chunksPerImage * conv.chunkImages;
  const int64_t images = std::min(conv.chunkImages, s.batch - image);
  const int64_t firstRow = chunk % conv.chunksPerImage * conv.chunkRows;
  const int64_t rows = std::min(conv.chunkRows, conv.tileRows - firstRow);
  const int64_t imageTiles = rows * conv.tileCols;
  const int64_t tiles = images * imageTiles;
  HalideView<4> input(
      conv.x + image * conv.xsn + firstRow * kTile * conv.xsh,
      {conv.tileCols * kTile + 2, rows * kTile + 2, s.channels, images},
      {1, conv.xsh, conv.xsc, conv.xsn});
  const int64_t vPlane = planeStride(s.channels * tiles);
  const int64_t mPlane = planeStride(s.features * tiles);
  HalideView<6> windows(
      v, {conv.tileCols, rows, images, s.channels, kWindow, kWindow},
      {1, conv.tileCols, imageTiles, tiles, vPlane, kWindow * vPlane});
  if (transforms().input(&input.buffer, &windows.buffer) != 0)
    return false;
  HalideView<3> filters(conv.u, {s.channels, s.features, kProducts},
                        {1, s.channels, s.features * s.channels});
  HalideView<3> factors(v, {tiles, s.channels, kProducts}, {1, tiles, vPlane});
  HalideView<3> products(m, {tiles, s.features, kProducts}, {1, tiles, mPlane});
  if (transforms().products(&filters.buffer, &factors.buffer,
                            &products.buffer) != 0)
    return false;
  HalideView<5> sums(m, {imageTiles, images, s.features, kWindow, kWindow},
                     {1, imageTiles, tiles, mPlane, kWindow * mPlane});
  HalideView<4> output(
      conv.y + image * conv.ysn + firstRow * kTile * conv.ysh,
      {conv.tileCols * kTile, rows * kTile, s.features, images},
      {1, conv.ysh, conv.ysf, conv.ysn});
  return transforms().output(&sums.buffer, static_cast<int>(conv.tileCols),
                             &output.buffer) == 0;
}

/// Task `task` of a Convolution: its contiguous share of the chunks, with
/// scratch for one chunk's V and M; 1 when a pipeline fails (the pool
/// returns it).
int convolveTask(void *, int task, uint8_t *closure) {
  const auto &conv = *reinterpret_cast<const Convolution *>(closure);
  const Shape &s = conv.shape;
  const int64_t tiles = conv.chunkImages * conv.chunkRows * conv.tileCols;
  Scratch v(s, kProducts * planeStride(s.channels * tiles),
            "out of memory for V");
  Scratch m(s, kProducts * planeStride(s.features * tiles),
            "out of memory for M");
  for (int64_t chunk = conv.chunks * task / conv.tasks;
       chunk < conv.chunks * (task + 1) / conv.tasks; ++chunk)
    if (!convolveChunk(conv, chunk, v.get(), m.get()))
      return 1;
  return 0;
}

/// Where the d_h x d_w phases of a dilated convolution (output pixels
/// (r + d_h i, s + d_w j) for each phase (r, s)) lie in one dense image,
/// the mosaic: each phase is a dense 3x3 convolution of the input's pixels
/// (r + d_h u, s + d_w v), with phaseRows x phaseCols tiles, and its block
/// of tiles starts one tile past the previous phase's, so that no window
/// reads another phase (the tiles between are computed and dropped). An
/// undilated convolution is one phase, whole tiles of its output.
struct Mosaic {
  int64_t dh, dw, phaseRows, phaseCols;
  int64_t tileRows() const { return dh * (phaseRows + 1) - 1; }
  int64_t tileCols() const { return dw * (phaseCols + 1) - 1; }
  int64_t inputH() const { return tileRows() * kTile + 2; }
  int64_t inputW() const { return tileCols() * kTile + 2; }
};

/// Copies between planes of a strided tensor and planes of the mosaic, one
/// plane (an image's channel) per iteration: `toMosaic` places the input's
/// phases (inputs past the edge read as zeros), else the output's pixels
/// are taken from their phases.
struct MosaicCopy {
  const Mosaic *mosaic;
  bool toMosaic;
  const float *src;
  float *dst;
  int64_t channels, planeStride, imageStride, rowStride, height, width;
  int64_t tasks, planes;
};

int copyMosaicTask(void *, int task, uint8_t *closure) {
  const auto &copy = *reinterpret_cast<const MosaicCopy *>(closure);
  const Mosaic &m = *copy.mosaic;
  const int64_t mosaicW = copy.toMosaic ? m.inputW() : m.tileCols() * kTile;
  const int64_t mosaicH = copy.toMosaic ? m.inputH() : m.tileRows() * kTile;
  const int64_t blockH = m.phaseRows * kTile + (copy.toMosaic ? 2 : 0);
  const int64_t blockW = m.phaseCols * kTile + (copy.toMosaic ? 2 : 0);
  for (int64_t plane = copy.planes * task / copy.tasks;
       plane < copy.planes * (task + 1) / copy.tasks; ++plane) {
    const int64_t image = plane / copy.channels,
                  channel = plane % copy.channels;
    const int64_t tensorPlane =
        image * copy.imageStride + channel * copy.planeStride;
    const int64_t mosaicPlane = plane * mosaicH * mosaicW;
    if (copy.toMosaic)
      std::memset(copy.dst + mosaicPlane, 0,
                  static_cast<size_t>(mosaicH * mosaicW) * sizeof(float));
    for (int64_t r = 0; r < m.dh; ++r)
      for (int64_t u = 0; u < blockH && r + m.dh * u < copy.height; ++u) {
        const int64_t tensorRow = tensorPlane + (r + m.dh * u) * copy.rowStride;
        const int64_t mosaicRow =
            mosaicPlane + (r * (m.phaseRows + 1) * kTile + u) * mosaicW;
        for (int64_t s = 0; s < m.dw; ++s) {
          const int64_t first = mosaicRow + s * (m.phaseCols + 1) * kTile;
          const int64_t count =
              std::min(blockW, (copy.width - s + m.dw - 1) / m.dw);
          if (copy.toMosaic)
            for (int64_t v = 0; v < count; ++v)
              copy.dst[first + v] = copy.src[tensorRow + s + m.dw * v];
          else
            for (int64_t v = 0; v < count; ++v)
              copy.dst[tensorRow + s + m.dw * v] = copy.src[first + v];
        }
      }
  }
  return 0;
}

/// Runs `copy` over its planes on the pool; false when the pool fails.
bool copyMosaic(MosaicCopy &copy) {
  copy.tasks = std::min(copy.planes, nnc::kernels::availableThreads());
  return halide_do_par_for(nullptr, copyMosaicTask, 0,
                           static_cast<int>(copy.tasks),
                           reinterpret_cast<uint8_t *>(&copy)) == 0;
}

} // namespace

extern "C" void nnc_uk_conv3x3_f32(const float *x, const float *w, float *y,
                                   int64_t n, int64_t c, int64_t f, int64_t oh,
                                   int64_t ow, int64_t dh, int64_t dw,
                                   int64_t xsn, int64_t xsc, int64_t xsh,
                                   int64_t ysn, int64_t ysf, int64_t ysh) {
  const Shape shape{n, c, f, oh, ow};
  if (n < 0 || c < 0 || f < 0 || oh < 0 || ow < 0)
    fail(shape, "negative extent");
  if (dh < 1 || dw < 1)
    fail(shape, "a dilation below 1");
  if (n == 0 || f == 0 || oh == 0 || ow == 0)
    return;
  if (c == 0) {
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < f; ++j)
        for (int64_t r = 0; r < oh; ++r)
          std::memset(y + i * ysn + j * ysf + r * ysh, 0,
                      static_cast<size_t>(ow) * sizeof(float));
    return;
  }
  const Mosaic mosaic{dh, dw, ((oh + dh - 1) / dh + kTile - 1) / kTile,
                      ((ow + dw - 1) / dw + kTile - 1) / kTile};
  const int64_t tileRows = mosaic.tileRows(), tileCols = mosaic.tileCols();
  const int64_t outH = tileRows * kTile, outW = tileCols * kTile;
  const int64_t imageTransform =
      kProducts * planeStride(std::max(c, f) * tileCols * tileRows);
  if (std::max({n * c * mosaic.inputH() * mosaic.inputW(), n * f * outH * outW,
                kProducts * f * c, imageTransform}) > INT32_MAX)
    fail(shape, "an operand or its transform has more than INT32_MAX "
                "elements");

  // Whole tiles of an undilated convolution run on the operands; a ragged
  // edge or a dilation on a copy of the input as a mosaic of its phases
  // (zeros past its edge), into a mosaic of the output's.
  const bool direct = dh == 1 && dw == 1 && outH == oh && outW == ow;
  Scratch inputMosaic(shape,
                      direct ? 1 : n * c * mosaic.inputH() * mosaic.inputW(),
                      "out of memory for the input's mosaic");
  Scratch outputMosaic(shape, direct ? 1 : n * f * outH * outW,
                       "out of memory for the output's mosaic");
  if (!direct) {
    MosaicCopy in{&mosaic, true, x,           inputMosaic.get(), c, xsc,
                  xsn,     xsh,  oh + 2 * dh, ow + 2 * dw,       0, n * c};
    if (!copyMosaic(in))
      fail(shape, "the thread pool reported an error");
  }

  Scratch u(shape, kProducts * f * c, "out of memory for U");
  HalideView<1> filters(w, {kFilterTaps * f * c}, {1});
  HalideView<3> transformed(u.get(), {f * c, kWindow, kWindow},
                            {1, f * c, kWindow * f * c});
  if (transforms().filter(&filters.buffer, &transformed.buffer) != 0)
    fail(shape, "the filter transform reported an error");

  Convolution conv{shape, x,        u.get(),  y, xsn, xsc, xsh, ysn, ysf,
                   ysh,   tileRows, tileCols, 0, 0,   0,   0,   0};
  if (!direct) {
    conv.x = inputMosaic.get();
    conv.xsc = mosaic.inputH() * mosaic.inputW();
    conv.xsn = c * conv.xsc;
    conv.xsh = mosaic.inputW();
    conv.y = outputMosaic.get();
    conv.ysf = outH * outW;
    conv.ysn = f * conv.ysf;
    conv.ysh = outW;
  }
  // Chunks whose V and M fit kChunkBytes (or of one tile row), at least
  // one per thread of the pool: whole images where one fits, else equal
  // runs of an image's tile rows.
  const int64_t threads = nnc::kernels::availableThreads();
  const int64_t rowBytes = kProducts * (c + f) * tileCols * 4;
  const int64_t fittingRows = std::max(kChunkBytes / rowBytes, int64_t(1));
  const int64_t chunkImages =
      std::clamp(fittingRows / tileRows, int64_t(1),
                 std::max((n + threads - 1) / threads, int64_t(1)));
  int64_t chunksPerImage = (tileRows + fittingRows - 1) / fittingRows;
  if (chunkImages == 1 && n < threads)
    chunksPerImage =
        std::max(chunksPerImage, std::min(tileRows, (threads + n - 1) / n));
  conv.chunkImages = chunkImages;
  conv.chunkRows = (tileRows + chunksPerImage - 1) / chunksPerImage;
  conv.chunksPerImage = (tileRows + conv.chunkRows - 1) / conv.chunkRows;
  conv.chunks = (n + chunkImages - 1) / chunkImages * conv.chunksPerImage;
  conv.tasks = std::min(conv.chunks, threads);
  if (halide_do_par_for(nullptr, convolveTask, 0, static_cast<int>(conv.tasks),
                        reinterpret_cast<uint8_t *>(&conv)) != 0)
    fail(shape, "a transform or the thread pool reported an error");
  if (!direct) {
    MosaicCopy out{
        &mosaic, false, outputMosaic.get(), y, f, ysf, ysn, ysh, oh, ow,
        0,       n * f};
    if (!copyMosaic(out))
      fail(shape, "the thread pool reported an error");
  }
}
