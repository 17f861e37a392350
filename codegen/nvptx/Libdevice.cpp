//===- Libdevice.cpp - Finding CUDA's libdevice ---------------------------===//

#include "codegen/nvptx/Libdevice.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <cstdlib>
#include <vector>

namespace nnc {

std::optional<std::string> findLibdevice() {
  std::vector<std::string> roots;
  for (const char *variable : {"CUDA_HOME", "CUDA_PATH"})
    if (const char *value = std::getenv(variable))
      roots.push_back(value);
  if (auto ptxas = llvm::sys::findProgramByName("ptxas"))
    roots.push_back(
        llvm::sys::path::parent_path(llvm::sys::path::parent_path(*ptxas))
            .str());
  roots.push_back("/usr/local/cuda");
  roots.push_back("/usr/lib/nvidia-cuda-toolkit");
  for (const std::string &root : roots) {
    // The toolkit keeps it under nvvm/; Debian's package directly below.
    for (const char *folder : {"nvvm/libdevice", "libdevice"}) {
      llvm::SmallString<256> path(root);
      llvm::sys::path::append(path, folder, "libdevice.10.bc");
      if (llvm::sys::fs::exists(path))
        return path.str().str();
    }
  }
  return std::nullopt;
}

} // namespace nnc
