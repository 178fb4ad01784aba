// The host side of backend plugins: a session with one backend (the built-in
// runtime, or Consul's HTTP API), and applying a plan through it in
// dependency order. docs/backends.md describes the JSON the backend sees.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "entryc/plan.hpp"
#include "entryc/plugin_host.hpp"

namespace entryc::apply {

using Json = nlohmann::ordered_json;

class Session {
 public:
  // Opens a session with `backend`; nullptr and `error` on failure.
  static std::unique_ptr<Session> open(const plugins::Plugin& backend, const Json& config, std::string& error);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  const plugins::Plugin& backend() const { return *plugin_; }

  // What the targets hold (a plan state snapshot).
  std::optional<plan::State> snapshot(std::string& error);

  struct OpResult {
    enum class Status { ok, rejected, failed } status = Status::failed;
    int http = 0;       // the target's answer (rejected: e.g. 403)
    std::string error;  // rejected: the target's text; failed: what went wrong
    Json outputs;       // ok: what later operations may reference ({"PeeringToken": ...})
  };
  OpResult apply(const std::string& op_json);

  // Any other request ({"request": NAME, ...}); nullopt and `error` on failure.
  std::optional<Json> request(const Json& req, std::string& error);
  bool commit(std::string& error);

 private:
  Session() = default;
  const plugins::Plugin* plugin_ = nullptr;
  std::shared_ptr<void> library_;  // keeps the plugin loaded while the session lives
  entryc_backend* handle_ = nullptr;
};

// What happened to each operation of a plan.
struct OpOutcome {
  enum class Status { applied, failed, skipped } status = Status::skipped;
  const plan::Op* op = nullptr;
  int http = 0;
  std::string error;    // failed: the target's text; skipped: which dependency failed
};

struct Outcome {
  std::vector<OpOutcome> ops;  // in plan order
  bool committed = false;
  std::string commit_error;
  std::size_t count(OpOutcome::Status s) const;
};

// Applies `plan` in order. A reference ({"$ref": "<op id>.<output>"}) in a
// body is replaced by that operation's output in memory, never written out.
// An operation whose dependency failed or was skipped is skipped; the others
// still run. `progress` sees each outcome as it happens, `starting` each
// operation as it is sent. Commits at the end (also after failures: what was
// applied is kept).
Outcome run(Session& session, const plan::Plan& plan, const std::function<void(const OpOutcome&)>& progress = {},
            const std::function<void(const plan::Op&)>& starting = {});

}  // namespace entryc::apply
