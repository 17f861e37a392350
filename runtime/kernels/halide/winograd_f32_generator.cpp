//===- runtime/kernels/halide/winograd_f32_generator.cpp - F(4x4,3x3) ----===//
//
// The Halide generators behind nnc_uk_conv3x3_f32's Winograd F(4x4, 3x3)
// convolution (runtime/kernels/winograd_f43.h): the filter transform,
// every 3x3 filter to its G g Gt; the input transform, every 6x6 window of
// the input to its Bt d B; the 36 products of the transformed filters by
// the transformed windows; and the output transform, the 36 products of
// each tile back to its 4x4 pixels, At M A. The transforms are separable:
// one direction, then the other, each a linear combination with constant
// coefficients (zeros dropped, ones as adds).
//
// Tiles are numbered along rows of the image, so consecutive tiles of a row
// are consecutive elements of a transformed matrix: the transforms are
// vectorized over consecutive tiles, reading (input) and writing (output)
// the image's pixels four apart, through dense vectors and shuffles.
//
// Halide orders dimensions innermost first: an image [N, C, H, W] is a
// buffer (w, h, c, n); the input transform writes a transformed batch
// [36][C][N * tiles] as (tile column, tile row, n, c, b, a), b and a the
// columns and rows of the 6x6 window, and the output transform reads the
// products [36][F][N * tiles] as (tile, n, f, b, a).
//
//===----------------------------------------------------------------------===//

#include "Halide.h"

#include "winograd_f43.h"

#include <vector>

namespace {

using namespace Halide;
using namespace nnc::kernels::winograd;

/// sum_i coefficients[i] * values[i], without the terms of zero
/// coefficients and with ones as plain adds.
Expr combine(const float *coefficients, const std::vector<Expr> &values) {
  Expr sum;
  for (size_t i = 0; i < values.size(); ++i) {
    float k = coefficients[i];
    if (k == 0)
      continue;
    Expr term = k == 1 ? values[i] : k == -1 ? -values[i] : k * values[i];
    sum = sum.defined() ? sum + term : term;
  }
  return sum;
}

/// `count` rows of `matrix` (of `width` columns), each applied to `values`.
template <size_t Width>
std::vector<Expr> applyRows(const float (*matrix)[Width], int count,
                            const std::vector<Expr> &values) {
  std::vector<Expr> rows;
  for (int row = 0; row < count; ++row)
    rows.push_back(combine(matrix[row], values));
  return rows;
}

/// Tiles per group of a tile row in the transforms: a group's transforms
/// are vectors of its tiles, and what it computes on the way is a few
/// kilobytes of the stack (sized by the row, it would be allocated on the
/// heap for every row of every channel).
constexpr int kGroup = 8;

/// v = Bt d B for every 6x6 window d of x that starts at a multiple of 4,
/// in each channel of each image: v(tile column, tile row, n, c, b, a).
/// x holds the padded input, at least 4 * tiles + 2 in each direction.
class WinogradInputF32 : public Generator<WinogradInputF32> {
public:
  Input<Buffer<float>> x{"x", 4};
  Output<Buffer<float>> v{"v", 6};

