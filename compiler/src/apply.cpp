// Backend sessions over the C boundary, and running a plan through one.
#include "entryc/apply.hpp"

#include <map>

namespace entryc::apply {
namespace {

std::string to_string(entryc_str s) { return s.ptr ? std::string(s.ptr, s.len) : std::string(); }
entryc_str str(const std::string& s) { return {s.data(), s.size()}; }

// The host functions a backend may call; backends report nothing through
// them today (results travel in return values), but the table is required.
void ignore_report(void*, const entryc_report*) {}
const entryc_host kHost = {sizeof(entryc_host), ENTRYC_PLUGIN_ABI_VERSION, ignore_report};

}  // namespace

std::unique_ptr<Session> Session::open(const plugins::Plugin& backend, const Json& config, std::string& error) {
  const entryc_plugin* d = backend.descriptor;
  if (!backend.backend || !d) {
    error = "plugin '" + backend.name + "' is not a backend";
    return nullptr;
  }
  const std::string text = config.dump();
  entryc_str err{};
  entryc_backend* h = d->open(&kHost, nullptr, str(text), &err);
  if (!h) {
    error = to_string(err);
    if (error.empty()) error = "backend '" + backend.name + "' failed to open";
    return nullptr;
  }
  std::unique_ptr<Session> s(new Session());
  s->plugin_ = &backend;
  s->library_ = backend.library;
  s->handle_ = h;
  return s;
}

Session::~Session() {
  if (handle_) plugin_->descriptor->close(handle_);
}

std::optional<plan::State> Session::snapshot(std::string& error) {
  entryc_str out{}, err{};
  if (plugin_->descriptor->snapshot(handle_, &out, &err) != ENTRYC_BACKEND_OK) {
    error = to_string(err);
    return std::nullopt;
  }
  const Json j = Json::parse(to_string(out), nullptr, false);
  std::optional<plan::State> st = plan::state_from_json(j, error);
  if (!st) error = "backend '" + plugin_->name + "' returned a malformed snapshot: " + error;
  return st;
}

Session::OpResult Session::apply(const std::string& op_json) {
  OpResult r;
  entryc_str out{}, err{};
  const int rc = plugin_->descriptor->apply(handle_, str(op_json), &out, &err);
  if (rc == ENTRYC_BACKEND_FAILED || (rc != ENTRYC_BACKEND_OK && rc != ENTRYC_BACKEND_REJECTED)) {
    r.error = to_string(err);
    if (r.error.empty()) r.error = "backend '" + plugin_->name + "' failed";
    return r;
  }
  const Json j = Json::parse(to_string(out), nullptr, false);
  if (!j.is_object()) {
    r.error = "backend '" + plugin_->name + "' returned a malformed result";
    return r;
  }
  r.http = j.value("status", 0);
  if (rc == ENTRYC_BACKEND_REJECTED) {
    r.status = OpResult::Status::rejected;
    r.error = j.value("error", std::string());
  } else {
    r.status = OpResult::Status::ok;
    r.outputs = j.value("outputs", Json::object());
  }
  return r;
}

std::optional<Json> Session::request(const Json& req, std::string& error) {
  const std::string text = req.dump();
  entryc_str out{}, err{};
  if (plugin_->descriptor->request(handle_, str(text), &out, &err) != ENTRYC_BACKEND_OK) {
    error = to_string(err);
    return std::nullopt;
  }
  Json j = Json::parse(to_string(out), nullptr, false);
  if (j.is_discarded()) {
    error = "backend '" + plugin_->name + "' returned malformed JSON";
    return std::nullopt;
  }
  return j;
}

bool Session::commit(std::string& error) {
  entryc_str err{};
  if (plugin_->descriptor->commit(handle_, &err) != ENTRYC_BACKEND_OK) {
    error = to_string(err);
    return false;
  }
  return true;
}

std::size_t Outcome::count(OpOutcome::Status s) const {
  std::size_t n = 0;
  for (const OpOutcome& o : ops) n += o.status == s;
  return n;
}

namespace {

// Replaces {"$ref": "<op id>.<name>"} objects with the output they name.
// Returns false (and the missing reference) when one cannot be resolved.
bool resolve(Json& v, const std::map<std::string, Json>& outputs, std::string& missing) {
  if (v.is_object()) {
    if (v.size() == 1 && v.contains("$ref") && v["$ref"].is_string()) {
      const std::string ref = v["$ref"].get<std::string>();
      const std::size_t dot = ref.rfind('.');
      const auto it = dot == std::string::npos ? outputs.end() : outputs.find(ref.substr(0, dot));
      if (it == outputs.end() || !it->second.contains(ref.substr(dot + 1))) {
        missing = ref;
        return false;
      }
      v = it->second[ref.substr(dot + 1)];
      return true;
    }
    for (auto& [k, x] : v.items()) {
      if (!resolve(x, outputs, missing)) return false;
    }
  } else if (v.is_array()) {
    for (Json& x : v) {
      if (!resolve(x, outputs, missing)) return false;
    }
  }
  return true;
}

}  // namespace

Outcome run(Session& session, const plan::Plan& plan, const std::function<void(const OpOutcome&)>& progress,
            const std::function<void(const plan::Op&)>& starting) {
  Outcome out;
  std::map<std::string, Json> outputs;                 // op id → its outputs (secrets stay in memory)
  std::map<std::string, OpOutcome::Status> status_of;  // op id → what happened
  for (const plan::Op& op : plan.ops) {
    OpOutcome o;
    o.op = &op;
    for (const std::string& dep : op.depends_on) {
      const auto it = status_of.find(dep);
      if (it != status_of.end() && it->second != OpOutcome::Status::applied) {
        o.error = "not applied: it depends on " + dep + ", which " +
                  (it->second == OpOutcome::Status::failed ? "failed" : "was skipped");
        break;
      }
    }
    if (o.error.empty()) {
      Json j = Json::parse(plan::op_json(op));
      std::string missing;
      if (!resolve(j["body"], outputs, missing)) {
        o.error = "not applied: the reference " + missing + " has no value";
      } else {
        if (starting) starting(op);
        Session::OpResult r = session.apply(j.dump());
        o.http = r.http;
        if (r.status == Session::OpResult::Status::ok) {
          o.status = OpOutcome::Status::applied;
          if (!r.outputs.empty()) outputs[op.id] = std::move(r.outputs);
        } else {
          o.status = OpOutcome::Status::failed;
          o.error = std::move(r.error);
        }
      }
    }
    status_of[op.id] = o.status;
    if (progress) progress(o);
    out.ops.push_back(std::move(o));
  }
  out.committed = session.commit(out.commit_error);
  return out;
}

}  // namespace entryc::apply
