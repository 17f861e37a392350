// RUN: nnc-opt %s -split-input-file -nnc-lower-nn-to-linalg -canonicalize -nnc-fuse-elementwise | FileCheck %s

// A bias add followed by ReLU is one loop nest; the sum between them is gone.
// CHECK-LABEL: func.func @bias_relu
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<8xf32>)
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} ins(%[[X]], %[[B]] : tensor<4x8xf32>, tensor<8xf32>)
// CHECK: arith.addf
// CHECK: arith.maximumf
// CHECK: return %[[Y]]
// CHECK-NOT: linalg.generic
func.func @bias_relu(%x: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<4x8xf32> {
  %0 = nn.add %x, %b : tensor<4x8xf32>, tensor<8xf32>
  %1 = nn.relu %0 : tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}

// -----

// An elementwise producer joins the reduction that consumes it: the sum of
// exponentials reads x once and never stores exp(x).
// CHECK-LABEL: func.func @sum_of_exp
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]{{.*}} ins(%arg0 : tensor<4x8xf32>)
// CHECK: math.exp
// CHECK: arith.addf
// CHECK-NOT: linalg.generic
func.func @sum_of_exp(%x: tensor<4x8xf32>) -> tensor<4xf32> {
  %0 = nn.exp %x : tensor<4x8xf32>
  %1 = nn.reduce_sum %0 [1] : tensor<4x8xf32>
  return %1 : tensor<4xf32>
}

// -----

// A reshape between two elementwise ops folds away by expanding the loops.
// CHECK-LABEL: func.func @through_reshape
// CHECK-NOT: tensor.collapse_shape
// CHECK: linalg.generic
// CHECK: math.tanh
// CHECK: math.exp
// CHECK-NOT: linalg.generic
// CHECK: tensor.collapse_shape
func.func @through_reshape(%x: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  %0 = nn.tanh %x : tensor<2x3x4xf32>
  %1 = nn.reshape %0 [6, 4] : tensor<2x3x4xf32>
  %2 = nn.exp %1 : tensor<6x4xf32>
  return %2 : tensor<6x4xf32>
}

// -----

// A producer with two consumers is not copied into both.
// CHECK-LABEL: func.func @shared_producer
// CHECK: %[[E:.*]] = linalg.generic
// CHECK: math.exp
// CHECK: linalg.generic {{.*}} ins(%[[E]] :
// CHECK-NOT: math.exp
// CHECK: linalg.generic {{.*}} ins(%[[E]] :
// CHECK-NOT: math.exp
// CHECK: return
func.func @shared_producer(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %0 = nn.exp %x : tensor<8xf32>
  %1 = nn.tanh %0 : tensor<8xf32>
  %2 = nn.sqrt %0 : tensor<8xf32>
  return %1, %2 : tensor<8xf32>, tensor<8xf32>
}

// -----

// The im2col columns stay a separate loop nest and the GEMM a linalg.matmul
// (the runtime kernel's form); only the ReLU joins the layout move after it.
// CHECK-LABEL: func.func @conv_relu
// CHECK: %[[COLS:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]
// CHECK: %[[COLUMNS:.*]] = tensor.collapse_shape %[[COLS]]
// CHECK: %[[P:.*]] = linalg.matmul ins(%{{.*}}, %[[COLUMNS]] : tensor<4x27xf32>, tensor<27x36xf32>)
// CHECK: %[[S:.*]] = tensor.expand_shape %[[P]]
// CHECK: linalg.generic {{.*}} ins(%[[S]] : tensor<4x1x6x6xf32>)
// CHECK: arith.maximumf
func.func @conv_relu(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  %0 = nn.conv %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>,
                       dilation = array<i64: 1, 1>}
      : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  %1 = nn.relu %0 : tensor<1x4x6x6xf32>
  return %1 : tensor<1x4x6x6xf32>
}

// -----

// A matmul neither absorbs the transpose feeding it nor is expanded through
// the reshape after it.
// CHECK-LABEL: func.func @matmul_reshape
// CHECK: linalg.matmul
// CHECK: tensor.expand_shape
func.func @matmul_reshape(%a: tensor<6x4xf32>, %b: tensor<4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = nn.matmul %a, %b : tensor<6x4xf32>, tensor<4x5xf32>
  %1 = nn.reshape %0 [2, 3, 5] : tensor<6x5xf32>
  %2 = nn.sigmoid %1 : tensor<2x3x5xf32>
  return %2 : tensor<2x3x5xf32>
}
