//===- runtime/kernels/matmul_f32.cpp - C entry of the f32 GEMM kernel ----===//
//
// nnc_uk_matmul_f32 and nnc_uk_matmul_nt_f32 describe their raw pointers as
// Halide buffers and call the pipelines that matmul_f32_generator.cpp
// compiled for the host: the cache-blocked one for products large enough to
// fill its tasks, the others for the rest (with B transposed, the
// dot-product variant; a large product transposes Bt once into a scratch B
// and runs the blocked one). All run on Halide's thread pool
// (HL_NUM_THREADS threads, by default one per core).
//
//===----------------------------------------------------------------------===//

#include "nnc/kernels.h"

#include "HalideRuntime.h"
#include "nnc_halide_matmul_f32_blocked.h"
#include "nnc_halide_matmul_f32_nt.h"
#include "nnc_halide_matmul_f32_small.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

namespace {

/// Columns of C the blocked variant needs at least: one panel on every
/// target (3 vectors: 48 columns with AVX-512, 24 with AVX2).
constexpr int64_t kBlockedMinColumns = 48;

/// Prints why the kernel cannot run and aborts: generated code has no error
/// channel, and a failure here means the compiler broke the kernel contract.
[[noreturn]] void fail(const char *entry, const char *why, int64_t m, int64_t n,
                       int64_t k) {
  std::fprintf(stderr, "nnc: %s(m=%lld, n=%lld, k=%lld): %s\n", entry,
               static_cast<long long>(m), static_cast<long long>(n),
               static_cast<long long>(k), why);
  std::abort();
}

/// Checks the extents of a call of `entry`; true when there is something to
/// compute (else C is already what it must be: empty, or zeros when K = 0).
bool checkExtents(const char *entry, float *c, int64_t m, int64_t n,
                  int64_t k) {
  if (m < 0 || n < 0 || k < 0)
    fail(entry, "negative extent", m, n, k);
  if (m > INT32_MAX || n > INT32_MAX || k > INT32_MAX)
    fail(entry, "extent above INT32_MAX", m, n, k);
  if (m == 0 || n == 0)
    return false;
  if (k == 0) {
    std::memset(
        c, 0, static_cast<size_t>(m) * static_cast<size_t>(n) * sizeof(float));
    return false;
  }
  return true;
}

/// Whether an m x n product is large enough for the blocked variant.
bool useBlocked(int64_t m, int64_t n) {
  return m >= NNC_MATMUL_BLOCK_ROWS && n >= kBlockedMinColumns;
}

/// B[K,N] = Bt[N,K]^T, in 32 x 32 blocks so that both sides stay in cache.
void transposeInto(float *b, const float *bt, int64_t n, int64_t k) {
  constexpr int64_t kBlock = 32;
  for (int64_t j0 = 0; j0 < n; j0 += kBlock)
    for (int64_t i0 = 0; i0 < k; i0 += kBlock)
      for (int64_t j = j0; j < std::min(n, j0 + kBlock); ++j)
        for (int64_t i = i0; i < std::min(k, i0 + kBlock); ++i)
          b[i * n + j] = bt[j * k + i];
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
  const char *entry = "nnc_uk_matmul_f32";
  if (!checkExtents(entry, c, m, n, k))
    return;
  MatrixBuffer bufferA(a, m, k);
  MatrixBuffer bufferB(b, k, n);
  MatrixBuffer bufferC(c, m, n);
  const int status =
      useBlocked(m, n)
          ? nnc_halide_matmul_f32_blocked(&bufferA.buffer, &bufferB.buffer,
                                          &bufferC.buffer)
          : nnc_halide_matmul_f32_small(&bufferA.buffer, &bufferB.buffer,
                                        &bufferC.buffer);
  if (status != 0)
    fail(entry, "the Halide pipeline reported an error", m, n, k);
}

extern "C" void nnc_uk_matmul_nt_f32(const float *a, const float *bt, float *c,
                                     int64_t m, int64_t n, int64_t k) {
  const char *entry = "nnc_uk_matmul_nt_f32";
  if (!checkExtents(entry, c, m, n, k))
    return;
  MatrixBuffer bufferA(a, m, k);
  MatrixBuffer bufferC(c, m, n);
  int status;
  if (useBlocked(m, n)) {
    // Transposing costs K * N moves against M * N * K multiply-adds.
    std::unique_ptr<float[]> b(
        new (std::nothrow) float[static_cast<size_t>(k) * n]);
    if (!b)
      fail(entry, "out of memory for the transposed B", m, n, k);
    transposeInto(b.get(), bt, n, k);
    MatrixBuffer bufferB(b.get(), k, n);
    status = nnc_halide_matmul_f32_blocked(&bufferA.buffer, &bufferB.buffer,
                                           &bufferC.buffer);
  } else {
    MatrixBuffer bufferBt(bt, n, k);
    status = nnc_halide_matmul_f32_nt(&bufferA.buffer, &bufferBt.buffer,
                                      &bufferC.buffer);
  }
  if (status != 0)
    fail(entry, "the Halide pipeline reported an error", m, n, k);
}
