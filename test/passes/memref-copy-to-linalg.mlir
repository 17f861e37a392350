// RUN: nnc-opt %s -split-input-file --nnc-memref-copy-to-linalg | FileCheck %s

// Copies, strided or not, become linalg.copy.
// CHECK-LABEL: func.func @copies
// CHECK-SAME: (%[[A:.*]]: memref<4x8xf32>, %[[B:.*]]: memref<4x8xf32>, %[[S:.*]]: memref<4x4xf32, strided<[8, 2]>>, %[[D:.*]]: memref<4x4xf32>)
// CHECK: linalg.copy ins(%[[A]] : memref<4x8xf32>) outs(%[[B]] : memref<4x8xf32>)
// CHECK: linalg.copy ins(%[[S]] : memref<4x4xf32, strided<[8, 2]>>) outs(%[[D]] : memref<4x4xf32>)
// CHECK-NOT: memref.copy
func.func @copies(%a: memref<4x8xf32>, %b: memref<4x8xf32>,
                  %s: memref<4x4xf32, strided<[8, 2]>>, %d: memref<4x4xf32>) {
  memref.copy %a, %b : memref<4x8xf32> to memref<4x8xf32>
  memref.copy %s, %d : memref<4x4xf32, strided<[8, 2]>> to memref<4x4xf32>
  return
}

// -----

// Rank 0 too.
// CHECK-LABEL: func.func @scalar
// CHECK: linalg.copy ins(%{{.*}} : memref<f32>) outs(%{{.*}} : memref<f32>)
func.func @scalar(%a: memref<f32>, %b: memref<f32>) {
  memref.copy %a, %b : memref<f32> to memref<f32>
  return
}
