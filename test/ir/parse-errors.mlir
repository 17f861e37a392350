// RUN: nnc-opt %s -split-input-file -verify-diagnostics

// The nn dialect rejects ops it does not define, in the custom and in the
// generic form.
func.func @unknown_op(%x: tensor<4xf32>) {
  // expected-error @+1 {{custom op 'nn.frobnicate' is unknown}}
  %0 = nn.frobnicate %x : tensor<4xf32>
  return
}

// -----

func.func @unknown_generic_op(%x: tensor<4xf32>) {
  // expected-error @+1 {{unregistered operation 'nn.frobnicate' found in dialect ('nn') that does not allow unknown operations}}
  %0 = "nn.frobnicate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return
}
