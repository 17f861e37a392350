//===- runtime/kernels/halide/matmul_f32_generator.cpp - f32 GEMM ---------===//
//
// The Halide generator behind nnc_uk_matmul_f32: C[M,N] = A[M,K] * B[K,N] on
// dense row-major f32 matrices. It runs at build time; the object it emits is
// archived into nnc_kernels, so models never link Halide itself.
//
// Halide orders dimensions innermost first, so a row-major M x K matrix is a
// Halide buffer with dim 0 = K (stride 1) and dim 1 = M (stride K).
//
//===----------------------------------------------------------------------===//

#include "Halide.h"

namespace {

using namespace Halide;

/// Dense f32 matrix product with a cache-blocked, register-tiled, vectorized
/// and parallel CPU schedule.
class MatmulF32 : public Generator<MatmulF32> {
public:
  /// Rows of C held in registers by one tile of the main schedule; 0 picks
  /// what fits the target's vector registers (8 with 32 registers, else 4).
  GeneratorParam<int> tile_rows{"tile_rows", 0};
  /// Width of that tile, in vectors of the target's natural width.
  GeneratorParam<int> tile_vectors{"tile_vectors", 3};
  /// Whether this is the cache-blocked variant for large products.
  GeneratorParam<bool> blocked{"blocked", false};
  /// Rows of C per parallel task of the blocked variant: a task packs each
  /// B panel it needs once and reuses it for all of its rows.
  GeneratorParam<int> block_rows{"block_rows", 64};

  /// A[M,K], row-major: dim 0 is k, dim 1 is m.
  Input<Buffer<float, 2>> a{"a"};
  /// B[K,N], row-major: dim 0 is n, dim 1 is k.
  Input<Buffer<float, 2>> b{"b"};
  /// C[M,N], row-major: dim 0 is n, dim 1 is m.
  Output<Buffer<float, 2>> c{"c"};

