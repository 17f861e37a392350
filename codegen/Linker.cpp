//===- Linker.cpp - Linking a model object with the runtime ---------------===//

#include "codegen/Linker.h"
#include "codegen/LinkerConfig.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <string>
#include <vector>

namespace nnc {

/// The folder with the runtime archives: `../lib` next to the running nnc
/// binary, which is right in the build tree and in an installation alike.
static llvm::Expected<std::string> runtimeLibraryDir() {
  std::string self = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
  llvm::SmallString<256> dir(llvm::sys::path::parent_path(self));
  llvm::sys::path::append(dir, "..", "lib");
  llvm::SmallString<256> probe(dir);
  llvm::sys::path::append(probe, "libnnc_kernels.a");
  if (!llvm::sys::fs::exists(probe))
    return llvm::createStringError("cannot find the nnc runtime: " +
                                   probe.str().str() + " does not exist");
  return dir.str().str();
}

/// The C++ compiler driver that links: the one nnc was built with, else
/// `c++` on the PATH.
static llvm::Expected<std::string> linkDriver() {
  if (llvm::sys::fs::can_execute(NNC_LINK_DRIVER))
    return std::string(NNC_LINK_DRIVER);
  if (auto found = llvm::sys::findProgramByName("c++"))
    return *found;
  return llvm::createStringError(
      "cannot link: no C++ compiler driver (" NNC_LINK_DRIVER
      " or c++ on the PATH)");
}

llvm::Error linkModel(llvm::ArrayRef<std::string> objects,
                      llvm::StringRef output, LinkKind kind) {
  auto libDir = runtimeLibraryDir();
  if (!libDir)
    return libDir.takeError();
  auto driver = linkDriver();
  if (!driver)
    return driver.takeError();
  auto archive = [&](llvm::StringRef name) {
    llvm::SmallString<256> path(*libDir);
    llvm::sys::path::append(path, name);
    return path.str().str();
  };
  std::vector<std::string> args = {*driver};
  if (kind == LinkKind::SharedLibrary)
    args.push_back("-shared");
  args.insert(args.end(), objects.begin(), objects.end());
  args.push_back("-o");
  args.push_back(output.str());
  if (kind == LinkKind::Executable)
    args.push_back(archive("libnnc_model_main.a"));
  if (kind == LinkKind::TrainingExecutable)
    args.push_back(archive("libnnc_train_main.a"));
  if (kind != LinkKind::SharedLibrary)
    args.push_back(archive("libnnc_runtime.a"));
  args.push_back(archive("libnnc_kernels.a"));
  for (const char *lib : {"-ldl", "-lpthread", "-lm"})
    args.push_back(lib);

  std::vector<llvm::StringRef> argRefs(args.begin(), args.end());
  std::string error;
  int rc = llvm::sys::ExecuteAndWait(*driver, argRefs, std::nullopt, {}, 0, 0,
                                     &error);
  if (rc != 0) {
    std::string command;
    for (const std::string &arg : args)
      command += (command.empty() ? "" : " ") + arg;
    return llvm::createStringError("linking failed (" +
                                   (error.empty() ? "exit code " +
                                                        std::to_string(rc)
                                                  : error) +
                                   "): " + command);
  }
  return llvm::Error::success();
}

} // namespace nnc