  void generate() {
    Var w("w"), h("h"), tw("tw"), th("th"), n("n"), c("c"), a("a"), b("b");
    // The rows a tile row reads, copied in: Halide reads every fourth
    // element of a buffer of its own as dense vectors and shuffles, but
    // element by element from one it did not allocate.
    Func image("image");
    image(w, h, c, n) = x(w, h, c, n);
    // Columns first, the windows of each of a tile row's 6 input rows i,
    // then the windows' rows.
    Var i("i");
    std::vector<Expr> window;
    for (int j = 0; j < kWindow; ++j)
      window.push_back(image(kTile * tw + j, kTile * th + i, c, n));
    Func columns("columns");
    columns(tw, th, i, c, n, b) = mux(b, applyRows(kInput, kWindow, window));
    std::vector<Expr> rows;
    for (int i0 = 0; i0 < kWindow; ++i0)
      rows.push_back(columns(tw, th, i0, c, n, b));
    v(tw, th, n, c, b, a) = mux(a, applyRows(kInput, kWindow, rows));

    // Per channel, tile row and group of tiles (of the target's vector
    // where a row has that many, else of kGroup, masked where fewer are
    // left): the rows the group reads, their transformed columns, and each
    // of the 36 elements of the group's tiles as a vector.
    const int vector = natural_vector_size<float>();
    for (int d = 0; d < 6; ++d)
      v.dim(d).set_min(0);
    v.bound(a, 0, kWindow).bound(b, 0, kWindow);
    Var group("group"), lane("lane");
    auto groupTiles = [&](Stage stage, int lanes, TailStrategy tail) {
      stage.split(tw, group, lane, lanes, tail)
          .reorder(lane, a, b, group, th, n, c)
          .unroll(b)
          .unroll(a)
          .vectorize(lane);
    };
    Expr rowTiles = v.dim(0).extent();
    // Rows of exactly kGroup or kGroup / 2 tiles, stored back to back
    // (images 32 or 16 pixels wide): vector / rowTiles tile rows together
    // are one vector of consecutive tiles of V, where one row would fill a
    // part of it. (The group loop splits the tile rows here; its name is
    // the one the producers are computed at.)
    for (int narrowRow : {kGroup, kGroup / 2}) {
      if (vector <= narrowRow)
        continue;
      const int tileRowsPerVector = vector / narrowRow;
      v.specialize(rowTiles == narrowRow && v.dim(1).stride() == narrowRow &&
                   v.dim(1).extent() % tileRowsPerVector == 0)
          .split(th, group, lane, tileRowsPerVector)
          .reorder(tw, lane, a, b, group, n, c)
          .unroll(b)
          .unroll(a)
          .vectorize(tw)
          .vectorize(lane);
    }
    // The last group of a row shifts inwards, recomputing a few tiles of
    // the one before: a masked group costs several whole ones.
    if (vector > kGroup)
      groupTiles(v.specialize(rowTiles >= vector), vector,
                 TailStrategy::ShiftInwards);
    groupTiles(v.specialize(rowTiles >= kGroup), kGroup,
               TailStrategy::ShiftInwards);
    groupTiles(v, kGroup, TailStrategy::GuardWithIf);
    columns.compute_at(v, group)
        .reorder(tw, b, i, th)
        .unroll(b)
        .vectorize(tw, kGroup, TailStrategy::GuardWithIf);
    image.compute_at(v, group).vectorize(w, vector, TailStrategy::GuardWithIf);
  }
};

/// y = At m A for every tile: m(tile column, tile row, n, f, b, a) holds
/// the 36 products of each tile of each output channel, y(w, h, f, n) the
/// image (its extents multiples of 4).
class WinogradOutputF32 : public Generator<WinogradOutputF32> {
public:
  Input<Buffer<float>> m{"m", 5};
  Input<int> tile_cols{"tile_cols"};
  Output<Buffer<float>> y{"y", 4};

