//===- runtime/kernels/matmul_f32.cpp - C entry of the f32 GEMM kernel ----===//
//
// nnc_uk_matmul_f32, nnc_uk_matmul_nt_f32 and nnc_uk_matmul_tn_f32 describe
// their raw pointers as Halide buffers and call the pipelines that
// matmul_f32_generator.cpp compiled for the host: the cache-blocked one for
// products with two tasks of its rows per thread, or one on a single thread
// (with taller tasks, which pack B fewer times, when there are rows enough
// for one per thread), the small one for the rest. With B transposed, a product
// of 64 rows or more transposes Bt into a scratch B (on every thread) and runs
// those, a smaller one the dot-product variant; with A transposed, At is
// transposed into a scratch A first; a plain product narrower than a vector
// transposes its B into a scratch Bt and runs the dot-product variant. A
// matrix-vector product whose wide B is larger than the caches is no
// pipeline's: each thread streams a block of B's rows into a partial result
// (split along K). All run on the runtime's thread pool (thread_pool.h;
// HL_NUM_THREADS threads, by default one per core). Every pipeline exists for
// AVX-512 and for AVX2; the first call picks the set the CPU runs best (or the
// one NNC_KERNEL_ISA names).
//
//===----------------------------------------------------------------------===//

#include "nnc/kernels.h"

#include "HalideRuntime.h"
#include "halide_view.h"
#include "kernel_isa.h"
#include "nnc_halide_matmul_f32_blocked_avx2.h"
#include "nnc_halide_matmul_f32_blocked_avx512.h"
#include "nnc_halide_matmul_f32_nt_avx2.h"
#include "nnc_halide_matmul_f32_nt_avx512.h"
#include "nnc_halide_matmul_f32_small_avx2.h"
#include "nnc_halide_matmul_f32_small_avx512.h"
#include "nnc_halide_matmul_f32_tall_avx2.h"
#include "nnc_halide_matmul_f32_tall_avx512.h"
#include "pool_threads.h"

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

/// A matrix-vector product (one row of A) whose B has rows of at least
/// kStreamedRowBytes and kStreamedBytes in all is split along K: each
/// thread streams its own contiguous block of B's rows into a partial row
/// of C. That wins only where B comes from memory, larger than the L3 cache
/// (32 MiB here); a B the caches hold runs faster as the small pipeline's
/// column chunks, each a kilobyte of every row of B. Measured on 2 threads,
/// split against chunks: 1 x 4096 x 4096, 2.3 against 3.4 ms (29 GB/s);
/// 1 x 2048 x 4096 (32 MiB), 0.59 against 0.98 ms; 1 x 2048 x 2048 (16
/// MiB), 263 against 217 us; 1 x 1024 x 1024, 48 against 34 us. Rows of 512
/// columns or fewer take the chunks whatever their number (1 x 512 x 4096:
/// 128 against 97 us).
constexpr int64_t kStreamedRowBytes = 4096;
constexpr int64_t kStreamedBytes = int64_t(32) << 20;

/// Rows of A from which C = A * Bt^T transposes Bt and runs a pipeline for
/// B (the dot-product one is faster for fewer: 32 x 1024 x 256, 202 against
/// 262 us).
constexpr int64_t kTransposedBRows = 64;

/// Columns of C below which a product runs as dot products of rows of A
/// and of the transposed B (the nt variant, vectorized along K) rather
/// than the small variant's one scalar accumulator per column: fewer than
/// one AVX-512 vector. Transposing such a narrow B costs K * N moves.
constexpr int64_t kNarrowColumns = 16;

/// Prints why the kernel cannot run and aborts: generated code has no error
/// channel, and a failure here means the compiler broke the kernel contract.
[[noreturn]] void fail(const char *entry, const char *why, int64_t m, int64_t n,
                       int64_t k) {
  std::fprintf(stderr, "nnc: %s(m=%lld, n=%lld, k=%lld): %s\n", entry,
               static_cast<long long>(m), static_cast<long long>(n),
               static_cast<long long>(k), why);
  std::abort();
}

/// A Halide pipeline C = A op B on three matrix buffers.
using Pipeline = int (*)(halide_buffer_t *, halide_buffer_t *,
                         halide_buffer_t *);

/// The pipelines compiled for one instruction set.
struct Pipelines {
  Pipeline small, blocked, tall, nt;
};

constexpr Pipelines kAvx512{
    nnc_halide_matmul_f32_small_avx512, nnc_halide_matmul_f32_blocked_avx512,
    nnc_halide_matmul_f32_tall_avx512, nnc_halide_matmul_f32_nt_avx512};
constexpr Pipelines kAvx2{
    nnc_halide_matmul_f32_small_avx2, nnc_halide_matmul_f32_blocked_avx2,
    nnc_halide_matmul_f32_tall_avx2, nnc_halide_matmul_f32_nt_avx2};

