// The default target is sm_90 with PTX ISA 8.0.
// RUN: nnc-opt %s --nnc-nvptx-pipeline \
// RUN:   | FileCheck %s --check-prefixes=CHECK,SM90 \
// RUN:       --implicit-check-not='{{(^|[^a-zA-Z0-9_.])(nn|linalg|tensor|bufferization|memref|scf|cf|arith|math|func)\.[a-z]}}' \
// RUN:       --implicit-check-not=gpu.module
// RUN: nnc-opt %s '--nnc-nvptx-pipeline=chip=sm_80 features=+ptx78 block-size=128' \
// RUN:   | FileCheck %s --check-prefixes=CHECK,SM80 \
// RUN:       --implicit-check-not='{{(^|[^a-zA-Z0-9_.])(nn|linalg|tensor|bufferization|memref|scf|cf|arith|math|func)\.[a-z]}}' \
// RUN:       --implicit-check-not=gpu.module

// A dense layer with bias and ReLU: the host function is LLVM dialect that
// launches kernels (the accumulator's fill, the product, the epilogue), all
// of them in one gpu.binary holding PTX for the chip. Each block has 32
// lanes (thread x) in as many warps (thread y) as block-size allows: 8 of
// 256 threads, 4 of 128.
// CHECK-LABEL: module attributes {gpu.container_module}
// CHECK: llvm.func @dense(
// SM90-DAG: %[[WARPS:.*]] = llvm.mlir.constant(8 : index) : i64
// SM80-DAG: %[[WARPS:.*]] = llvm.mlir.constant(4 : index) : i64
// CHECK-DAG: %[[LANES:.*]] = llvm.mlir.constant(32 : index) : i64
// CHECK: gpu.launch_func @[[MODULE:dense_kernel]]::@{{.*}} blocks in ({{.*}}) threads in (%[[LANES]], %[[WARPS]], {{.*}})
// CHECK: gpu.launch_func @[[MODULE]]::@{{.*}} blocks in ({{.*}}) threads in (%[[LANES]], %[[WARPS]], {{.*}})
// CHECK: gpu.launch_func @[[MODULE]]::@{{.*}} blocks in ({{.*}}) threads in (%[[LANES]], %[[WARPS]], {{.*}})
// CHECK: llvm.return{{$}}
// CHECK: gpu.binary @[[MODULE]] [#gpu.object<#nvvm.target<O = 3,
// SM90-SAME: chip = "sm_90", features = "+ptx80"
// SM80-SAME: chip = "sm_80", features = "+ptx78"
// CHECK-SAME: assembly = "
// SM90-SAME: .version 8.0
// SM90-SAME: .target sm_90
// SM80-SAME: .version 7.8
// SM80-SAME: .target sm_80
// CHECK-SAME: .visible .entry [[MODULE]](
// CHECK-NOT: gpu.binary
func.func @dense(%x: tensor<64x128xf32> {nn.input = "x"},
                 %w: tensor<128x256xf32> {nn.param = "w"},
                 %b: tensor<256xf32> {nn.param = "b"})
    -> (tensor<64x256xf32> {nn.output = "y"}) {
  %0 = nn.matmul %x, %w : tensor<64x128xf32>, tensor<128x256xf32>
  %1 = nn.add %0, %b : tensor<64x256xf32>, tensor<256xf32>
  %2 = nn.relu %1 : tensor<64x256xf32>
  return %2 : tensor<64x256xf32>
}
