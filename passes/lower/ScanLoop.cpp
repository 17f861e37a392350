//===- ScanLoop.cpp - nn.scan as an scf.for -------------------------------===//

#include "passes/lower/ScanLoop.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace nnc;

namespace {

/// Offsets, sizes and strides of entry `step` of a stack of `entry` tensors.
struct StepSlice {
  SmallVector<OpFoldResult> offsets, sizes, strides;

  StepSlice(OpBuilder &b, Value step, RankedTensorType entry) {
    offsets.push_back(step);
    sizes.push_back(b.getIndexAttr(1));
    strides.push_back(b.getIndexAttr(1));
    for (int64_t extent : entry.getShape()) {
      offsets.push_back(b.getIndexAttr(0));
      sizes.push_back(b.getIndexAttr(extent));
      strides.push_back(b.getIndexAttr(1));
    }
  }
};

} // namespace

Value nnc::extractStep(OpBuilder &b, Location loc, Value stack, Value step,
                       Type entryType) {
  auto entry = dyn_cast<RankedTensorType>(entryType);
  if (!entry)
    return tensor::ExtractOp::create(b, loc, stack, step);
  StepSlice slice(b, step, entry);
  return tensor::ExtractSliceOp::create(b, loc, entry, stack, slice.offsets,
                                        slice.sizes, slice.strides);
}

Value nnc::insertStep(OpBuilder &b, Location loc, Value value, Value stack,
                      Value step) {
  auto entry = dyn_cast<RankedTensorType>(value.getType());
  if (!entry)
    return tensor::InsertOp::create(b, loc, value, stack, step);
  StepSlice slice(b, step, entry);
  return tensor::InsertSliceOp::create(b, loc, value, stack, slice.offsets,
                                       slice.sizes, slice.strides);
}

scf::ForOp nnc::buildScanLoop(OpBuilder &b, nn::ScanOp scan,
                              ValueRange extraInits, ScanExtraStep extraStep) {
  Location loc = scan.getLoc();
  size_t carried = scan.getInits().size();
  size_t outputs = scan.getOutputs().size();
  SmallVector<Value> inits(scan.getInits());
  for (Type type : scan.getOutputs().getTypes()) {
    auto stack = cast<RankedTensorType>(type);
    inits.push_back(tensor::EmptyOp::create(b, loc, stack.getShape(),
                                            stack.getElementType()));
  }
  inits.append(extraInits.begin(), extraInits.end());
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value length = arith::ConstantIndexOp::create(b, loc, scan.getLength());
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Block &body = scan.getBody().front();
  return scf::ForOp::create(
      b, loc, zero, length, one, inits,
      [&](OpBuilder &nested, Location bodyLoc, Value step, ValueRange args) {
        ValueRange state = args.take_front(carried);
        IRMapping mapping;
        mapping.map(body.getArguments().take_front(carried), state);
        for (auto [arg, sequence] :
             llvm::zip_equal(body.getArguments().drop_front(carried),
                             scan.getSequences()))
          mapping.map(arg, extractStep(nested, bodyLoc, sequence, step,
                                       arg.getType()));
        for (Operation &op : body.without_terminator())
          nested.clone(op, mapping);
        SmallVector<Value> yields;
        Operation *yield = body.getTerminator();
        for (Value v : yield->getOperands().take_front(carried))
          yields.push_back(mapping.lookupOrDefault(v));
        for (auto [k, v] :
             llvm::enumerate(yield->getOperands().drop_front(carried)))
          yields.push_back(insertStep(nested, bodyLoc,
                                      mapping.lookupOrDefault(v),
                                      args[carried + k], step));
        if (extraStep)
          llvm::append_range(yields,
                             extraStep(nested, bodyLoc, step, state,
                                       args.drop_front(carried + outputs)));
        scf::YieldOp::create(nested, bodyLoc, yields);
      });
}