/// The set of the chosen instruction set (kernel_isa.h).
const Pipelines &pipelines() {
  return nnc::kernels::kernelIsa() == nnc::kernels::Isa::Avx512 ? kAvx512
                                                                : kAvx2;
}

/// Checks the extents and row strides of a call of `entry` (A's rows hold
/// `aColumns` elements, B's `bColumns`); true when there is something to
/// compute (else C is already what it must be: empty, or zeros when K = 0).
bool checkExtents(const char *entry, float *c, int64_t m, int64_t n, int64_t k,
                  int64_t lda, int64_t aColumns, int64_t ldb, int64_t bColumns,
                  int64_t ldc) {
  if (m < 0 || n < 0 || k < 0)
    fail(entry, "negative extent", m, n, k);
  if (m > INT32_MAX || n > INT32_MAX || k > INT32_MAX || lda > INT32_MAX ||
      ldb > INT32_MAX || ldc > INT32_MAX)
    fail(entry, "extent or row stride above INT32_MAX", m, n, k);
  if (lda < aColumns || ldb < bColumns || ldc < n)
    fail(entry, "a row stride is shorter than its row", m, n, k);
  if (m == 0 || n == 0)
    return false;
  if (k == 0) {
    for (int64_t row = 0; row < m; ++row)
      std::memset(c + row * ldc, 0, static_cast<size_t>(n) * sizeof(float));
    return false;
  }
  return true;
}

/// The cache-blocked pipeline for an m x n product large enough for one:
/// the tall variant when it has a task of its rows for every thread it
/// runs on, the blocked one when it has a task (on one thread: within a
/// task of the pool, flash attention's tiles, say) or two tasks per thread,
/// else null. With fewer tasks than that the threads wait on each other's
/// (or sit idle), and the small pipeline's tiles are faster: on 2 threads,
/// 64 x 1024 x 256 164 against 342 us (one task), 192 x 1024 x 256 454
/// against 690, and 128 x 1024 x 256 316 against 348.
Pipeline blockedPipeline(int64_t m, int64_t n) {
  const int64_t threads = nnc::kernels::availableThreads();
  const int64_t tasks = threads == 1 ? 1 : 2 * threads;
  if (n < kBlockedMinColumns || m < NNC_MATMUL_BLOCK_ROWS * tasks)
    return nullptr;
  if (m >= NNC_MATMUL_TALL_BLOCK_ROWS * threads)
    return pipelines().tall;
  return pipelines().blocked;
}

/// The side of a transposition's square blocks, and of the column blocks
/// its tasks split B into.
constexpr int64_t kTransposeBlock = 32;

/// Columns [begin, end) of dense B[K,N] = Bt[N,K]^T (Bt's rows `ldbt`
/// apart), a 32 x 32 block at a time: a whole block is read row by row into
/// a local tile and written out row by row, so both sides move in
/// contiguous runs the compiler turns into vector loads and stores (three
/// times faster than an element-wise loop over the same blocks; 32 x 32
/// blocks move 1024 x 256 in 112 us, 16 x 16 ones in 136).
void transposeColumns(float *b, const float *bt, int64_t n, int64_t k,
                      int64_t ldbt, int64_t begin, int64_t end) {
  for (int64_t j0 = begin; j0 < end; j0 += kTransposeBlock) {
    for (int64_t i0 = 0; i0 < k; i0 += kTransposeBlock) {
      const int64_t columns = std::min(kTransposeBlock, end - j0);
      const int64_t rows = std::min(kTransposeBlock, k - i0);
      if (columns < kTransposeBlock || rows < kTransposeBlock) {
        for (int64_t j = 0; j < columns; ++j)
          for (int64_t i = 0; i < rows; ++i)
            b[(i0 + i) * n + j0 + j] = bt[(j0 + j) * ldbt + i0 + i];
        continue;
      }
      float tile[kTransposeBlock][kTransposeBlock];
      for (int64_t j = 0; j < kTransposeBlock; ++j)
        for (int64_t i = 0; i < kTransposeBlock; ++i)
          tile[i][j] = bt[(j0 + j) * ldbt + i0 + i];
      for (int64_t i = 0; i < kTransposeBlock; ++i)
        for (int64_t j = 0; j < kTransposeBlock; ++j)
          b[(i0 + i) * n + j0 + j] = tile[i][j];
    }
  }
}

/// A transposition split into tasks of whole column blocks of B.
struct Transposition {
  float *b;
  const float *bt;
  int64_t n, k, ldbt, tasks;
};

