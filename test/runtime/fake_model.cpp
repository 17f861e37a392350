//===- test/runtime/fake_model.cpp - A hand-written stand-in model --------===//
//
// What `nnc compile` emits for a model with external weights, written by
// hand so that the runtime's tests need no compiler: an `nnc_model_image`
// whose entry computes
//
//   y = x @ w + b         x: f32 2x3, w: f32 3x4, b: f32 4 -> y: f32 2x4
//   rows = 2              i64 scalar
//   ramp[0][i] = i / 2    f32 1x300 (longer than model_main prints)
//
// through nnc_kernels, as generated code would. Built as a shared library
// (for nnc_model_load) and, with nnc_model_main, as a model executable.
//
//===----------------------------------------------------------------------===//

#include "memref_descriptor.h"
#include "nnc/kernels.h"
#include "nnc/model_abi.h"

#include <cstdint>

using nnc::test::MemRef;
using nnc::test::MemRef0;

namespace {

constexpr char kMetadata[] = "nnc-model 1\n"
                             "target cpu\n"
                             "entry affine\n"
                             "input x f32 2x3\n"
                             "param w f32 3x4\n"
                             "param b f32 4\n"
                             "output y f32 2x4\n"
                             "output rows i64 scalar\n"
                             "output ramp f32 1x300\n";

/// The packed entry: x, w, b, then y, rows, ramp.
void affine(void **args) {
  auto *x = static_cast<MemRef<float, 2> *>(args[0]);
  auto *w = static_cast<MemRef<float, 2> *>(args[1]);
  auto *b = static_cast<MemRef<float, 1> *>(args[2]);
  auto *y = static_cast<MemRef<float, 2> *>(args[3]);
  auto *rows = static_cast<MemRef0<int64_t> *>(args[4]);
  auto *ramp = static_cast<MemRef<float, 2> *>(args[5]);
  const int64_t m = x->sizes[0], k = x->sizes[1], n = w->sizes[1];
  nnc_uk_matmul_f32(x->aligned, w->aligned, y->aligned, m, n, k, k, n, n);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j)
      y->aligned[i * n + j] += b->aligned[j];
  *rows->aligned = m;
  for (int64_t i = 0; i < ramp->sizes[1]; ++i)
    ramp->aligned[i] = static_cast<float>(i) / 2;
}

} // namespace

extern "C" const nnc_model_image nnc_compiled_model = {
    NNC_MODEL_ABI_VERSION, kMetadata, affine, nullptr, 0, nullptr};
