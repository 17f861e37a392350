//===- NNDialect.td - The nn dialect and its op base class -*- tablegen -*-===//
//
// The `nn` dialect holds neural-network operations at the level a model
// author thinks in. Ops work on builtin ranked tensors with value semantics.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_NNDIALECT_TD
#define NNC_IR_NNDIALECT_TD

include "mlir/IR/OpBase.td"

def NN_Dialect : Dialect {
  let name = "nn";
  let cppNamespace = "::nnc::nn";
  let summary = "Neural-network operations on ranked tensors";
  let description = [{
    Ops mirror PyTorch's reference semantics. Entry functions mark their
    arguments with `nn.input = "name"` or `nn.param = "name"` and their
    results with `nn.output = "name"`; compiled models expose those names.
    `nn.buffer` names non-trainable model state kept with the weights, and
    `nn.state` names optimizer state of a compiled train step, and
    `nn.derived` a tensor the entry's prepare function computes from the
    weights once they are loaded.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
  let hasRegionArgAttrVerify = 1;
  let hasRegionResultAttrVerify = 1;
  let extraClassDeclaration = [{
    /// Attribute naming a model input on an entry function argument.
    static constexpr ::llvm::StringLiteral kInputAttrName = "nn.input";
    /// Attribute naming a trainable parameter (a weight) on an argument.
    static constexpr ::llvm::StringLiteral kParamAttrName = "nn.param";
    /// Attribute naming a model output on an entry function result.
    static constexpr ::llvm::StringLiteral kOutputAttrName = "nn.output";
    /// Attribute naming non-trainable model state on an argument (running
    /// statistics): stored with the weights, never differentiated.
    static constexpr ::llvm::StringLiteral kBufferAttrName = "nn.buffer";
    /// Attribute naming optimizer state on a train step's argument.
    static constexpr ::llvm::StringLiteral kStateAttrName = "nn.state";
    /// Attribute naming a tensor computed from the weights once, by the
    /// entry's prepare function, on an argument.
    static constexpr ::llvm::StringLiteral kDerivedAttrName = "nn.derived";
  }];
}

/// Base class of every nn op.
class NN_Op<string mnemonic, list<Trait> traits = []>
    : Op<NN_Dialect, mnemonic, traits>;

#endif // NNC_IR_NNDIALECT_TD