/// Task `task` of a Transposition: its share of B's column blocks.
int transposeTask(void *, int task, uint8_t *closure) {
  const auto &t = *reinterpret_cast<const Transposition *>(closure);
  const int64_t blocks = (t.n + kTransposeBlock - 1) / kTransposeBlock;
  const int64_t begin = blocks * task / t.tasks * kTransposeBlock;
  const int64_t end =
      std::min(t.n, blocks * (task + 1) / t.tasks * kTransposeBlock);
  transposeColumns(t.b, t.bt, t.n, t.k, t.ldbt, begin, end);
  return 0;
}

/// Elements below which a transposition runs on the calling thread: the
/// pool's dispatch would cost more than the second core saves.
constexpr int64_t kParallelTransposeElements = int64_t(64) << 10;

/// Dense B[K,N] = Bt[N,K]^T, split over the pool's threads when large (a
/// training step's weight transposes took 18% of the step on one core while
/// the other waited); false when the pool reports an error.
bool transposeInto(float *b, const float *bt, int64_t n, int64_t k,
                   int64_t ldbt) {
  const int64_t tasks = std::min((n + kTransposeBlock - 1) / kTransposeBlock,
                                 nnc::kernels::availableThreads());
  if (n * k < kParallelTransposeElements || tasks < 2) {
    transposeColumns(b, bt, n, k, ldbt, 0, n);
    return true;
  }
  Transposition transposition{b, bt, n, k, ldbt, tasks};
  return halide_do_par_for(nullptr, transposeTask, 0, static_cast<int>(tasks),
                           reinterpret_cast<uint8_t *>(&transposition)) == 0;
}

/// A dense scratch copy of the transpose of the rows x cols matrix `src`
/// (its rows `ld` apart); `what` names it if memory runs out in `entry`.
std::unique_ptr<float[]> transposedCopy(const char *entry, const char *what,
                                        const float *src, int64_t rows,
                                        int64_t cols, int64_t ld, int64_t m,
                                        int64_t n, int64_t k) {
  std::unique_ptr<float[]> copy(
      new (std::nothrow) float[static_cast<size_t>(rows) * cols]);
  if (!copy)
    fail(entry, what, m, n, k);
  if (!transposeInto(copy.get(), src, rows, cols, ld))
    fail(entry, "the thread pool reported an error", m, n, k);
  return copy;
}

/// A Halide view of a row-major rows x cols f32 matrix at `data` whose rows
/// are `rowStride` elements apart (columns first: Halide's order).
struct MatrixBuffer : nnc::kernels::HalideView<2> {
  MatrixBuffer(const float *data, int64_t rows, int64_t cols, int64_t rowStride)
      : HalideView(data, {cols, rows}, {1, rowStride}) {}
};

/// A matrix-vector product c = a * B split along K: task t of `tasks`
/// accumulates its block of B's k rows into row t of `partials`.
struct SplitVectorProduct {
  const float *a, *b;
  float *partials;
  int64_t n, k, ldb, tasks;
};

/// Adds a[row] * B[row, :] to `partial` for each row of task `task`'s share
/// of B: each row is read once, whole and in order, so the product streams
/// B at memory bandwidth. Compiled for AVX2, which multiplyVectorSplitK has
/// pipelines() check the CPU for; the loop is bound by memory, not by
/// vector width.
__attribute__((target("avx2,fma"))) int accumulateRows(void *, int task,
                                                       uint8_t *closure) {
  const auto &p = *reinterpret_cast<const SplitVectorProduct *>(closure);
  const int64_t begin = p.k * task / p.tasks;
  const int64_t end = p.k * (task + 1) / p.tasks;
  float *__restrict partial = p.partials + task * p.n;
  std::memset(partial, 0, static_cast<size_t>(p.n) * sizeof(float));
  for (int64_t row = begin; row < end; ++row) {
    const float scale = p.a[row];
    const float *__restrict bRow = p.b + row * p.ldb;
    for (int64_t j = 0; j < p.n; ++j)
      partial[j] += scale * bRow[j];
  }
  return 0;
}

/// c = a * B for one row a, B split along K into one block of rows per
/// thread of the pool, their partial rows added up at the end.
void multiplyVectorSplitK(const char *entry, const float *a, const float *b,
                          float *c, int64_t n, int64_t k, int64_t ldb) {
  // The set the pipelines run, chosen (and checked against the CPU and
  // NNC_KERNEL_ISA, with a message) before any AVX2 instruction runs.
  pipelines();
  const int64_t tasks = std::min(k, nnc::kernels::availableThreads());
  std::unique_ptr<float[]> partials(
      new (std::nothrow) float[static_cast<size_t>(tasks * n)]);
  if (!partials)
    fail(entry, "out of memory for the partial rows", 1, n, k);
  SplitVectorProduct product{a, b, partials.get(), n, k, ldb, tasks};
  if (halide_do_par_for(nullptr, accumulateRows, 0, static_cast<int>(tasks),
                        reinterpret_cast<uint8_t *>(&product)) != 0)
    fail(entry, "the thread pool reported an error", 1, n, k);
  for (int64_t j = 0; j < n; ++j) {
    float sum = 0.0f;
    for (int64_t task = 0; task < tasks; ++task)
      sum += partials[task * n + j];
    c[j] = sum;
  }
}

