// RUN: nnc-opt %s --nnc-kernel-report="label=test" -o /dev/null 2>&1 | FileCheck %s

// A bias add over [4, 8] f32 (reads x 128 bytes and b 32, writes y 128) and
// a zero fill of y (128): 2 kernels, 416 bytes.
// CHECK: kernel report (test): @bias: 2 kernels, 416 bytes moved (0.000 MB)
func.func @bias(%x: memref<4x8xf32>, %b: memref<8xf32>, %y: memref<4x8xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%y : memref<4x8xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>,
                                   affine_map<(i, j) -> (j)>,
                                   affine_map<(i, j) -> (i, j)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x, %b : memref<4x8xf32>, memref<8xf32>) outs(%y : memref<4x8xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    linalg.yield %s : f32
  }
  return
}

// A copy of 64 bytes each way inside a loop of 3 iterations counts 3 times.
// CHECK: kernel report (test): @copies: 3 kernels, 384 bytes moved (0.000 MB)
func.func @copies(%x: memref<16xf32>, %y: memref<16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  scf.for %i = %c0 to %c3 step %c1 {
    memref.copy %x, %y : memref<16xf32> to memref<16xf32>
  }
  return
}

// A loop whose bound is known only at run time counts once, and says so.
// CHECK: kernel report (test): @runtime_trips: 1 kernels, 128 bytes moved (0.000 MB) (loops with run-time bounds counted once)
func.func @runtime_trips(%x: memref<16xf32>, %y: memref<16xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    memref.copy %x, %y : memref<16xf32> to memref<16xf32>
  }
  return
}

// Tiles of a parallel loop (4 iterations) each copy a row into a buffer of
// their own and back out: 8 kernels of 128 bytes, half of the bytes in the
// tiles' buffers.
// CHECK: kernel report (test): @tiles: 8 kernels, 1024 bytes moved (0.001 MB), 512 of them (0.001 MB) in buffers of one loop iteration
func.func @tiles(%x: memref<4x16xf32>, %y: memref<4x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    %tile = memref.alloc() : memref<16xf32>
    %row = memref.subview %x[%i, 0] [1, 16] [1, 1] : memref<4x16xf32> to memref<16xf32, strided<[1], offset: ?>>
    memref.copy %row, %tile : memref<16xf32, strided<[1], offset: ?>> to memref<16xf32>
    %out = memref.subview %y[%i, 0] [1, 16] [1, 1] : memref<4x16xf32> to memref<16xf32, strided<[1], offset: ?>>
    memref.copy %tile, %out : memref<16xf32> to memref<16xf32, strided<[1], offset: ?>>
    memref.dealloc %tile : memref<16xf32>
    scf.reduce
  }
  return
}
