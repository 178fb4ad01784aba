// Plan operations -> consul CLI commands (../shared/consul-semantics.md §5.9,
// §1.1; `consul config delete`, `consul acl policy create|update`):
//
//   peering.generate-token  consul peering generate-token -name PEER      (prints the token)
//   peering.establish       consul peering establish -name PEER -peering-token "$VAR"
//   config.write            consul config write [-cas -modify-index=N] FILE
//   config.delete           consul config delete -kind KIND -name NAME [-cas -modify-index=N]
//   acl.policy.write        consul acl policy create -name NAME -rules @FILE
//                           consul acl policy update -name NAME -rules @FILE -no-merge
//
// with -partition (and -namespace) on Enterprise clusters only. The entry and
// rules files the commands read are part of the result.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "emit.hpp"
#include "request_map.hpp"

namespace entryc::consul_http {

// One argument of a command.
struct Word {
  enum class Kind { literal, var, file };
  Kind kind = Kind::literal;
  std::string text;    // literal: the argument; var: the variable's name; file: the path next to the script
  std::string prefix;  // file: written before the path ("@" for -rules)
};

struct CliCommand {
  std::string cluster;
  std::vector<Word> args;   // after `consul`
  std::string capture_var;  // generate-token: where the printed token is kept
  std::vector<File> files;  // what the command reads, next to the script
};

class CliMap {
 public:
  explicit CliMap(const std::vector<ClusterAccess>& clusters) : clusters_(clusters), requests_(clusters) {}

  // The command for one operation, in plan order. Throws std::runtime_error
  // for an operation the consul CLI cannot express.
  CliCommand map(const Json& op);

 private:
  std::string unique_path(const std::string& stem, const std::string& ext);

  const std::vector<ClusterAccess>& clusters_;
  RequestMap requests_;  // variable names and references, shared with the HTTP mapping
  std::set<std::string> paths_;
};

}  // namespace entryc::consul_http