/// C = A * B once the extents are checked: a large matrix-vector product
/// split along K, the blocked pipeline when the product fills its tasks,
/// else the small one.
void multiply(const char *entry, const float *a, const float *b, float *c,
              int64_t m, int64_t n, int64_t k, int64_t lda, int64_t ldb,
              int64_t ldc) {
  const int64_t rowBytes = n * int64_t(sizeof(float));
  if (m == 1 && rowBytes >= kStreamedRowBytes &&
      k * rowBytes >= kStreamedBytes) {
    multiplyVectorSplitK(entry, a, b, c, n, k, ldb);
    return;
  }
  MatrixBuffer bufferA(a, m, k, lda);
  MatrixBuffer bufferB(b, k, n, ldb);
  MatrixBuffer bufferC(c, m, n, ldc);
  Pipeline pipeline = blockedPipeline(m, n);
  if (!pipeline)
    pipeline = pipelines().small;
  const int status =
      pipeline(&bufferA.buffer, &bufferB.buffer, &bufferC.buffer);
  if (status != 0)
    fail(entry, "the Halide pipeline reported an error", m, n, k);
}

/// C = A * Bt^T once the extents are checked: the dot-product pipeline, or
/// for a product with kTransposedBRows rows or more, Bt transposed into a
/// scratch B and the product C = A * B.
void multiplyTransposedB(const char *entry, const float *a, const float *bt,
                         float *c, int64_t m, int64_t n, int64_t k, int64_t lda,
                         int64_t ldbt, int64_t ldc) {
  if (m >= kTransposedBRows && n >= kBlockedMinColumns) {
    // Transposing costs K * N moves against M * N * K multiply-adds.
    std::unique_ptr<float[]> b = transposedCopy(
        entry, "out of memory for the transposed B", bt, n, k, ldbt, m, n, k);
    multiply(entry, a, b.get(), c, m, n, k, lda, n, ldc);
    return;
  }
  MatrixBuffer bufferA(a, m, k, lda);
  MatrixBuffer bufferBt(bt, n, k, ldbt);
  MatrixBuffer bufferC(c, m, n, ldc);
  if (pipelines().nt(&bufferA.buffer, &bufferBt.buffer, &bufferC.buffer) != 0)
    fail(entry, "the Halide pipeline reported an error", m, n, k);
}

} // namespace

extern "C" void nnc_uk_matmul_f32(const float *a, const float *b, float *c,
                                  int64_t m, int64_t n, int64_t k, int64_t lda,
                                  int64_t ldb, int64_t ldc) {
  const char *entry = "nnc_uk_matmul_f32";
  if (!checkExtents(entry, c, m, n, k, lda, k, ldb, n, ldc))
    return;
  if (n >= kNarrowColumns || n == 0 || k == 0) {
    multiply(entry, a, b, c, m, n, k, lda, ldb, ldc);
    return;
  }
  std::unique_ptr<float[]> bt = transposedCopy(
      entry, "out of memory for the transposed B", b, k, n, ldb, m, n, k);
  multiplyTransposedB(entry, a, bt.get(), c, m, n, k, lda, k, ldc);
}

extern "C" void nnc_uk_matmul_tn_f32(const float *at, const float *b, float *c,
                                     int64_t m, int64_t n, int64_t k,
                                     int64_t ldat, int64_t ldb, int64_t ldc) {
  const char *entry = "nnc_uk_matmul_tn_f32";
  if (!checkExtents(entry, c, m, n, k, ldat, m, ldb, n, ldc))
    return;
  // Transposing costs M * K moves against M * N * K multiply-adds.
  std::unique_ptr<float[]> a = transposedCopy(
      entry, "out of memory for the transposed A", at, k, m, ldat, m, n, k);
  multiply(entry, a.get(), b, c, m, n, k, k, ldb, ldc);
}

extern "C" void nnc_uk_matmul_nt_f32(const float *a, const float *bt, float *c,
                                     int64_t m, int64_t n, int64_t k,
                                     int64_t lda, int64_t ldbt, int64_t ldc) {
  const char *entry = "nnc_uk_matmul_nt_f32";
  if (checkExtents(entry, c, m, n, k, lda, k, ldbt, k, ldc))
    multiplyTransposedB(entry, a, bt, c, m, n, k, lda, ldbt, ldc);
}

extern "C" const char *nnc_kernel_isa(void) {
  return nnc::kernels::isaName(nnc::kernels::kernelIsa());
}