  void generate() {
    Var w("w"), h("h"), t("t"), n("n"), f("f"), b("b"), p("p"), q("q");
    std::vector<Expr> byRow;
    for (int a = 0; a < kWindow; ++a)
      byRow.push_back(m(t, n, f, b, a));
    Func rows("rows");
    rows(t, n, f, b, q) = mux(q, applyRows(kOutput, kTile, byRow));
    // The columns' coefficients as a table, so that a vector of four
    // columns of a tile reads its four coefficients at once.
    Buffer<float> columns(kTile, kWindow, "columns");
    for (int p0 = 0; p0 < kTile; ++p0)
      for (int b0 = 0; b0 < kWindow; ++b0)
        columns(p0, b0) = kOutput[p0][b0];
    Expr tile = w / kTile + h / kTile * tile_cols;
    Expr pixel = 0.0f;
    for (int b0 = 0; b0 < kWindow; ++b0)
      pixel += columns(w % kTile, b0) * rows(tile, n, f, b0, h % kTile);
    y(w, h, f, n) = pixel;

    // Per image and channel: the four output rows of each window column of
    // every tile, in vectors of consecutive tiles (across tile rows: the
    // tiles of an image are consecutive in m), then each tile row's pixels
    // in vectors of the four columns of kGroup tiles (masked where fewer
    // are left).
    const int vector = natural_vector_size<float>();
    for (int d = 0; d < 4; ++d)
      y.dim(d).set_min(0);
    Var tw("tw"), th("th"), group("group"), lane("lane");
    auto groupTiles = [&](Stage stage, TailStrategy tail) {
      stage.split(w, tw, p, kTile, TailStrategy::RoundUp)
          .split(h, th, q, kTile, TailStrategy::RoundUp)
          .split(tw, group, lane, kGroup, tail)
          .reorder(p, lane, q, group, th, f, n)
          .vectorize(p)
          .vectorize(lane)
          .unroll(q);
    };
    // The last group of a row shifts inwards, as the input transform's.
    groupTiles(y.specialize(y.dim(0).extent() >= kGroup * kTile),
               TailStrategy::ShiftInwards);
    groupTiles(y, TailStrategy::GuardWithIf);
    rows.compute_at(y, f)
        .store_in(MemoryType::Stack)
        .reorder(t, q, b)
        .unroll(q)
        .unroll(b)
        .vectorize(t, vector, TailStrategy::GuardWithIf);
  }
};

/// u(fc, b, a) = (G g Gt)[a][b] for every filter g = w(tap, fc), tap =
/// 3 * row + column, fc = f * C + c: the filters [F, C, 3, 3] as a dense
/// F * C x 9 matrix, transformed into [6][6][F * C].
class WinogradFilterF32 : public Generator<WinogradFilterF32> {
public:
  Input<Buffer<float>> w{"w", 1};
  Output<Buffer<float>> u{"u", 3};

  void generate() {
    Var fc("fc"), j("j"), a("a"), b("b"), fco("fco"), fci("fci"), task("task");
    // The filters a vector of them reads, copied in (as the input
    // transform's rows): Halide reads every ninth element of a buffer of
    // its own as dense vectors and shuffles, but element by element from
    // one it did not allocate.
    Var flat("flat");
    Func staged("staged");
    staged(flat) = w(flat);
    std::vector<Expr> taps;
    for (int i = 0; i < kFilter; ++i)
      taps.push_back(staged(kFilter * kFilter * fc + kFilter * i + j));
    Func rows("rows");
    rows(j, fc, a) = mux(a, applyRows(kFilterRows, kWindow, taps));
    std::vector<Expr> columns;
    for (int j0 = 0; j0 < kFilter; ++j0)
      columns.push_back(rows(j0, fc, a));
    u(fc, b, a) = mux(b, applyRows(kFilterRows, kWindow, columns));

    // A parallel task transforms kTaskVectors vectors of consecutive
    // filters: first the rows of all of them (G g, in vectors of
    // consecutive filters from their staged taps), then each of the 36
    // outputs for all of them, so that every store stream is written whole
    // before the next. (Writing a vector's 36 outputs together writes 36
    // streams F * C apart: 4 KiB for 32 x 32 filters, which all fall in
    // one set of the L1 cache; that took 20 us against 7 for 32 x 32
    // filters.) An odd number of vectors keeps the rows' 18 streams apart
    // in the cache too (one task of 32 x 32 filters: 5.7 us against 6.8
    // with 64).
    constexpr int kTaskVectors = 61;
    const int vector = natural_vector_size<float>();
    for (int d = 0; d < 3; ++d)
      u.dim(d).set_min(0);
    u.bound(a, 0, kWindow).bound(b, 0, kWindow);
    Expr wholeVectors = u.dim(0).extent() >= vector;
    auto schedule = [&](Stage stage, TailStrategy tail) {
      stage.split(fc, fco, fci, vector, tail)
          .split(fco, task, fco, kTaskVectors, TailStrategy::GuardWithIf)
          .reorder(fci, fco, b, a, task)
          .vectorize(fci)
          .unroll(b)
          .unroll(a)
          .parallel(task);
    };
    // Fewer filters than a vector: masked vectors.
    schedule(u.specialize(wholeVectors), TailStrategy::ShiftInwards);
    schedule(u, TailStrategy::GuardWithIf);
    Var rfo("rfo"), rfi("rfi");
    auto scheduleRows = [&](Stage stage, TailStrategy tail) {
      stage.split(fc, rfo, rfi, vector, tail)
          .reorder(rfi, j, a, rfo)
          .vectorize(rfi)
          .unroll(j)
          .unroll(a);
    };
    rows.compute_at(u, task).reorder_storage(fc, j, a);
    scheduleRows(rows.specialize(wholeVectors), TailStrategy::ShiftInwards);
    scheduleRows(rows, TailStrategy::GuardWithIf);
    staged.compute_at(rows, rfo).vectorize(flat, vector,
                                           TailStrategy::GuardWithIf);
  }
};

/// m(t, f, ab) = sum over c of u(c, f, ab) * v(t, c, ab): the 36 products
/// M[ab] = U[ab] * V[ab] of a chunk of tiles, F x T x C each, in one call
/// (36 calls of the GEMM cost more than small products take).
class WinogradProductsF32 : public Generator<WinogradProductsF32> {
public:
  Input<Buffer<float>> u{"u", 3};
  Input<Buffer<float>> v{"v", 3};
  Output<Buffer<float>> m{"m", 3};

