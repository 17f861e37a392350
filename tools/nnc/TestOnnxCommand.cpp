//===- TestOnnxCommand.cpp - `nnc test-onnx` ------------------------------===//
//
// Each case runs in a child process of nnc (fork), so a crash or a hang in
// the importer, the compiler or the compiled model fails that case alone:
// the parent reports the signal, or kills the child (and the linker it may
// have started) after --timeout seconds. --jobs N runs N children at once;
// the lines still come out in the order of the folders given.
//
//===----------------------------------------------------------------------===//

#include "tools/nnc/TestOnnxCommand.h"
#include "tools/nnc/CommandLine.h"
#include "tools/nnc/OnnxTestCase.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace nnc {

static constexpr const char *kTestOnnxUsage =
    "usage: nnc test-onnx [options] DIR...\n"
    "\n"
    "Runs ONNX backend test cases. Each DIR holds model.onnx and\n"
    "test_data_set_N/{input_K,output_K}.pb (TensorProto; input K is the\n"
    "K-th graph input that is not an initializer). The model is imported\n"
    "with the shapes of data set 0 (and its values, where a converter needs\n"
    "an input at import time: then every data set must give the same),\n"
    "compiled to a shared library and run on every data set; every output\n"
    "must match in dtype and shape, floats within atol + rtol * |want| (NaN\n"
    "matches NaN), integers and bools exactly. Prints `PASS NAME`,\n"
    "`FAIL NAME: reason` or `SKIP NAME: reason` per case, then\n"
    "`N passed, N failed` (and `, N skipped` when any were). Exits 0 when\n"
    "no case failed.\n"
    "\n"
    "  --grad               where DIR has grads/<initializer>.pb, compile the\n"
    "                       gradient of output 0 (a scalar) instead and also\n"
    "                       compare each gradient (at test_data_set_0)\n"
    "  --target=cpu|nvptx   where the model runs (default cpu); without a\n"
    "                       GPU an nvptx case is a SKIP saying so\n"
    "  --rtol=R --atol=A    tolerances (default 1e-3 and 1e-4)\n"
    "  --jobs=N, -j N       run N cases at once (default 1)\n"
    "  --timeout=S          fail a case still running after S seconds\n"
    "                       (default 300)\n";

namespace {

/// A case running in a child process.
struct RunningCase {
  size_t index;
  pid_t pid;
  int resultPipe;
  std::string workDir;
  std::chrono::steady_clock::time_point start;
};

/// The case's name: the last component of its folder.
std::string caseName(llvm::StringRef dir) {
  while (dir.size() > 1 && dir.ends_with("/"))
    dir = dir.drop_back();
  return llvm::sys::path::filename(dir).str();
}

/// Writes all of `text` to `fd`.
void writeAll(int fd, const std::string &text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0)
      return;
    done += n;
  }
}

/// What the child sends: an outcome letter and the reason on one line.
std::string encodeResult(const OnnxTestResult &result) {
  char letter = result.outcome == OnnxTestResult::Outcome::Pass   ? 'P'
                : result.outcome == OnnxTestResult::Outcome::Skip ? 'S'
                                                                  : 'F';
  std::string reason = result.reason.substr(0, 2000);
  for (char &c : reason)
    if (c == '\n' || c == '\r')
      c = ' ';
  return letter + reason;
}

/// The first line of the child's stderr that says what went wrong (an
/// "LLVM ERROR", an assertion, an "error:"), or "".
std::string crashMessage(const std::string &path) {
  std::ifstream file(path);
  std::string line;
  while (std::getline(file, line))
    if (line.find("ERROR") != std::string::npos ||
        line.find("error") != std::string::npos ||
        line.find("Assertion") != std::string::npos)
      return ": " + line.substr(0, 300);
  return "";
}

} // namespace

