// The train step's boundary: params, state, inputs, buffers in that order;
// results replace what they update (named alike), extra results of the
// gradient function (new buffer values) pass through, the loss comes last.
//
// RUN: nnc-opt %s --split-input-file --nnc-optimizer="algorithm=sgd lr=0.5 function=objective_grad" | FileCheck %s

// Interleaved params, inputs and a buffer; the gradient function returns
// the buffer's new value after the gradients, and its loss has no name.
// CHECK-LABEL: func.func @train_step(
// CHECK-SAME:    %[[A:[^:]*]]: tensor<2xf32> {nn.param = "a"},
// CHECK-SAME:    %[[B:[^:]*]]: tensor<3xf32> {nn.param = "b"},
// CHECK-SAME:    %[[X:[^:]*]]: tensor<2xf32> {nn.input = "x"},
// CHECK-SAME:    %[[Y:[^:]*]]: tensor<3xf32> {nn.input = "y"},
// CHECK-SAME:    %[[STATS:[^:]*]]: tensor<3xf32> {nn.buffer = "stats"})
// CHECK-SAME:    -> (tensor<2xf32> {nn.output = "a"}, tensor<3xf32> {nn.output = "b"},
// CHECK-SAME:        tensor<3xf32> {nn.output = "stats"}, tensor<f32> {nn.output = "loss"})
// CHECK:         %[[G:.*]]:4 = call @objective_grad(%[[X]], %[[A]], %[[STATS]], %[[Y]], %[[B]])
// CHECK:         %[[NEWA:.*]] = nn.add %[[A]], %{{.*}}
// CHECK:         %[[NEWB:.*]] = nn.add %[[B]], %{{.*}}
// CHECK:         return %[[NEWA]], %[[NEWB]], %[[G]]#3, %[[G]]#0
func.func @objective_grad(%x: tensor<2xf32> {nn.input = "x"},
                          %a: tensor<2xf32> {nn.param = "a"},
                          %stats: tensor<3xf32> {nn.buffer = "stats"},
                          %y: tensor<3xf32> {nn.input = "y"},
                          %b: tensor<3xf32> {nn.param = "b"})
    -> (tensor<f32>, tensor<2xf32> {nn.output = "a.grad"},
        tensor<3xf32> {nn.output = "b.grad"},
        tensor<3xf32> {nn.output = "stats"}) {
  %pa = nn.mul %x, %a : tensor<2xf32>, tensor<2xf32>
  %pb = nn.mul %y, %b : tensor<3xf32>, tensor<3xf32>
  %la = nn.reduce_sum %pa [] : tensor<2xf32>
  %lb = nn.reduce_sum %pb [] : tensor<3xf32>
  %l = nn.add %la, %lb : tensor<f32>, tensor<f32>
  %s = nn.add %stats, %y : tensor<3xf32>, tensor<3xf32>
  return %l, %x, %y, %s : tensor<f32>, tensor<2xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// f64 params get f64 constants; the loss keeps its own name.
// CHECK-LABEL: func.func @train_step(
// CHECK-SAME:    %[[W:.*]]: tensor<2x2xf64> {nn.param = "w"}
// CHECK-SAME:    -> (tensor<2x2xf64> {nn.output = "w"}, tensor<f64> {nn.output = "nll"})
// CHECK:         arith.constant dense<-5.000000e-01> : tensor<f64>
func.func @objective_grad(%w: tensor<2x2xf64> {nn.param = "w"})
    -> (tensor<f64> {nn.output = "nll"},
        tensor<2x2xf64> {nn.output = "w.grad"}) {
  %l = nn.reduce_sum %w [] : tensor<2x2xf64>
  %g = arith.constant dense<1.0> : tensor<2x2xf64>
  return %l, %g : tensor<f64>, tensor<2x2xf64>
}
