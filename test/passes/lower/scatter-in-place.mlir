// RUN: nnc-opt %s --nnc-lower-nn-to-linalg \
// RUN:   --one-shot-bufferize="bufferize-function-boundaries allow-return-allocs-from-loops function-boundary-type-conversion=identity-layout-map" \
// RUN:   --buffer-results-to-out-params="modify-public-functions hoist-static-allocs" \
// RUN:   --cse --canonicalize | FileCheck %s

// The slice updates of nn.scatter_add's loop bufferize in place, with the
// options and the cleanup of codegen/Pipelines.cpp's buildBufferizedLinalg:
// each step adds one 2x1x3 source slice into a subview of the result
// buffer, with no allocation and no copy inside the loop (which would make
// the op quadratic again); the result is copied once, into the caller's
// output buffer.
// CHECK-LABEL: func.func @scatter_add
// CHECK-SAME: (%[[D:.*]]: memref<2x5x3xf32>, %[[I:.*]]: memref<4xi64>, %[[S:.*]]: memref<2x4x3xf32>, %[[OUT:.*]]: memref<2x5x3xf32>)
// CHECK-NOT: memref.alloc
// CHECK: scf.for %[[K:.*]] =
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.copy
// CHECK: %[[T:.*]] = memref.load %[[I]][%[[K]]] : memref<4xi64>
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.copy
// CHECK: scf.if
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.copy
// CHECK: %[[FROM:.*]] = memref.subview %[[S]][0, %[[K]], 0] [2, 1, 3] [1, 1, 1]
// CHECK: %[[TO:.*]] = memref.subview %[[D]][0, %{{.*}}, 0] [2, 1, 3] [1, 1, 1]
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[FROM]] : {{.*}}) outs(%[[TO]] : {{.*}})
// CHECK: arith.addf
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.copy
// CHECK: }
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: memref.copy %[[D]], %[[OUT]]
// CHECK-NEXT: return
func.func @scatter_add(%d: tensor<2x5x3xf32>, %i: tensor<4xi64>, %s: tensor<2x4x3xf32>) -> tensor<2x5x3xf32> {
  %0 = nn.scatter_add %d, %i, %s {axis = 1} : tensor<2x5x3xf32>, tensor<4xi64>, tensor<2x4x3xf32>
  return %0 : tensor<2x5x3xf32>
}
