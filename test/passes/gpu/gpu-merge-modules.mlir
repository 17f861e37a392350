// RUN: nnc-opt %s -split-input-file --nnc-gpu-merge-modules | FileCheck %s

// Kernels of every gpu.module move into the first one; a kernel whose name
// is taken is renamed, and each launch follows its kernel.
// CHECK-LABEL: module attributes {gpu.container_module}
// CHECK: gpu.module @main_kernel {
// CHECK-NEXT: gpu.func @main_kernel(%{{.*}}: memref<4xf32>) kernel
// CHECK: gpu.func @main_kernel_0(%{{.*}}: memref<4xf32>) kernel
// CHECK: arith.addf
// CHECK: gpu.func @relu(%{{.*}}: memref<4xf32>) kernel
// CHECK: arith.maximumf
// CHECK-NOT: gpu.module
// CHECK: func.func @host
// CHECK-NEXT: %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT: gpu.launch_func @main_kernel::@main_kernel blocks
// CHECK-NEXT: gpu.launch_func @main_kernel::@main_kernel_0 blocks
// CHECK-NEXT: gpu.launch_func @main_kernel::@relu blocks
module attributes {gpu.container_module} {
  gpu.module @main_kernel {
    gpu.func @main_kernel(%arg0: memref<4xf32>) kernel {
      gpu.return
    }
  }
  gpu.module @main_kernel_0 {
    gpu.func @main_kernel(%arg0: memref<4xf32>) kernel {
      %c0 = arith.constant 0 : index
      %x = memref.load %arg0[%c0] : memref<4xf32>
      %y = arith.addf %x, %x : f32
      memref.store %y, %arg0[%c0] : memref<4xf32>
      gpu.return
    }
  }
  gpu.module @other {
    gpu.func @relu(%arg0: memref<4xf32>) kernel {
      %c0 = arith.constant 0 : index
      %zero = arith.constant 0.0 : f32
      %x = memref.load %arg0[%c0] : memref<4xf32>
      %y = arith.maximumf %x, %zero : f32
      memref.store %y, %arg0[%c0] : memref<4xf32>
      gpu.return
    }
  }
  func.func @host(%m: memref<4xf32>) {
    %c1 = arith.constant 1 : index
    gpu.launch_func @main_kernel::@main_kernel
        blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
        args(%m : memref<4xf32>)
    gpu.launch_func @main_kernel_0::@main_kernel
        blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
        args(%m : memref<4xf32>)
    gpu.launch_func @other::@relu
        blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
        args(%m : memref<4xf32>)
    return
  }
}

// -----

// Other symbols move too. When two modules hold different globals of the
// same name, the second is renamed and its kernel reads the renamed one.
// CHECK-LABEL: module attributes {gpu.container_module}
// CHECK: gpu.module @a {
// CHECK-NEXT: memref.global "private" constant @table : memref<2xf32> = dense<[1.000000e+00, 2.000000e+00]>
// CHECK-NEXT: gpu.func @ka
// CHECK-NEXT: memref.get_global @table : memref<2xf32>
// CHECK: memref.global "private" constant @[[TABLE_B:.*]] : memref<2xf32> = dense<[5.000000e+00, 6.000000e+00]>
// CHECK-NEXT: gpu.func @kb
// CHECK-NEXT: memref.get_global @[[TABLE_B]] : memref<2xf32>
// CHECK-NOT: gpu.module
// CHECK: gpu.launch_func @a::@ka
// CHECK: gpu.launch_func @a::@kb
module attributes {gpu.container_module} {
  gpu.module @a {
    memref.global "private" constant @table : memref<2xf32> = dense<[1.0, 2.0]>
    gpu.func @ka(%arg0: memref<2xf32>) kernel {
      %g = memref.get_global @table : memref<2xf32>
      memref.copy %g, %arg0 : memref<2xf32> to memref<2xf32>
      gpu.return
    }
  }
  gpu.module @b {
    memref.global "private" constant @table : memref<2xf32> = dense<[5.0, 6.0]>
    gpu.func @kb(%arg0: memref<2xf32>) kernel {
      %g = memref.get_global @table : memref<2xf32>
      memref.copy %g, %arg0 : memref<2xf32> to memref<2xf32>
      gpu.return
    }
  }
  func.func @host(%m: memref<2xf32>) {
    %c1 = arith.constant 1 : index
    gpu.launch_func @a::@ka blocks in (%c1, %c1, %c1)
        threads in (%c1, %c1, %c1) args(%m : memref<2xf32>)
    gpu.launch_func @b::@kb blocks in (%c1, %c1, %c1)
        threads in (%c1, %c1, %c1) args(%m : memref<2xf32>)
    return
  }
}

// -----

// A single gpu.module is left as it is.
// CHECK-LABEL: module attributes {gpu.container_module}
// CHECK: gpu.module @only {
// CHECK: gpu.func @k() kernel
// CHECK: gpu.launch_func @only::@k
module attributes {gpu.container_module} {
  gpu.module @only {
    gpu.func @k() kernel {
      gpu.return
    }
  }
  func.func @host() {
    %c1 = arith.constant 1 : index
    gpu.launch_func @only::@k blocks in (%c1, %c1, %c1)
        threads in (%c1, %c1, %c1)
    return
  }
}
