//===- runtime/kernels/matmul_f32.cpp - C entry of the f32 GEMM kernel ----===//
//
// nnc_uk_matmul_f32 describes its raw pointers as Halide buffers and calls one
// of the pipelines that matmul_f32_generator.cpp compiled for the host: the
// cache-blocked one for products large enough to fill its tasks, the other
// for the rest. Both run on Halide's thread pool (HL_NUM_THREADS threads,
// by default one per core).
//
//===----------------------------------------------------------------------===//

#include "nnc/kernels.h"

#include "HalideRuntime.h"
#include "nnc_halide_matmul_f32_blocked.h"
#include "nnc_halide_matmul_f32_small.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

/// Columns of C the blocked variant needs at least: one panel on every
/// target (3 vectors: 48 columns with AVX-512, 24 with AVX2).
constexpr int64_t kBlockedMinColumns = 48;

/// Prints why the kernel cannot run and aborts: generated code has no error
/// channel, and a failure here means the compiler broke the kernel contract.
[[noreturn]] void fail(const char *why, int64_t m, int64_t n, int64_t k) {
  std::fprintf(stderr,
               "nnc: nnc_uk_matmul_f32(m=%lld, n=%lld, k=%lld): %s\n",
               static_cast<long long>(m), static_cast<long long>(n),
               static_cast<long long>(k), why);
  std::abort();
}

/// A Halide view of a dense row-major rows x cols f32 matrix at `data`.
struct MatrixBuffer {
  halide_dimension_t dims[2];
  halide_buffer_t buffer{};

  MatrixBuffer(const float *data, int64_t rows, int64_t cols) {
    const int32_t rows32 = static_cast<int32_t>(rows);
    const int32_t cols32 = static_cast<int32_t>(cols);
    // Halide lists dimensions innermost first: columns, then rows.
    dims[0] = halide_dimension_t(0, cols32, 1);
    dims[1] = halide_dimension_t(0, rows32, cols32);
    buffer.host = reinterpret_cast<uint8_t *>(const_cast<float *>(data));
    buffer.type = halide_type_t(halide_type_float, 32);
    buffer.dimensions = 2;
    buffer.dim = dims;
  }
};

} // namespace

extern "C" void nnc_uk_matmul_f32(const float *a, const float *b, float *c,
                                  int64_t m, int64_t n, int64_t k) {
  if (m < 0 || n < 0 || k < 0)
    fail("negative extent", m, n, k);
  if (m > INT32_MAX || n > INT32_MAX || k > INT32_MAX)
    fail("extent above INT32_MAX", m, n, k);
  if (m == 0 || n == 0)
    return;
  if (k == 0) {
    std::memset(c, 0, static_cast<size_t>(m) * static_cast<size_t>(n) *
                          sizeof(float));
    return;
  }
  MatrixBuffer bufferA(a, m, k);
  MatrixBuffer bufferB(b, k, n);
  MatrixBuffer bufferC(c, m, n);
  const bool blocked = m >= NNC_MATMUL_BLOCK_ROWS && n >= kBlockedMinColumns;
  const int status =
      blocked ? nnc_halide_matmul_f32_blocked(&bufferA.buffer, &bufferB.buffer,
                                              &bufferC.buffer)
              : nnc_halide_matmul_f32_small(&bufferA.buffer, &bufferB.buffer,
                                            &bufferC.buffer);
  if (status != 0)
    fail("the Halide pipeline reported an error", m, n, k);
}
