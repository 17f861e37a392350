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

/// Dense f32 matrix product with a register-tiled, vectorized CPU schedule.
class MatmulF32 : public Generator<MatmulF32> {
public:
  /// Rows of C held in registers by one tile of the main schedule.
  GeneratorParam<int> tile_rows{"tile_rows", 4};
  /// Width of that tile, in vectors of the target's natural width.
  GeneratorParam<int> tile_vectors{"tile_vectors", 2};

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
    Var n("n"), m("m");
    RDom k(0, a.dim(0).extent(), "k");
    Func acc("acc");
    acc(n, m) = 0.0f;
    acc(n, m) += a(k, m) * b(n, k);
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
    // One tile of C (tile_rows x tile_vectors vectors) is accumulated in
    // registers over the whole of K: per k, the tile loads tile_vectors
    // vectors of a row of B, broadcasts tile_rows scalars of A and issues
    // tile_rows * tile_vectors fused multiply-adds. The default 4 x 2 keeps
    // 8 accumulators + 2 B vectors + 1 broadcast = 11 registers live, which
    // fits AVX2's 16 vector registers (and AVX-512's 32) without spilling,
    // and gives 8 independent FMA chains, enough to cover FMA latency.
    //
    // Tiles are shifted inwards at the right and bottom edges (recomputing a
    // few elements) instead of being guarded, so the accumulator block keeps
    // a constant size and stays in registers. That needs C to be at least one
    // tile, so smaller shapes take specialized schedules: one vector per row
    // when N is at least one vector wide, else a scalar loop.
    //
    // The kernel is single-threaded: generated model code calls it from its
    // own loops, which own any parallelism.
    const int vector = natural_vector_size<float>();
    const int tileWidth = vector * tile_vectors;
    Expr extentN = c.dim(0).extent();
    Expr extentM = c.dim(1).extent();
    Expr fullTiles = extentN >= tileWidth && extentM >= tile_rows;
    Expr rowVectors = extentN >= vector;

    Var no("no"), mo("mo"), ni("ni"), mi("mi");
    acc.compute_at(c, no);

    c.specialize(fullTiles)
        .tile(n, m, no, mo, ni, mi, tileWidth, tile_rows,
              TailStrategy::ShiftInwards)
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
