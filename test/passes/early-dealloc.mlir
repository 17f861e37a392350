// RUN: nnc-opt %s -split-input-file -nnc-early-dealloc | FileCheck %s

// Each buffer is freed right after its last use instead of at the end.
// CHECK-LABEL: func.func @chain
// CHECK: %[[A:.*]] = memref.alloc
// CHECK: linalg.copy ins(%{{.*}} : memref<4xf32>) outs(%[[A]]
// CHECK: %[[B:.*]] = memref.alloc
// CHECK: linalg.copy ins(%[[A]] : memref<4xf32>) outs(%[[B]]
// CHECK-NEXT: memref.dealloc %[[A]]
// CHECK: linalg.copy ins(%[[B]] : memref<4xf32>) outs(%{{.*}}
// CHECK-NEXT: memref.dealloc %[[B]]
// CHECK-NEXT: return
func.func @chain(%in: memref<4xf32>, %out: memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  linalg.copy ins(%in : memref<4xf32>) outs(%a : memref<4xf32>)
  %b = memref.alloc() : memref<4xf32>
  linalg.copy ins(%a : memref<4xf32>) outs(%b : memref<4xf32>)
  linalg.copy ins(%b : memref<4xf32>) outs(%out : memref<4xf32>)
  memref.dealloc %a : memref<4xf32>
  memref.dealloc %b : memref<4xf32>
  return
}

// -----

// A use through a view, or through a pointer taken for a call, keeps the
// buffer alive until that use.
// CHECK-LABEL: func.func @derived
// CHECK: %[[A:.*]] = memref.alloc
// CHECK: %[[V:.*]] = memref.collapse_shape %[[A]]
// CHECK: %[[P:.*]] = memref.extract_aligned_pointer_as_index %[[A]]
// CHECK: linalg.copy ins(%[[V]]
// CHECK: call @consume(%[[P]])
// CHECK-NEXT: memref.dealloc %[[A]]
func.func private @consume(index)
func.func @derived(%in: memref<2x2xf32>, %out: memref<4xf32>) {
  %a = memref.alloc() : memref<2x2xf32>
  linalg.copy ins(%in : memref<2x2xf32>) outs(%a : memref<2x2xf32>)
  %v = memref.collapse_shape %a [[0, 1]] : memref<2x2xf32> into memref<4xf32>
  %p = memref.extract_aligned_pointer_as_index %a : memref<2x2xf32> -> index
  linalg.copy ins(%v : memref<4xf32>) outs(%out : memref<4xf32>)
  call @consume(%p) : (index) -> ()
  memref.dealloc %a : memref<2x2xf32>
  return
}

// -----

// A buffer freed in another block than the one that allocates it stays.
// CHECK-LABEL: func.func @other_block
// CHECK: scf.if
// CHECK-NEXT: memref.dealloc
func.func @other_block(%c: i1, %in: memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  linalg.copy ins(%in : memref<4xf32>) outs(%a : memref<4xf32>)
  scf.if %c {
    memref.dealloc %a : memref<4xf32>
  }
  return
}
