// Header-only C++ SDK for backend plugins (plugin_abi.h, ABI 2).
//
// A backend is a class; the SDK turns it into the C descriptor, catches
// every exception and keeps each result string alive until the next call:
//
//   class MyBackend final : public entryc::sdk::Backend {
//    public:
//     explicit MyBackend(const Json& config);
//     Json snapshot() override;                 // a plan state snapshot
//     Json apply(const Json& op) override;      // {"status": 200, "outputs": {...}}
//     Json request(const Json& req) override;   // anything else
//     void commit() override;                   // make it durable
//   };
//   ENTRYC_BACKEND_PLUGIN("my-backend", "1.0.0", MyBackend)
//
// A request the target refuses is `throw entryc::sdk::Rejected{403, "..."}`
// from apply(); any other exception is a backend failure.
#pragma once

#include <exception>
#include <memory>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "entryc/json_reader.hpp"
#include "entryc/plugin_abi.h"

namespace entryc::sdk::backend_detail {
inline entryc_str str(const std::string& s) { return {s.data(), s.size()}; }
inline std::string view(entryc_str s) { return s.ptr ? std::string(s.ptr, s.len) : std::string(); }
}  // namespace entryc::sdk::backend_detail

namespace entryc::sdk {

// The target refused an operation (Consul's status and exact text).
struct Rejected {
  int status = 500;
  std::string error;
};

class Backend {
 public:
  using Json = nlohmann::ordered_json;
  virtual ~Backend() = default;
  virtual Json snapshot() = 0;
  virtual Json apply(const Json& op) = 0;
  virtual Json request(const Json& req) = 0;
  virtual void commit() = 0;
};

template <typename T>
class BackendPlugin {
 public:
  BackendPlugin(const char* name, const char* version) : name_(name), version_(version) {
    desc_.struct_size = sizeof desc_;
    desc_.abi_version = ENTRYC_PLUGIN_ABI_VERSION;
    desc_.name = {name_.data(), name_.size()};
    desc_.version = {version_.data(), version_.size()};
    desc_.kind = ENTRYC_PLUGIN_BACKEND;
    desc_.open = &open;
    desc_.snapshot = &snapshot;
    desc_.apply = &apply;
    desc_.request = &request;
    desc_.commit = &commit;
    desc_.close = &close;
  }
  const entryc_plugin* descriptor() const { return &desc_; }

 private:
  using Json = Backend::Json;
  struct Session {
    std::unique_ptr<Backend> impl;
    std::string out, err;
  };

  // Runs `f`, turning exceptions into ENTRYC_BACKEND_FAILED with a message.
  template <typename F>
  static int guard(Session* s, entryc_str* error, F&& f) {
    try {
      return f();
    } catch (const std::exception& e) {
      s->err = e.what();
    } catch (...) {
      s->err = "unknown exception";
    }
    *error = backend_detail::str(s->err);
    return ENTRYC_BACKEND_FAILED;
  }

  static entryc_backend* open(const entryc_host*, void*, entryc_str config, entryc_str* error) {
    static thread_local std::string last;
    try {
      auto s = std::make_unique<Session>();
      s->impl = std::make_unique<T>(entryc::sdk::read_json(backend_detail::view(config)));
      return reinterpret_cast<entryc_backend*>(s.release());
    } catch (const std::exception& e) {
      last = e.what();
    } catch (...) {
      last = "unknown exception";
    }
    *error = backend_detail::str(last);
    return nullptr;
  }
  static Session* self(entryc_backend* b) { return reinterpret_cast<Session*>(b); }
  static int snapshot(entryc_backend* b, entryc_str* out, entryc_str* error) {
    Session* s = self(b);
    return guard(s, error, [&] {
      s->out = s->impl->snapshot().dump();
      *out = backend_detail::str(s->out);
      return ENTRYC_BACKEND_OK;
    });
  }
  static int apply(entryc_backend* b, entryc_str op, entryc_str* out, entryc_str* error) {
    Session* s = self(b);
    return guard(s, error, [&] {
      int rc = ENTRYC_BACKEND_OK;
      try {
        s->out = s->impl->apply(entryc::sdk::read_json(backend_detail::view(op))).dump();
      } catch (const Rejected& r) {
        s->out = Json{{"status", r.status}, {"error", r.error}}.dump();
        rc = ENTRYC_BACKEND_REJECTED;
      }
      *out = backend_detail::str(s->out);
      return rc;
    });
  }
  static int request(entryc_backend* b, entryc_str req, entryc_str* out, entryc_str* error) {
    Session* s = self(b);
    return guard(s, error, [&] {
      s->out = s->impl->request(entryc::sdk::read_json(backend_detail::view(req))).dump();
      *out = backend_detail::str(s->out);
      return ENTRYC_BACKEND_OK;
    });
  }
  static int commit(entryc_backend* b, entryc_str* error) {
    Session* s = self(b);
    return guard(s, error, [&] {
      s->impl->commit();
      return ENTRYC_BACKEND_OK;
    });
  }
  static void close(entryc_backend* b) {
    try {
      delete self(b);
    } catch (...) {
    }
  }

  std::string name_, version_;
  entryc_plugin desc_{};
};

}  // namespace entryc::sdk

// Defines the plugin entry point for backend class `Class` (constructed from
// the session's config JSON).
#define ENTRYC_BACKEND_PLUGIN(name, version, Class)                                                    \
  extern "C" ENTRYC_PLUGIN_EXPORT void entryc_plugin_is_backend(void) {}                                \
  extern "C" ENTRYC_PLUGIN_EXPORT const entryc_plugin* entryc_plugin_entry(uint32_t host_abi_version) { \
    (void)host_abi_version;                                                                           \
    static ::entryc::sdk::BackendPlugin<Class> plugin(name, version);                                 \
    return plugin.descriptor();                                                                       \
  }
