//===- NNDialect.cpp - The nn dialect and its function attributes ---------===//
//
// Registers the ops and checks the `nn.input`, `nn.param` and `nn.output`
// names that entry functions put on their arguments and results.
//
//===----------------------------------------------------------------------===//

#include "ir/NNDialect.h"
#include "ir/NNOps.h"

#include "mlir/Transforms/InliningUtils.h"

using namespace mlir;
using namespace nnc::nn;

#include "ir/NNDialect.cpp.inc"

namespace {

/// nn ops have no side effects and nn.scan's body is an ordinary block, so
/// calls of functions made of nn ops can always be inlined, also into a
/// scan's body (the autodiff pass needs call-free losses).
struct NNInlinerInterface : DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;
  bool isLegalToInline(Operation *, Region *, bool, IRMapping &) const final {
    return true;
  }
  bool isLegalToInline(Region *, Region *, bool, IRMapping &) const final {
    return true;
  }
};

} // namespace

void NNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "ir/NNOps.cpp.inc"
      >();
  addInterfaces<NNInlinerInterface>();
}

/// Argument and result names must be non-empty strings.
static LogicalResult verifyNameAttribute(Operation *op, NamedAttribute attr,
                                         StringRef what, unsigned index) {
  auto name = dyn_cast<StringAttr>(attr.getValue());
  if (!name || name.getValue().empty())
    return op->emitError() << "'" << attr.getName().getValue() << "' on "
                           << what << " #" << index
                           << " must be a non-empty string";
  return success();
}

LogicalResult NNDialect::verifyRegionArgAttribute(Operation *op, unsigned,
                                                  unsigned argIndex,
                                                  NamedAttribute attr) {
  StringRef name = attr.getName().getValue();
  // `nn.output` on an argument marks a destination: lowering turns results
  // into caller-owned out-parameters and moves their names along.
  if (name != kInputAttrName && name != kParamAttrName &&
      name != kOutputAttrName && name != kBufferAttrName &&
      name != kStateAttrName && name != kDerivedAttrName)
    return op->emitError() << "unknown argument attribute '" << name
                           << "', expected '" << kInputAttrName << "', '"
                           << kParamAttrName << "', '" << kBufferAttrName
                           << "', '" << kStateAttrName << "', '"
                           << kDerivedAttrName << "' or '" << kOutputAttrName
                           << "'";
  return verifyNameAttribute(op, attr, "argument", argIndex);
}

LogicalResult NNDialect::verifyRegionResultAttribute(Operation *op, unsigned,
                                                     unsigned resultIndex,
                                                     NamedAttribute attr) {
  StringRef name = attr.getName().getValue();
  if (name != kOutputAttrName)
    return op->emitError() << "unknown result attribute '" << name
                           << "', expected '" << kOutputAttrName << "'";
  return verifyNameAttribute(op, attr, "result", resultIndex);
}