  void generate() {
    //===------------------------------------------------------------------===//
    // Algorithm
    //===------------------------------------------------------------------===//
    Var n("n"), m("m"), row("row");
    RDom k(0, a.dim(0).extent(), "k");
    // B's rows as the kernel reads them: the blocked schedule copies one
    // panel (tile width x K) of it into a dense buffer.
    Func panel("panel");
    panel(n, row) = b(n, row);
    Func acc("acc");
    acc(n, m) = 0.0f;
    acc(n, m) += a(k, m) * panel(n, k);
    c(n, m) = acc(n, m);

    //===------------------------------------------------------------------===//
    // Layout contracts
    //===------------------------------------------------------------------===//
    // Rows are contiguous; the row strides (K for A, N for B and C) are free,
    // so the caller describes them and Halide checks them.
    a.dim(0).set_stride(1);
    b.dim(0).set_stride(1);
    c.dim(0).set_stride(1);
    // Every operand agrees on the shared extents.
    b.dim(1).set_bounds(0, a.dim(0).extent());
    c.dim(1).set_bounds(0, a.dim(1).extent());
    c.dim(0).set_bounds(0, b.dim(0).extent());

    //===------------------------------------------------------------------===//
    // Schedule
    //===------------------------------------------------------------------===//
    // One tile of C (rows x tile_vectors vectors) is accumulated in
    // registers over the whole of K: per k, the tile loads tile_vectors
    // vectors of a row of B, broadcasts `rows` scalars of A and issues
    // rows * tile_vectors fused multiply-adds. With AVX-512's 32 registers
    // 8 x 3 keeps 24 accumulators + 3 B vectors + 1 broadcast live; AVX2's
    // 16 registers take 4 x 3. Either way there are enough independent FMA
    // chains to cover FMA latency and 8 (or 4) FMAs per B load.
    //
    // Large products (at least block_rows rows) are cache-blocked: parallel
    // tasks take block_rows rows of C each; a task walks B one panel of
    // tile width at a time, copies the panel into a dense K x width buffer
    // (B's rows are N apart, which at N = 2048 aliases in the cache and
    // misses the TLB on every k), and runs all of its register tiles over
    // it. The task's block of A (block_rows x K) and the panel stay in L2.
    //
    // Tiles are shifted inwards at the right and bottom edges (recomputing a
    // few elements) instead of being guarded, so the accumulator block keeps
    // a constant size and stays in registers. That needs C to be at least one
    // tile, so smaller shapes take other schedules: one row of vectors at a
    // time when N is at least one vector wide, else a scalar loop.
    const int vector = natural_vector_size<float>();
    const int rows =
        tile_rows > 0 ? int(tile_rows) : (vector >= 16 ? 8 : 4);
    const int tileWidth = vector * tile_vectors;
    Var mb("mb"), no("no"), mo("mo"), ni("ni"), mi("mi");

    if (blocked) {
      // Tasks of block_rows rows, a packed panel per tile column. Callers
      // guarantee M >= block_rows and N >= tileWidth (nnc_uk_matmul_f32
      // picks this variant only then).
      c.split(m, mb, m, block_rows, TailStrategy::ShiftInwards)
          .tile(n, m, no, mo, ni, mi, tileWidth, rows,
                TailStrategy::ShiftInwards)
          .reorder(ni, mi, mo, no, mb)
          .parallel(mb)
          .vectorize(ni, vector)
          .unroll(ni)
          .unroll(mi);
      panel.compute_at(c, no).vectorize(n, vector).unroll(n);
      acc.compute_at(c, mo).vectorize(n, vector).unroll(n).unroll(m);
      acc.update()
          .reorder(n, m, k)
          .vectorize(n, vector)
          .unroll(n)
          .unroll(m);
      return;
    }

    // Any shape, B read in place (too few rows to pay for a packed copy).
    panel.compute_inline();
    Expr extentN = c.dim(0).extent();
    Expr extentM = c.dim(1).extent();
    Expr fullTiles = extentN >= tileWidth && extentM >= rows;
    Expr rowVectors = extentN >= vector;
    acc.compute_at(c, no);

    // Full tiles, parallel over tile rows.
    c.specialize(fullTiles)
        .tile(n, m, no, mo, ni, mi, tileWidth, rows,
              TailStrategy::ShiftInwards)
        .parallel(mo)
        .vectorize(ni, vector)
        .unroll(ni)
        .unroll(mi);
    acc.specialize(fullTiles).vectorize(n, vector).unroll(n).unroll(m);
    acc.update()
        .specialize(fullTiles)
        .reorder(n, m, k)
        .vectorize(n, vector)
        .unroll(n)
        .unroll(m);

    // One row (a matrix-vector product, bound by reading B): parallel
    // chunks of 4 vectors, each accumulated in registers while it streams
    // its columns of B.
    Expr vectorTimesMatrix = extentM == 1 && extentN >= 4 * vector;
    c.specialize(vectorTimesMatrix)
        .split(n, no, ni, 4 * vector, TailStrategy::ShiftInwards)
        .parallel(no)
        .vectorize(ni, vector)
        .unroll(ni);
    acc.specialize(vectorTimesMatrix).vectorize(n, vector).unroll(n);
    acc.update()
        .specialize(vectorTimesMatrix)
        .reorder(n, m, k)
        .vectorize(n, vector)
        .unroll(n);

    // Fewer rows than a tile: one vector of one row at a time.
    c.specialize(rowVectors)
        .split(n, no, ni, vector, TailStrategy::ShiftInwards)
        .vectorize(ni);
    acc.specialize(rowVectors).vectorize(n);
    acc.update().specialize(rowVectors).reorder(n, m, k).vectorize(n);

    // Narrower than one vector: one scalar accumulator per element.
    c.split(n, no, ni, 1);
  }
};

} // namespace

HALIDE_REGISTER_GENERATOR(MatmulF32, matmul_f32)
