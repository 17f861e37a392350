// RUN: nnc-opt %s -split-input-file --nnc-cpu-microkernels --canonicalize | FileCheck %s

// A zero-filled dense f32 matmul becomes one call to the runtime's kernel and
// the fill disappears.
// The arguments are A, B, C, then m, n, k, then the row strides of A, B, C.
// CHECK: func.func private @nnc_uk_matmul_f32(!llvm.ptr, !llvm.ptr, !llvm.ptr, i64, i64, i64, i64, i64, i64)
// CHECK-LABEL: func.func @dense
// CHECK-SAME: (%[[A:.*]]: memref<8x64xf32>, %[[B:.*]]: memref<64x10xf32>, %[[C:.*]]: memref<8x10xf32>)
// CHECK-DAG: %[[K:.*]] = arith.constant 64 : i64
// CHECK-DAG: %[[N:.*]] = arith.constant 10 : i64
// CHECK-DAG: %[[M:.*]] = arith.constant 8 : i64
// CHECK-NOT: linalg.fill
// CHECK: memref.extract_strided_metadata %[[A]]
// CHECK: memref.extract_aligned_pointer_as_index
// CHECK: %[[AP:.*]] = llvm.inttoptr
// CHECK: memref.extract_strided_metadata %[[B]]
// CHECK: memref.extract_aligned_pointer_as_index
// CHECK: %[[BP:.*]] = llvm.inttoptr
// CHECK: memref.extract_strided_metadata %[[C]]
// CHECK: memref.extract_aligned_pointer_as_index
// CHECK: %[[CP:.*]] = llvm.inttoptr
// CHECK: call @nnc_uk_matmul_f32(%[[AP]], %[[BP]], %[[CP]], %[[M]], %[[N]], %[[K]], %[[K]], %[[N]], %[[N]])
// CHECK-NOT: linalg.matmul
func.func @dense(%a: memref<8x64xf32>, %b: memref<64x10xf32>, %c: memref<8x10xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<8x10xf32>)
  linalg.matmul ins(%a, %b : memref<8x64xf32>, memref<64x10xf32>) outs(%c : memref<8x10xf32>)
  return
}

// -----

// A matmul reading B transposed (Bt is [n, k]) calls the transposed-B kernel
// on Bt's own buffer.
// CHECK: func.func private @nnc_uk_matmul_nt_f32(!llvm.ptr, !llvm.ptr, !llvm.ptr, i64, i64, i64, i64, i64, i64)
// CHECK-LABEL: func.func @transposed_b
// CHECK-SAME: (%[[A:.*]]: memref<8x64xf32>, %[[BT:.*]]: memref<10x64xf32>, %[[C:.*]]: memref<8x10xf32>)
// CHECK-DAG: %[[K:.*]] = arith.constant 64 : i64
// CHECK-DAG: %[[N:.*]] = arith.constant 10 : i64
// CHECK-DAG: %[[M:.*]] = arith.constant 8 : i64
// CHECK-NOT: linalg.fill
// CHECK: memref.extract_strided_metadata %[[A]]
// CHECK: memref.extract_aligned_pointer_as_index
// CHECK: %[[AP:.*]] = llvm.inttoptr
// CHECK: memref.extract_strided_metadata %[[BT]]
// CHECK: memref.extract_aligned_pointer_as_index
// CHECK: %[[BP:.*]] = llvm.inttoptr
// CHECK: memref.extract_strided_metadata %[[C]]
// CHECK: memref.extract_aligned_pointer_as_index
// CHECK: %[[CP:.*]] = llvm.inttoptr
// CHECK: call @nnc_uk_matmul_nt_f32(%[[AP]], %[[BP]], %[[CP]], %[[M]], %[[N]], %[[K]], %[[K]], %[[K]], %[[N]])
// CHECK-NOT: linalg.matmul
func.func @transposed_b(%a: memref<8x64xf32>, %bt: memref<10x64xf32>, %c: memref<8x10xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<8x10xf32>)
  linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>,
                                 affine_map<(d0, d1, d2) -> (d1, d2)>,
                                 affine_map<(d0, d1, d2) -> (d0, d1)>]
    ins(%a, %bt : memref<8x64xf32>, memref<10x64xf32>) outs(%c : memref<8x10xf32>)
  return
}

// -----

