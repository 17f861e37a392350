//===- runtime/kernels/matmul_f32.cpp - C entry of the f32 GEMM kernel ----===//
//
// nnc_uk_matmul_f32 describes its raw pointers as Halide buffers and calls the
// pipeline that matmul_f32_generator.cpp compiled for the host.
//
//===----------------------------------------------------------------------===//

#include "nnc/kernels.h"

#include "HalideRuntime.h"
#include "nnc_halide_matmul_f32.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

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
  if (nnc_halide_matmul_f32(&bufferA.buffer, &bufferB.buffer,
                            &bufferC.buffer) != 0)
    fail("the Halide pipeline reported an error", m, n, k);
}
