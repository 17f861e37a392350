//===- Libdevice.h - Finding CUDA's libdevice -------------------*- C++ -*-===//
//
// Kernels lower math (exp, tanh, erf, fabs, fma, ...) to calls into CUDA's
// libdevice bitcode, which is linked into the PTX at compile time. It ships
// with the CUDA toolkit, not with LLVM, so nnc looks for it.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_NVPTX_LIBDEVICE_H
#define NNC_CODEGEN_NVPTX_LIBDEVICE_H

#include <optional>
#include <string>

namespace nnc {

/// `nvvm/libdevice/libdevice.10.bc` under $CUDA_HOME, $CUDA_PATH, the folder
/// above the `ptxas` on the PATH, /usr/local/cuda or Debian's
/// /usr/lib/nvidia-cuda-toolkit, whichever comes first; nothing if none has
/// it.
std::optional<std::string> findLibdevice();

} // namespace nnc

#endif // NNC_CODEGEN_NVPTX_LIBDEVICE_H