// A matmul reading A transposed (At is [k, m]) calls the transposed-A kernel
// on At's own buffer; k comes from At's rows and At's row stride is m.
// CHECK: func.func private @nnc_uk_matmul_tn_f32(!llvm.ptr, !llvm.ptr, !llvm.ptr, i64, i64, i64, i64, i64, i64)
// CHECK-LABEL: func.func @transposed_a
// CHECK-DAG: %[[K:.*]] = arith.constant 64 : i64
// CHECK-DAG: %[[N:.*]] = arith.constant 10 : i64
// CHECK-DAG: %[[M:.*]] = arith.constant 8 : i64
// CHECK-NOT: linalg.fill
// CHECK: call @nnc_uk_matmul_tn_f32(%{{.*}}, %{{.*}}, %{{.*}}, %[[M]], %[[N]], %[[K]], %[[M]], %[[N]], %[[N]])
// CHECK-NOT: linalg.matmul
func.func @transposed_a(%at: memref<64x8xf32>, %b: memref<64x10xf32>, %c: memref<8x10xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<8x10xf32>)
  linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d0)>,
                                 affine_map<(d0, d1, d2) -> (d2, d1)>,
                                 affine_map<(d0, d1, d2) -> (d0, d1)>]
    ins(%at, %b : memref<64x8xf32>, memref<64x10xf32>) outs(%c : memref<8x10xf32>)
  return
}

// -----

// A batch of transposed-B products (attention's q k^T) is a parallel loop
// over the batch, each entry's matrices batch * rows * columns elements on.
// CHECK-LABEL: func.func @batch_transposed_b
// CHECK-SAME: (%[[A:.*]]: memref<6x5x4xf32>, %[[BT:.*]]: memref<6x7x4xf32>, %[[C:.*]]: memref<6x5x7xf32>)
// CHECK-NOT: linalg.fill
// CHECK-DAG: %[[AS:.*]] = arith.constant 20 : i64
// CHECK-DAG: %[[BS:.*]] = arith.constant 28 : i64
// CHECK-DAG: %[[CS:.*]] = arith.constant 35 : i64
// CHECK-DAG: %[[BATCH:.*]] = arith.constant 6 : index
// CHECK: scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%[[BATCH]])
// CHECK: %[[E:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK: %[[AO:.*]] = arith.muli %[[E]], %[[AS]]
// CHECK: %[[AP:.*]] = llvm.getelementptr %{{.*}}[%[[AO]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: %[[BO:.*]] = arith.muli %[[E]], %[[BS]]
// CHECK: %[[BP:.*]] = llvm.getelementptr %{{.*}}[%[[BO]]]
// CHECK: %[[CO:.*]] = arith.muli %[[E]], %[[CS]]
// CHECK: %[[CP:.*]] = llvm.getelementptr %{{.*}}[%[[CO]]]
// CHECK: call @nnc_uk_matmul_nt_f32(%[[AP]], %[[BP]], %[[CP]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}})
// CHECK-NOT: linalg.batch_matmul
func.func @batch_transposed_b(%a: memref<6x5x4xf32>, %bt: memref<6x7x4xf32>, %c: memref<6x5x7xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<6x5x7xf32>)
  linalg.batch_matmul indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>,
                                       affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>,
                                       affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>]
    ins(%a, %bt : memref<6x5x4xf32>, memref<6x7x4xf32>) outs(%c : memref<6x5x7xf32>)
  return
}

// -----

// Maps that broadcast an operand are not what any kernel takes.
// CHECK-LABEL: func.func @broadcast_b
// CHECK: linalg.matmul
// CHECK-NOT: call @nnc_uk_matmul
func.func @broadcast_b(%a: memref<8x64xf32>, %b: memref<64xf32>, %c: memref<8x10xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<8x10xf32>)
  linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>,
                                 affine_map<(d0, d1, d2) -> (d2)>,
                                 affine_map<(d0, d1, d2) -> (d0, d1)>]
    ins(%a, %b : memref<8x64xf32>, memref<64xf32>) outs(%c : memref<8x10xf32>)
  return
}

// -----

// Accumulating onto existing values is not what the kernel computes.
// CHECK-LABEL: func.func @accumulate
// CHECK: linalg.matmul
// CHECK-NOT: call @nnc_uk_matmul_f32
func.func @accumulate(%a: memref<8x64xf32>, %b: memref<64x10xf32>, %c: memref<8x10xf32>) {
  linalg.matmul ins(%a, %b : memref<8x64xf32>, memref<64x10xf32>) outs(%c : memref<8x10xf32>)
  return
}

// -----

