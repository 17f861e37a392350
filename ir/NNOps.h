//===- NNOps.h - Operations of the nn dialect -------------------*- C++ -*-===//

#ifndef NNC_IR_NNOPS_H
#define NNC_IR_NNOPS_H

#include "ir/GradientOpInterface.h"
#include "ir/NNDialect.h"
#include "ir/SlidingWindow.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace nnc::nn {

/// Result type of a broadcasting binary op: the broadcast shape with the
/// operands' common element type.
llvm::LogicalResult
inferBroadcastBinaryType(std::optional<mlir::Location> loc, mlir::Type lhs,
                         mlir::Type rhs,
                         llvm::SmallVectorImpl<mlir::Type> &types);

/// Result type of a reduction over `axes` (all axes when empty).
llvm::LogicalResult
inferReductionType(std::optional<mlir::Location> loc, mlir::Type input,
                   llvm::ArrayRef<int64_t> axes, bool keepdim,
                   llvm::SmallVectorImpl<mlir::Type> &types);

/// An inherent attribute as `inferReturnTypes` receives it: from the op's
/// properties or, while the op is being parsed or built from a generic
/// attribute list, from its attribute dictionary, where values written in
/// `attr-dict` still are (llvm/llvm-project#193284). Null where neither has
/// it, so a default-valued attribute must be defaulted by the caller.
template <typename AttrT>
AttrT inherentAttr(AttrT fromProperties, mlir::DictionaryAttr attributes,
                   llvm::StringRef name) {
  if (fromProperties)
    return fromProperties;
  return attributes ? attributes.getAs<AttrT>(name) : AttrT();
}

/// Turns a possibly negative axis into one in [0, rank), or nothing where it
/// is out of range.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank);

/// Every nn op works on static shapes; this says so (naming the operand as
/// `what`) where `type` is not static.
llvm::LogicalResult requireStatic(std::optional<mlir::Location> loc,
                                  mlir::RankedTensorType type,
                                  llvm::StringRef what);

/// A loss's `reduction` as `inferReturnTypes` sees it in the loss op's
/// `adaptor`, "mean" where it is not given.
template <typename LossAdaptor>
llvm::StringRef reductionOf(LossAdaptor adaptor) {
  mlir::StringAttr attr = inherentAttr(adaptor.getReductionAttr(),
                                       adaptor.getAttributes(), "reduction");
  return attr ? attr.getValue() : llvm::StringRef("mean");
}

/// The type of a loss after `reduction` ("none", "mean" or "sum") of
/// per-element values of `shape`; an error for any other reduction.
llvm::LogicalResult inferLossType(std::optional<mlir::Location> loc,
                                  llvm::StringRef reduction,
                                  llvm::ArrayRef<int64_t> shape,
                                  mlir::Type elementType,
                                  llvm::SmallVectorImpl<mlir::Type> &types);

/// The type of a loss of `input` against a `target` of the same type (a
/// message names them where the types differ) after `reduction`.
llvm::LogicalResult
inferSameTypeLossType(std::optional<mlir::Location> loc, mlir::Type input,
                      mlir::Type target, llvm::StringRef reduction,
                      llvm::SmallVectorImpl<mlir::Type> &types);

/// `inferSameTypeLossType` for a loss op with `input` and `target` operands
/// and a `reduction`, read from its `adaptor`.
template <typename LossAdaptor>
llvm::LogicalResult
inferSameTypeLossType(std::optional<mlir::Location> loc, LossAdaptor adaptor,
                      llvm::SmallVectorImpl<mlir::Type> &types) {
  return inferSameTypeLossType(loc, adaptor.getInput().getType(),
                               adaptor.getTarget().getType(),
                               reductionOf(adaptor), types);
}

} // namespace nnc::nn

#include "ir/NNOpsEnums.h.inc"

#define GET_OP_CLASSES
#include "ir/NNOps.h.inc"

#endif // NNC_IR_NNOPS_H
