// exports-meta-limits (E2): validateConfigEntryMeta.
#include "consul_text.hpp"
#include "entry.hpp"
#include "rules.hpp"

namespace exports {

void MetaLimits::check(const Document& doc, Reporter& out) const {
  auto it = doc.json.find("Meta");
  if (it == doc.json.end()) return;
  for (const consul_text::MetaProblem& p : consul_text::meta_problems(*it)) {
    const std::string path = p.key.empty() ? std::string("Meta") : "Meta[" + p.key + "]";
    auto r = out.report(path, p.key.empty() ? "Meta has more than 64 pairs"
                              : p.value  ? "Meta value for '" + p.key + "' is longer than 512 bytes"
                                         : "Meta key '" + p.key.substr(0, 40) + "...' is longer than 128 bytes");
    r.detail("Consul limits Meta to 64 pairs, keys to 128 bytes and values to 512 bytes.")
        .consul(consul_text::multierror({p.message}));
    if (!p.key.empty() && !p.value) r.at_key();
  }
}

}  // namespace exports
