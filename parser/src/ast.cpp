#include "entryc/ast.hpp"

#include "entryc/utf8.hpp"

namespace entryc::ast {

const char* to_string(Kind k) {
  switch (k) {
    case Kind::null: return "null";
    case Kind::boolean: return "bool";
    case Kind::integer: return "integer";
    case Kind::floating: return "float";
    case Kind::string: return "string";
    case Kind::array: return "list";
    case Kind::object: return "object";
  }
  return "value";
}

bool looks_like_json(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const utf8::Decoded d = utf8::decode(text, i);
    i += d.size;
    if (utf8::is_space(d.rune)) continue;
    return d.rune == '{';
  }
  return false;
}

}  // namespace entryc::ast
