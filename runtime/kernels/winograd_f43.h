//===- runtime/kernels/winograd_f43.h - Winograd F(4x4, 3x3) ----*- C++ -*-===//
//
// The matrices of Winograd's minimal filtering algorithm F(4x4, 3x3) (Lavin
// and Gray, "Fast Algorithms for Convolutional Neural Networks", 2016): a
// 4x4 tile of a 3x3 convolution's output is
//
//   Y = At [ (G g Gt) * (Bt d B) ] A
//
// for the tile's 6x6 window d of the input and the 3x3 filter g, with *
// elementwise: 36 multiplications instead of 144. Over many channels the
// elementwise products become 36 matrix products (filter transforms by
// input transforms), and the transforms cost a fraction of them.
//
// The Halide generator (build time) and the kernel's C++ (run time) both
// read these, so the three matrices are written once.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_KERNELS_WINOGRAD_F43_H
#define NNC_RUNTIME_KERNELS_WINOGRAD_F43_H

namespace nnc::kernels::winograd {

/// Output tile side, filter side and input window side (tile + filter - 1).
constexpr int kTile = 4;
constexpr int kFilter = 3;
constexpr int kWindow = kTile + kFilter - 1;

/// Bt [6 x 6]: an input window's rows (and columns) to the transformed ones.
constexpr float kInput[kWindow][kWindow] = {
    {4, 0, -5, 0, 1, 0},  {0, -4, -4, 1, 1, 0}, {0, 4, -4, -1, 1, 0},
    {0, -2, -1, 2, 1, 0}, {0, 2, -1, -2, 1, 0}, {0, 4, 0, -5, 0, 1}};

/// G [6 x 3]: a filter's rows (and columns) to the transformed ones.
constexpr float kFilterRows[kWindow][kFilter] = {
    {1.0f / 4, 0, 0},
    {-1.0f / 6, -1.0f / 6, -1.0f / 6},
    {-1.0f / 6, 1.0f / 6, -1.0f / 6},
    {1.0f / 24, 1.0f / 12, 1.0f / 6},
    {1.0f / 24, -1.0f / 12, 1.0f / 6},
    {0, 0, 1}};

/// At [4 x 6]: the products' rows (and columns) to the output tile's.
constexpr float kOutput[kTile][kWindow] = {{1, 1, 1, 1, 1, 0},
                                           {0, 1, -1, 2, -2, 0},
                                           {0, 1, 1, 4, 4, 0},
                                           {0, 1, -1, 8, -8, 1}};

} // namespace nnc::kernels::winograd

#endif // NNC_RUNTIME_KERNELS_WINOGRAD_F43_H
