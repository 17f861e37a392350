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