  void generate() {
    Var t("t"), f("f"), ab("ab"), to("to"), ti("ti"), fo("fo"), fi("fi");
    RDom k(0, u.dim(0).extent(), "k");
    Func sum("sum");
    sum(t, f, ab) = 0.0f;
    sum(t, f, ab) += u(k, f, ab) * v(t, k, ab);
    m(t, f, ab) = sum(t, f, ab);

    // Register tiles of `rows` output channels by two vectors of tiles (one
    // where there are fewer), accumulated over every input channel. Tiles
    // at the edges shift inwards (recomputing a few sums) to keep their
    // size, and so their accumulators in registers; products smaller than
    // one tile skip or mask what is not there.
    const int vector = natural_vector_size<float>();
    const int rows = vector >= 16 ? 8 : 6;
    for (int d = 0; d < 3; ++d)
      m.dim(d).set_min(0);
    auto tile = [&](Stage stage, int width, TailStrategy tail) {
      stage.split(t, to, ti, width, tail)
          .split(f, fo, fi, rows, tail)
          .reorder(ti, fi, to, fo, ab)
          .vectorize(ti, vector, TailStrategy::GuardWithIf)
          .unroll(fi);
    };
    Expr tiles = m.dim(0).extent(), features = m.dim(1).extent();
    for (int width : {2 * vector, vector})
      tile(m.specialize(tiles >= width && features >= rows), width,
           TailStrategy::ShiftInwards);
    tile(m, vector, TailStrategy::GuardWithIf);
    sum.compute_at(m, to)
        .vectorize(t, vector, TailStrategy::GuardWithIf)
        .unroll(f);
    sum.update()
        .reorder(t, f, k)
        .vectorize(t, vector, TailStrategy::GuardWithIf)
        .unroll(t)
        .unroll(f);
  }
};

} // namespace

HALIDE_REGISTER_GENERATOR(WinogradProductsF32, winograd_products_f32)
HALIDE_REGISTER_GENERATOR(WinogradFilterF32, winograd_filter_f32)
HALIDE_REGISTER_GENERATOR(WinogradInputF32, winograd_input_f32)
HALIDE_REGISTER_GENERATOR(WinogradOutputF32, winograd_output_f32)