// A fill with another value stays a fill and a matmul.
// CHECK-LABEL: func.func @one_filled
// CHECK: linalg.fill
// CHECK: linalg.matmul
func.func @one_filled(%a: memref<8x64xf32>, %b: memref<64x10xf32>, %c: memref<8x10xf32>) {
  %one = arith.constant 1.0 : f32
  linalg.fill ins(%one : f32) outs(%c : memref<8x10xf32>)
  linalg.matmul ins(%a, %b : memref<8x64xf32>, memref<64x10xf32>) outs(%c : memref<8x10xf32>)
  return
}

// -----

// A use of the output between the fill and the matmul keeps both.
// CHECK-LABEL: func.func @read_between
// CHECK: linalg.fill
// CHECK: memref.load
// CHECK: linalg.matmul
func.func @read_between(%a: memref<8x64xf32>, %b: memref<64x10xf32>, %c: memref<8x10xf32>) -> f32 {
  %zero = arith.constant 0.0 : f32
  %i = arith.constant 0 : index
  linalg.fill ins(%zero : f32) outs(%c : memref<8x10xf32>)
  %v = memref.load %c[%i, %i] : memref<8x10xf32>
  linalg.matmul ins(%a, %b : memref<8x64xf32>, memref<64x10xf32>) outs(%c : memref<8x10xf32>)
  return %v : f32
}

// -----

// Tiles sliced out of larger buffers (rows contiguous, a row stride and an
// offset of their own) are passed as the address of their first element and
// their row stride: here a 64 x 64 tile at row %i of a 512 x 64 buffer, by
// the first 128 columns of a 64 x 256 one.
// CHECK-LABEL: func.func @tiles
// CHECK-SAME: (%[[A:.*]]: memref<512x64xf32>, %[[B:.*]]: memref<64x256xf32>, %[[C:.*]]: memref<64x128xf32>, %[[I:.*]]: index)
// CHECK-DAG: %[[C64:.*]] = arith.constant 64 : i64
// CHECK-DAG: %[[C128:.*]] = arith.constant 128 : i64
// CHECK-DAG: %[[C256:.*]] = arith.constant 256 : i64
// CHECK: %[[TILE:.*]] = memref.subview %[[A]][%[[I]], 0] [64, 64] [1, 1]
// CHECK: %{{.*}}, %[[OFFSET:.*]], %{{.*}}:2, %{{.*}}:2 = memref.extract_strided_metadata %[[TILE]]
// CHECK: %[[FIRST:.*]] = arith.index_cast %[[OFFSET]] : index to i64
// CHECK: %[[AP:.*]] = llvm.getelementptr %{{.*}}[%[[FIRST]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: call @nnc_uk_matmul_f32(%[[AP]], %{{.*}}, %{{.*}}, %[[C64]], %[[C128]], %[[C64]], %[[C64]], %[[C256]], %[[C128]])
func.func @tiles(%a: memref<512x64xf32>, %b: memref<64x256xf32>, %c: memref<64x128xf32>, %i: index) {
  %zero = arith.constant 0.0 : f32
  %ta = memref.subview %a[%i, 0] [64, 64] [1, 1] : memref<512x64xf32> to memref<64x64xf32, strided<[64, 1], offset: ?>>
  %tb = memref.subview %b[0, 0] [64, 128] [1, 1] : memref<64x256xf32> to memref<64x128xf32, strided<[256, 1]>>
  linalg.fill ins(%zero : f32) outs(%c : memref<64x128xf32>)
  linalg.matmul ins(%ta, %tb : memref<64x64xf32, strided<[64, 1], offset: ?>>, memref<64x128xf32, strided<[256, 1]>>) outs(%c : memref<64x128xf32>)
  return
}

// -----

// Views whose rows are not contiguous, f64 and dynamic shapes are left to
// loop codegen.
// CHECK-LABEL: func.func @not_covered
// CHECK-COUNT-3: linalg.matmul
// CHECK-NOT: call @nnc_uk_matmul_f32
func.func @not_covered(%a: memref<8x64xf32, strided<[128, 2]>>, %b: memref<64x10xf32>, %c: memref<8x10xf32>,
                       %d: memref<8x8xf64>, %e: memref<?x8xf32>, %f: memref<8x8xf32>, %g: memref<?x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %zero64 = arith.constant 0.0 : f64
  linalg.fill ins(%zero : f32) outs(%c : memref<8x10xf32>)
  linalg.matmul ins(%a, %b : memref<8x64xf32, strided<[128, 2]>>, memref<64x10xf32>) outs(%c : memref<8x10xf32>)
  linalg.fill ins(%zero64 : f64) outs(%d : memref<8x8xf64>)
  linalg.matmul ins(%d, %d : memref<8x8xf64>, memref<8x8xf64>) outs(%d : memref<8x8xf64>)
  linalg.fill ins(%zero : f32) outs(%g : memref<?x8xf32>)
  linalg.matmul ins(%e, %f : memref<?x8xf32>, memref<8x8xf32>) outs(%g : memref<?x8xf32>)
  return
}

