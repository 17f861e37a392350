//===- NNLinalgOps.cpp - Result types and checks of the numeric kernels ---===//
//
// nn.solve takes square coefficient matrices and right-hand sides with as
// many rows, batch dimensions broadcasting; nn.fft takes sequences of
// complex values whose length is a power of two and a norm PyTorch knows.
//
//===----------------------------------------------------------------------===//

#include "ir/Broadcast.h"
#include "ir/NNOps.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>

using namespace mlir;
using namespace nnc::nn;

//===----------------------------------------------------------------------===//
// SolveOp
//===----------------------------------------------------------------------===//

LogicalResult SolveOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  auto a = cast<RankedTensorType>(adaptor.getA().getType());
  auto b = cast<RankedTensorType>(adaptor.getB().getType());
  if (failed(requireStatic(loc, a, "a")) || failed(requireStatic(loc, b, "b")))
    return failure();
  if (a.getRank() < 2 || b.getRank() < 2)
    return emitOptionalError(loc,
                             "operands must have rank >= 2 ([..., N, N] "
                             "and [..., N, K]), got ranks ",
                             a.getRank(), " and ", b.getRank());
  if (a.getElementType() != b.getElementType())
    return emitOptionalError(loc,
                             "operands must have the same element type, "
                             "got ",
                             a.getElementType(), " and ", b.getElementType());
  int64_t n = a.getShape().back();
  if (a.getShape()[a.getRank() - 2] != n)
    return emitOptionalError(loc, "a must be square matrices [..., N, N], got ",
                             formatShape(a.getShape()));
  int64_t bRows = b.getShape()[b.getRank() - 2];
  if (bRows != n)
    return emitOptionalError(loc, "b must have N = ", n, " rows (those of a ",
                             formatShape(a.getShape()), "), got ",
                             formatShape(b.getShape()));
  auto batch =
      broadcastShapes(a.getShape().drop_back(2), b.getShape().drop_back(2));
  if (!batch)
    return emitOptionalError(loc, "batch dimensions of ",
                             formatShape(a.getShape()), " and ",
                             formatShape(b.getShape()), " do not broadcast");
  SmallVector<int64_t> shape(*batch);
  shape.push_back(n);
  shape.push_back(b.getShape().back());
  types.push_back(RankedTensorType::get(shape, a.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// FftOp
//===----------------------------------------------------------------------===//

LogicalResult FftOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &types) {
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  if (failed(requireStatic(loc, input, "input")))
    return failure();
  if (input.getRank() < 2 || input.getShape().back() != 2)
    return emitOptionalError(loc,
                             "input must be complex values [..., N, 2] "
                             "(real, imaginary), got ",
                             input);
  int64_t n = input.getShape()[input.getRank() - 2];
  if (!llvm::isPowerOf2_64(n))
    return emitOptionalError(loc, "sequence length N (dimension -2 of ", input,
                             ") must be a power of two, got ", n);
  types.push_back(input);
  return success();
}

LogicalResult FftOp::verify() {
  StringRef norm = getNorm();
  if (norm != "backward" && norm != "forward" && norm != "ortho")
    return emitOpError("norm must be \"backward\", \"forward\" or \"ortho\", "
                       "got \"")
           << norm << "\"";
  return success();
}

double FftOp::getScale() {
  auto type = getInput().getType();
  double n = static_cast<double>(type.getShape()[type.getRank() - 2]);
  StringRef norm = getNorm();
  if (norm == "ortho")
    return 1.0 / std::sqrt(n);
  // "backward" scales the inverse transform, "forward" the forward one.
  bool scaled = (norm == "forward") != getInverse();
  return scaled ? 1.0 / n : 1.0;
}
