//===- GradientOpInterface.td - Reverse-mode rules of ops --*- tablegen -*-===//
//
// Every differentiable nn op carries its own vector-Jacobian product: given
// the gradients of its results it builds the gradients of its operands out
// of nn ops, so the gradient is itself differentiable (second order).
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_GRADIENTOPINTERFACE_TD
#define NNC_IR_GRADIENTOPINTERFACE_TD

include "mlir/IR/OpBase.td"

def NN_GradientOpInterface : OpInterface<"GradientOpInterface"> {
  let cppNamespace = "::nnc::nn";
  let description = [{
    The reverse-mode rule of an op. `nnc-autodiff` calls it once per op on
    the path from the parameters to the loss, in reverse program order.
  }];
  let methods = [
    InterfaceMethod<[{
        Builds, at the builder's insertion point and location, the gradient
        of the loss with respect to each operand from the gradients of the
        results (one per result; a float result that nothing differentiates
        gets zeros). `operandGradients` arrives with one null value per
        operand; the rule sets those it defines, with the operand's type.
        A null entry means the operand receives no gradient: it is not a
        float tensor, or the op is constant in it. Fails with a diagnostic
        on the op when the rule cannot be built.
      }],
      "::llvm::LogicalResult", "buildGradients",
      (ins "::mlir::ImplicitLocOpBuilder &":$builder,
           "::llvm::ArrayRef<::mlir::Value>":$resultGradients,
           "::llvm::SmallVectorImpl<::mlir::Value> &":$operandGradients)>,
  ];
}

#endif // NNC_IR_GRADIENTOPINTERFACE_TD