// -----

// A zero-filled 3x3 convolution with stride 1 becomes a call of the
// Winograd kernel: x, w, y, then n, c, f, the output's height and width,
// the dilations (here 1), then the outer three strides of x and of y. Here
// x is a slice of a larger buffer (its images 4 apart), and the fill
// disappears.
// CHECK-LABEL: func.func @conv3x3
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : i64
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : i64
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : i64
// CHECK-DAG: %[[C32:.*]] = arith.constant 32 : i64
// CHECK-DAG: %[[C34:.*]] = arith.constant 34 : i64
// CHECK-DAG: %[[C1024:.*]] = arith.constant 1024 : i64
// CHECK-DAG: %[[C1156:.*]] = arith.constant 1156 : i64
// CHECK-DAG: %[[C9248:.*]] = arith.constant 9248 : i64
// CHECK-DAG: %[[C16384:.*]] = arith.constant 16384 : i64
// CHECK-NOT: linalg.fill
// CHECK: call @nnc_uk_conv3x3_f32(%{{.*}}, %{{.*}}, %{{.*}}, %[[C1]], %[[C8]], %[[C16]], %[[C32]], %[[C32]], %[[C1]], %[[C1]], %[[C9248]], %[[C1156]], %[[C34]], %[[C16384]], %[[C1024]], %[[C32]])
// CHECK-NOT: linalg.conv_2d_nchw_fchw
func.func @conv3x3(%x: memref<4x8x34x34xf32>, %w: memref<16x8x3x3xf32>,
                   %y: memref<1x16x32x32xf32>, %i: index) {
  %zero = arith.constant 0.0 : f32
  %image = memref.subview %x[%i, 0, 0, 0] [1, 8, 34, 34] [1, 1, 1, 1]
      : memref<4x8x34x34xf32> to memref<1x8x34x34xf32, strided<[9248, 1156, 34, 1], offset: ?>>
  linalg.fill ins(%zero : f32) outs(%y : memref<1x16x32x32xf32>)
  linalg.conv_2d_nchw_fchw ins(%image, %w : memref<1x8x34x34xf32, strided<[9248, 1156, 34, 1], offset: ?>>, memref<16x8x3x3xf32>)
      outs(%y : memref<1x16x32x32xf32>)
  return
}

// -----

// A dilated convolution passes its dilations (2 and 3). Left to loop
// codegen: a strided convolution, and one whose output is not zero-filled
// right before.
// CHECK-LABEL: func.func @conv_not_covered
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : i64
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : i64
// CHECK: linalg.conv_2d_nchw_fchw {{.*}}strides = dense<2>
// CHECK: call @nnc_uk_conv3x3_f32(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[C2]], %[[C3]],
// CHECK: linalg.conv_2d_nchw_fchw ins
// CHECK-NOT: call @nnc_uk_conv3x3_f32
func.func @conv_not_covered(%x: memref<1x8x34x34xf32>, %w: memref<16x8x3x3xf32>,
                            %s: memref<1x16x16x16xf32>, %d: memref<1x16x30x28xf32>,
                            %y: memref<1x16x32x32xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%s : memref<1x16x16x16xf32>)
  linalg.conv_2d_nchw_fchw {strides = dense<2> : tensor<2xi64>}
      ins(%x, %w : memref<1x8x34x34xf32>, memref<16x8x3x3xf32>)
      outs(%s : memref<1x16x16x16xf32>)
  linalg.fill ins(%zero : f32) outs(%d : memref<1x16x30x28xf32>)
  linalg.conv_2d_nchw_fchw {dilations = dense<[2, 3]> : tensor<2xi64>}
      ins(%x, %w : memref<1x8x34x34xf32>, memref<16x8x3x3xf32>)
      outs(%d : memref<1x16x30x28xf32>)
  linalg.conv_2d_nchw_fchw
      ins(%x, %w : memref<1x8x34x34xf32>, memref<16x8x3x3xf32>)
      outs(%y : memref<1x16x32x32xf32>)
  return
}
