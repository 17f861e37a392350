//===- runtime/kernels/halide/matmul_f32_generator.cpp - f32 GEMM ---------===//
//
// The Halide generator behind nnc_uk_matmul_f32, C[M,N] = A[M,K] * B[K,N],
// and nnc_uk_matmul_nt_f32, C[M,N] = A[M,K] * Bt[N,K]^T (a linear layer's
// weights as PyTorch and ONNX store them), on dense row-major f32 matrices.
// It runs at build time; the objects it emits are archived into
// nnc_kernels, so models never link Halide itself.
//
// Halide orders dimensions innermost first, so a row-major M x K matrix is a
// Halide buffer with dim 0 = K (stride 1) and dim 1 = M (stride K).
//
//===----------------------------------------------------------------------===//

#include "Halide.h"

#include <algorithm>

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
  /// Whether B comes transposed, as Bt[N,K] (the variant for few rows: each
  /// element of C is a dot product of two contiguous rows).
  GeneratorParam<bool> transpose_b{"transpose_b", false};

  /// A[M,K], row-major: dim 0 is k, dim 1 is m.
  Input<Buffer<float, 2>> a{"a"};
  /// B[K,N], row-major: dim 0 is n, dim 1 is k; with transpose_b, Bt[N,K]:
  /// dim 0 is k, dim 1 is n.
  Input<Buffer<float, 2>> b{"b"};
  /// C[M,N], row-major: dim 0 is n, dim 1 is m.
  Output<Buffer<float, 2>> c{"c"};

  void generate() {
    if (transpose_b) {
      generateTransposedB();
      return;
    }
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
    // tile, so smaller shapes take other schedules: tiles of fewer rows or
    // fewer vectors, one row of vectors at a time when N is at least one
    // vector wide, else a scalar loop.
    const int vector = natural_vector_size<float>();
    const int rows = tile_rows > 0 ? int(tile_rows) : (vector >= 16 ? 8 : 4);
    const int tileWidth = vector * tile_vectors;
    Var mb("mb"), no("no"), mo("mo"), ni("ni"), mi("mi");
    Expr extentN = c.dim(0).extent();
    Expr extentM = c.dim(1).extent();

    // With 32 registers, a second tile shape: 4 vectors by 6 rows (24
    // accumulators again), for products it covers with fewer recomputed
    // elements than the main one, whose edge tiles are shifted inwards:
    // a multiple of 64 columns such as an attention head's 64 (one core,
    // 128 x 64 x 128: 99 against 68 GFLOP/s, the 3-vector tile computing 96
    // columns), or a convolution tile of 256 pixels. `wideRows` of C are
    // tiled together (a task's, or all of them).
    const bool hasWideTiles = vector >= 16;
    const int wideRows = 6, wideWidth = 4 * vector;
    auto wideTilesWin = [&](Expr tiledRows) -> Expr {
      auto covered = [](Expr extent, int tile) {
        return (extent + tile - 1) / tile * tile;
      };
      return extentN >= wideWidth && tiledRows >= wideRows &&
             covered(tiledRows, wideRows) * covered(extentN, wideWidth) <
                 covered(tiledRows, rows) * covered(extentN, tileWidth);
    };

    if (blocked) {
      // Tasks of block_rows rows, a packed panel per tile column. Callers
      // guarantee M >= block_rows and N >= tileWidth (nnc_uk_matmul_f32
      // picks this variant only then).
      auto scheduleBlocked = [&](Stage tiled, int tileRows, int width) {
        tiled.split(m, mb, m, block_rows, TailStrategy::ShiftInwards)
            .tile(n, m, no, mo, ni, mi, width, tileRows,
                  TailStrategy::ShiftInwards)
            .reorder(ni, mi, mo, no, mb)
            .parallel(mb)
            .vectorize(ni, vector)
            .unroll(ni)
            .unroll(mi);
      };
      if (hasWideTiles)
        scheduleBlocked(c.specialize(wideTilesWin(Expr(int(block_rows)))),
                        wideRows, wideWidth);
      scheduleBlocked(c, rows, tileWidth);
      panel.compute_at(c, no).vectorize(n, vector).unroll(n);
      acc.compute_at(c, mo).vectorize(n, vector).unroll(n).unroll(m);
      acc.update().reorder(n, m, k).vectorize(n, vector).unroll(n).unroll(m);
      return;
    }

    // Any shape, B read in place (too few rows to pay for a packed copy).
    panel.compute_inline();
    Expr rowVectors = extentN >= vector;
    acc.compute_at(c, no);

    // A full tile: parallel tasks over `mo`, the tile vectorized and
    // unrolled over its registers, its accumulator likewise.
    auto scheduleFullTiles = [&](Stage tiled, const Expr &condition) {
      tiled.parallel(mo).vectorize(ni, vector).unroll(ni).unroll(mi);
      acc.specialize(condition).vectorize(n, vector).unroll(n).unroll(m);
      acc.update()
          .specialize(condition)
          .reorder(n, m, k)
          .vectorize(n, vector)
          .unroll(n)
          .unroll(m);
    };

    // Full tiles of `tileRows` x `width`, in the two orders below.
    auto scheduleTileShape = [&](const Expr &fullTiles, int tileRows,
                                 int width) {
      // Full tiles of a wide product (a convolution's im2col GEMM: few
      // output channels by many pixels; a small batch through a layer):
      // parallel over tile columns, each task running every tile row of
      // its columns, so the K x width panel of B it reads stays in L2 for
      // all of them instead of every row task streaming the whole of B.
      // The accumulator tile is computed at loop `no` in every schedule, so
      // here `no` is the loop over tile rows (inside) and `mo` the one over
      // tile columns (parallel).
      Expr wideProduct = fullTiles && extentN >= 4 * width;
      scheduleFullTiles(c.specialize(wideProduct)
                            .tile(n, m, mo, no, ni, mi, width, tileRows,
                                  TailStrategy::ShiftInwards)
                            .reorder(ni, mi, no, mo),
                        wideProduct);
      // Other full tiles, parallel over tile rows.
      scheduleFullTiles(
          c.specialize(fullTiles).tile(n, m, no, mo, ni, mi, width, tileRows,
                                       TailStrategy::ShiftInwards),
          fullTiles);
    };
    if (hasWideTiles)
      scheduleTileShape(wideTilesWin(extentM), wideRows, wideWidth);
    scheduleTileShape(extentN >= tileWidth && extentM >= rows, rows, tileWidth);
    // Fewer columns than that tile (a classifier's, an attention head of
    // 32): tiles of as many whole vectors as N holds, still `rows` rows, so
    // that each step of K issues `rows` independent multiply-adds per
    // vector instead of one chain of them per row.
    for (int vectors = tile_vectors - 1; vectors >= 1; --vectors)
      scheduleTileShape(extentN >= vectors * vector && extentM >= rows, rows,
                        vectors * vector);

    // One row (a matrix-vector product, bound by reading B): parallel
    // chunks of columns, each accumulated in registers while it streams its
    // columns of B. Wide chunks (16 vectors with 32 registers, else 8) read
    // a kilobyte of each row of B at a time, which the caches stream far
    // better than 4 vectors from every row (1 x 1024 x 256, B in the two
    // cores' L2: 7.5 against 17.8 us; 1 x 512 x 784: 11.5 against 15.3);
    // they are taken when they cover N with at most an eighth recomputed
    // (1 x 600 x 256 runs 5.4 us in chunks of 4 vectors, 6.4 in chunks of
    // 16), else chunks of 4 vectors.
    auto scheduleVectorTimesMatrix = [&](const Expr &condition, int width) {
      c.specialize(condition)
          .split(n, no, ni, width, TailStrategy::ShiftInwards)
          .parallel(no)
          .vectorize(ni, vector)
          .unroll(ni);
      acc.specialize(condition).vectorize(n, vector).unroll(n);
      acc.update()
          .specialize(condition)
          .reorder(n, m, k)
          .vectorize(n, vector)
          .unroll(n);
    };
    const int wideChunk = (hasWideTiles ? 16 : 8) * vector;
    Expr wideChunksCover =
        extentN >= wideChunk &&
        (extentN + wideChunk - 1) / wideChunk * wideChunk * 8 <= extentN * 9;
    scheduleVectorTimesMatrix(extentM == 1 && wideChunksCover, wideChunk);
    scheduleVectorTimesMatrix(extentM == 1 && extentN >= 4 * vector,
                              4 * vector);

    // Fewer rows than a tile (a small batch through a layer): a tile of
    // exactly those rows, as wide as the accumulators allow (24 of them with
    // 32 registers, 12 with 16), so each step of K still issues many
    // independent multiply-adds (4 x 1024 x 256 on 2 threads: 13.6 us,
    // against 530 us, 3.9 GFLOP/s, one vector at a time, whose
    // multiply-adds form a single chain bound by their latency).
    const int accumulators = hasWideTiles ? 24 : 12;
    for (int fewRows = 2; fewRows < rows; ++fewRows) {
      const int width = std::min(16, accumulators / fewRows) * vector;
      scheduleTileShape(extentM == fewRows && extentN >= width, fewRows, width);
    }

    // Narrower than such a tile: one vector of one row at a time.
    c.specialize(rowVectors)
        .split(n, no, ni, vector, TailStrategy::ShiftInwards)
        .vectorize(ni);
    acc.specialize(rowVectors).vectorize(n);
    acc.update().specialize(rowVectors).reorder(n, m, k).vectorize(n);

    // Narrower than one vector: one scalar accumulator per element.
    c.split(n, no, ni, 1);
  }

  /// C = A * Bt^T for few rows of A (nnc_uk_matmul_nt_f32 transposes Bt into
  /// B and runs the blocked variant for many): every element of C is the
  /// dot product of a row of A and a row of Bt, both contiguous.
  void generateTransposedB() {
    //===------------------------------------------------------------------===//
    // Algorithm
    //===------------------------------------------------------------------===//
    // Each dot product is split into `vector` lane-wise partial sums over
    // the first K rounded down to whole vectors, then the lanes and the
    // remaining K % vector products are added up.
    const int vector = natural_vector_size<float>();
    Var n("n"), m("m"), lane("lane");
    Expr extentK = a.dim(0).extent();
    Expr wholeK = extentK / vector * vector;
    RDom ko(0, extentK / vector, "ko");
    RDom lanes(0, vector, "lanes");
    RDom tail(wholeK, extentK - wholeK, "tail");
    Func partial("partial");
    partial(lane, n, m) = 0.0f;
    partial(lane, n, m) += a(ko * vector + lane, m) * b(ko * vector + lane, n);
    Func dot("dot");
    dot(n, m) = sum(partial(lanes, n, m));
    dot(n, m) += a(tail, m) * b(tail, n);
    c(n, m) = dot(n, m);

    //===------------------------------------------------------------------===//
    // Layout contracts
    //===------------------------------------------------------------------===//
    a.dim(0).set_stride(1);
    b.dim(0).set_stride(1);
    c.dim(0).set_stride(1);
    b.dim(0).set_bounds(0, a.dim(0).extent());
    c.dim(1).set_bounds(0, a.dim(1).extent());
    c.dim(0).set_bounds(0, b.dim(1).extent());

    //===------------------------------------------------------------------===//
    // Schedule
    //===------------------------------------------------------------------===//
    // A tile of 4 x 4 elements of C keeps 16 vectors of partial sums in
    // registers: per step of K it loads 4 vectors of A and 4 of Bt for 16
    // fused multiply-adds. A single row (a matrix-vector product, bound by
    // reading Bt) takes 8 columns at a time. Tiles run in parallel.
    Var no("no"), mo("mo"), ni("ni"), mi("mi");
    Expr extentN = c.dim(0).extent();
    Expr extentM = c.dim(1).extent();
    Expr fullTiles = extentN >= 4 && extentM >= 4;
    Expr rowChunks = extentN >= 8;
    partial.compute_at(c, no);
    dot.compute_at(c, no);

    c.specialize(fullTiles)
        .tile(n, m, no, mo, ni, mi, 4, 4, TailStrategy::ShiftInwards)
        .parallel(mo);
    partial.specialize(fullTiles).vectorize(lane).unroll(n).unroll(m);
    partial.update()
        .specialize(fullTiles)
        .reorder(lane, n, m, ko)
        .vectorize(lane)
        .unroll(n)
        .unroll(m);

    c.specialize(rowChunks)
        .split(n, no, ni, 8, TailStrategy::ShiftInwards)
        .parallel(no);
    partial.specialize(rowChunks).vectorize(lane).unroll(n);
    partial.update()
        .specialize(rowChunks)
        .reorder(lane, n, m, ko)
        .vectorize(lane)
        .unroll(n);

    // Fewer than 8 columns: one dot product at a time.
    c.split(n, no, ni, 1);
    partial.vectorize(lane);
    partial.update().reorder(lane, n, m, ko).vectorize(lane);
  }
};

} // namespace

HALIDE_REGISTER_GENERATOR(MatmulF32, matmul_f32)