int testOnnxCommand(const std::vector<std::string> &args) {
  OnnxTestOptions options;
  double jobs = 1, timeout = 300;
  std::vector<std::string> dirs;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string &arg = args[i];
    std::string value, error;
    auto usage = [&](const std::string &message) {
      llvm::errs() << "error: " << message << "\n\n" << kTestOnnxUsage;
      return 2;
    };
    if (arg == "--help" || arg == "-h") {
      llvm::outs() << kTestOnnxUsage;
      return 0;
    }
    if (arg == "--grad") {
      options.gradient = true;
    } else if (takeValue(args, i, "--target", value)) {
      if (value == "cpu")
        options.target = Target::Cpu;
      else if (value == "nvptx")
        options.target = Target::Nvptx;
      else
        return usage("unknown target '" + value + "'");
    } else if (takeNumber(args, i, "--rtol", &options.tolerance.rtol, error) ||
               takeNumber(args, i, "--atol", &options.tolerance.atol, error) ||
               takeNumber(args, i, "--jobs", &jobs, error) ||
               takeNumber(args, i, "-j", &jobs, error) ||
               takeNumber(args, i, "--timeout", &timeout, error)) {
      if (!error.empty())
        return usage(error);
    } else if (!arg.empty() && arg[0] == '-') {
      return usage("unknown option '" + arg + "'");
    } else {
      dirs.push_back(arg);
    }
  }
  if (dirs.empty()) {
    llvm::errs() << "error: no test case folder given\n\n" << kTestOnnxUsage;
    return 2;
  }
  if (jobs < 1 || timeout <= 0 || options.tolerance.rtol < 0 ||
      options.tolerance.atol < 0) {
    llvm::errs() << "error: --jobs must be at least 1, --timeout positive, "
                    "--rtol and --atol not negative\n\n"
                 << kTestOnnxUsage;
    return 2;
  }

  std::vector<std::optional<OnnxTestResult>> results(dirs.size());
  std::vector<RunningCase> running;
  size_t next = 0, printed = 0, passed = 0, failedCount = 0, skipped = 0;

  auto start = [&](size_t index) {
    llvm::SmallString<128> workDir;
    int fds[2];
    if (llvm::sys::fs::createUniqueDirectory("nnc-test-onnx", workDir) ||
        pipe(fds) != 0) {
      results[index] = {OnnxTestResult::Outcome::Fail,
                        "cannot create a temporary folder or pipe"};
      return;
    }
    llvm::outs().flush();
    llvm::errs().flush();
    pid_t pid = fork();
    if (pid == 0) {
      // The child: its own process group (so a timeout kills its linker
      // too), stderr to a file the parent reads after a crash.
      setpgid(0, 0);
      close(fds[0]);
      std::string stderrPath = (workDir + "/child-stderr.txt").str();
      int file = open(stderrPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (file >= 0) {
        dup2(file, 2);
        close(file);
      }
      OnnxTestResult result =
          runOnnxTestCase(dirs[index], workDir.str().str(), options);
      writeAll(fds[1], encodeResult(result));
      close(fds[1]);
      _exit(0);
    }
    close(fds[1]);
    if (pid < 0) {
      close(fds[0]);
      llvm::sys::fs::remove_directories(workDir);
      results[index] = {OnnxTestResult::Outcome::Fail, "cannot fork"};
      return;
    }
    running.push_back({index, pid, fds[0], workDir.str().str(),
                       std::chrono::steady_clock::now()});
  };

  auto finish = [&](const RunningCase &child, int status, bool timedOut) {
    std::string message;
    char buffer[4096];
    ssize_t n;
    while ((n = read(child.resultPipe, buffer, sizeof(buffer))) > 0)
      message.append(buffer, n);
    close(child.resultPipe);
    OnnxTestResult result;
    if (timedOut) {
      std::ostringstream seconds;
      seconds << timeout;
      result.reason = "timed out after " + seconds.str() + " s";
    } else if (!message.empty() && WIFEXITED(status) &&
               WEXITSTATUS(status) == 0) {
      result.outcome = message[0] == 'P'   ? OnnxTestResult::Outcome::Pass
                       : message[0] == 'S' ? OnnxTestResult::Outcome::Skip
                                           : OnnxTestResult::Outcome::Fail;
      result.reason = message.substr(1);
    } else if (WIFSIGNALED(status)) {
      result.reason = "crashed (signal " + std::to_string(WTERMSIG(status)) +
                      ", " + strsignal(WTERMSIG(status)) + ")" +
                      crashMessage(child.workDir + "/child-stderr.txt");
    } else {
      result.reason =
          "crashed (exit status " +
          std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")" +
          crashMessage(child.workDir + "/child-stderr.txt");
    }
    llvm::sys::fs::remove_directories(child.workDir);
    results[child.index] = std::move(result);
  };

  while (printed < dirs.size()) {
    while (running.size() < size_t(jobs) && next < dirs.size())
      start(next++);
    bool reaped = false;
    for (size_t r = 0; r < running.size();) {
      RunningCase &child = running[r];
      int status = 0;
      pid_t done = waitpid(child.pid, &status, WNOHANG);
      bool timedOut = false;
      if (done == 0) {
        double seconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - child.start)
                             .count();
        if (seconds < timeout) {
          ++r;
          continue;
        }
        kill(-child.pid, SIGKILL);
        kill(child.pid, SIGKILL);
        waitpid(child.pid, &status, 0);
        timedOut = true;
      }
      finish(child, status, timedOut);
      running.erase(running.begin() + r);
      reaped = true;
    }
    for (; printed < dirs.size() && results[printed]; ++printed) {
      const OnnxTestResult &result = *results[printed];
      std::string name = caseName(dirs[printed]);
      switch (result.outcome) {
      case OnnxTestResult::Outcome::Pass:
        ++passed;
        llvm::outs() << "PASS " << name << "\n";
        break;
      case OnnxTestResult::Outcome::Skip:
        ++skipped;
        llvm::outs() << "SKIP " << name << ": " << result.reason << "\n";
        break;
      case OnnxTestResult::Outcome::Fail:
        ++failedCount;
        llvm::outs() << "FAIL " << name << ": " << result.reason << "\n";
        break;
      }
      llvm::outs().flush();
    }
    if (!reaped && printed < dirs.size())
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  llvm::outs() << passed << " passed, " << failedCount << " failed";
  if (skipped)
    llvm::outs() << ", " << skipped << " skipped";
  llvm::outs() << "\n";
  return failedCount ? 1 : 0;
}

} // namespace nnc
